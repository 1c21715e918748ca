import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` as a newcomer runs it: no token, so the embedded simulator starts, GraphiQL
 * and health endpoints answer, and SIGTERM drains and exits cleanly.
 */
describe('npm start with no Pennylane token', () => {
  let child: ChildProcess;
  let url = '';
  const logs: string[] = [];
  let exit: Promise<number | null>;

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: '0', PENNYLANE_API_TOKEN: '', PENNYLANE_BASE_URL: '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exit = new Promise((resolve) => child.once('exit', resolve));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          logs.push(line);
          const parsed = JSON.parse(line) as { url?: string };
          if (parsed.url) resolve(parsed.url.replace(/\/graphql$/, ''));
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${logs.join('\n')}`)));
    });
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('says in one log line that it serves the embedded simulator, with its URL and demo token, its books dated today', () => {
    const lines = logs.filter((line) => line.includes('embedded Pennylane simulator'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, string>;
    expect(line.sandbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/external\/v2$/);
    expect(line.sandboxControl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__sandbox\/$/);
    expect(line.demoToken).toBe('demo-token');
    // The demo is dated on the real calendar, so late invoices are late today.
    expect(line.booksUpTo).toBe(new Date().toISOString().slice(0, 10));
  });

  it('redirects / to GraphiQL', async () => {
    const response = await fetch(`${url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
  });

  it('answers GraphQL over HTTP from the demo company', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { company { name } } customerInvoices(first: 1) { edges { node { invoiceNumber } } } }' }),
    });
    const body = (await response.json()) as { data: { me: { company: { name: string } } } };
    expect(response.status).toBe(200);
    expect(body.data.me.company.name).toBeTruthy();
  });

  it('serves GraphiQL with its assets from the gateway itself (no CDN) and example operations', async () => {
    const page = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('/graphiql/assets/graphiql.js');
    expect(page).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
    expect(page).toContain('LateInvoices');
    for (const asset of ['graphiql.js', 'graphiql.css', 'editor.worker.js', 'graphql.worker.js', 'json.worker.js']) {
      const response = await fetch(`${url}/graphiql/assets/${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.text()).length, asset).toBeGreaterThan(1_000);
    }
  });

  it('answers /health and /ready', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  });

  it('drains and exits 0 on SIGTERM, and logged the demo token only in its start-up line', async () => {
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(logs.join('\n')).toContain('stopped');
    expect(logs.filter((line) => line.includes('demo-token'))).toEqual(logs.filter((line) => line.includes('embedded Pennylane simulator')));
  });
});
