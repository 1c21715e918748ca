import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { send, ME } from './support.js';

const EVIL = 'https://evil.example';
const CREATE = 'mutation { createProduct(input: { label: "Planted", priceBeforeTax: "1.00", vatRate: "FR_200" }) { __typename } }';

function corsHeadersOf(response: Response): string[] {
  return [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
}

describe('cross-site requests (an Origin from another site)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  const expectRefused = async (response: Response) => {
    expect(response.status).toBe(403);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CSRF_HEADER_REQUIRED');
    expect(corsHeadersOf(response)).toEqual([]);
    expect(h.sim.control.count()).toBe(0);
  };

  it('refuses a form-encoded POST that would create a product', async () => {
    const body = new URLSearchParams({ query: CREATE }).toString();
    await expectRefused(await send(h, { method: 'POST', headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }, body }));
    expect(h.sim.control.snapshot('products').some((p) => (p as { label: string }).label === 'Planted')).toBe(false);
  });

  it('refuses a multipart POST without the CSRF header', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: CREATE }));
    form.append('map', '{}');
    await expectRefused(await send(h, { method: 'POST', headers: { origin: EVIL }, body: form }));
  });

  it('refuses a text/plain POST (a form with enctype=text/plain)', async () => {
    await expectRefused(await send(h, { method: 'POST', headers: { origin: EVIL, 'content-type': 'text/plain' }, body: JSON.stringify({ query: CREATE }) }));
  });

  it('refuses a GET with a mutation, and never runs a mutation over GET even with the header', async () => {
    const path = `/graphql?query=${encodeURIComponent(CREATE)}`;
    await expectRefused(await send(h, { path, headers: { origin: EVIL, accept: 'application/json' } }));
    const withHeader = await send(h, { path, headers: { origin: EVIL, accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(405);
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a GET query without the header, and serves it with one', async () => {
    const path = `/graphql?query=${encodeURIComponent(ME)}`;
    await expectRefused(await send(h, { path, headers: { origin: EVIL, accept: 'application/json' } }));
    const ok = await send(h, { path, headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(ok.status).toBe(200);
  });

  it('answers a credentialed CORS preflight from an unlisted origin without any CORS header', async () => {
    const preflight = await send(h, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });
    expect(corsHeadersOf(preflight)).toEqual([]);
    const post = await send(h, { method: 'POST', headers: { origin: EVIL, 'content-type': 'application/json', cookie: 'session=1' }, body: JSON.stringify({ query: ME }) });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('serves JSON POSTs from its own pages (GraphiQL) and the GraphiQL page itself', async () => {
    const page = await send(h, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const post = await send(h, { method: 'POST', headers: { origin: 'http://gateway.test', 'content-type': 'application/json' }, body: JSON.stringify({ query: ME }) });
    expect(post.status).toBe(200);
  });
});

describe('CORS allow-list (GATEWAY_CORS_ORIGINS)', () => {
  const APP = 'https://app.example.com';
  const preflight = (h: Harness, origin: string) =>
    send(h, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' } });

  it('names a listed origin back, never a wildcard echo, and no credentials unless asked', async () => {
    const h = await startHarness({ env: { GATEWAY_CORS_ORIGINS: `${APP},https://admin.example.com` } });
    try {
      const ok = await preflight(h, APP);
      expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
      expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
      expect(ok.headers.get('access-control-allow-headers')).toContain('x-api-key');
      expect(ok.headers.get('vary')).toMatch(/origin/i);
      expect(corsHeadersOf(await preflight(h, EVIL))).toEqual([]);
      const post = await send(h, { method: 'POST', headers: { origin: APP, 'content-type': 'application/json' }, body: JSON.stringify({ query: ME }) });
      expect(post.headers.get('access-control-allow-origin')).toBe(APP);
      expect(post.headers.get('access-control-expose-headers')).toContain('x-request-id');
    } finally {
      await h.close();
    }
  });

  it('allows credentials only for listed origins, when GATEWAY_CORS_CREDENTIALS=true', async () => {
    const h = await startHarness({ env: { GATEWAY_CORS_ORIGINS: APP, GATEWAY_CORS_CREDENTIALS: 'true' } });
    try {
      expect((await preflight(h, APP)).headers.get('access-control-allow-credentials')).toBe('true');
      expect(corsHeadersOf(await preflight(h, EVIL))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe("the README's curl upload example", () => {
  it('uploads a file through a real HTTP server, exactly as written', async () => {
    const h = await startHarness();
    const server = createServer(h.gateway.yoga);
    const dir = await mkdtemp(join(tmpdir(), 'readme-upload-'));
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
      const block = /```sh\n(curl [^`]*uploadFileAttachment[^`]*)```/.exec(readme)?.[1];
      expect(block).toBeTruthy();
      const command = block!.replace('http://127.0.0.1:4000', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await writeFile(join(dir, 'invoice.pdf'), '%PDF-1.4\n% readme\n%%EOF\n');
      const { stdout } = await promisify(execFile)('bash', ['-c', `${command.trimEnd()} -s`], { cwd: dir });
      const answer = JSON.parse(stdout) as { data: { uploadFileAttachment: { __typename: string; fileAttachment: { url: string } } } };
      expect(answer.data.uploadFileAttachment.__typename).toBe('FileAttachmentPayload');
      expect(answer.data.uploadFileAttachment.fileAttachment.url).toBeTruthy();
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
      await h.close();
    }
  });
});
