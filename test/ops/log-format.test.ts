import { spawn, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { sha256Hex } from '../edge/support.js';
import { startHarness } from '../support/harness.js';
import { ensureBuilt } from '../support/demo-server.js';

/** A logger of `format` whose output stays in memory, as text. */
function textLogger(format: 'json' | 'pretty') {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: createLogger('info', sink, format), text: () => text };
}

const API_KEY = 'pgk_log-format-key';

describe('LOG_FORMAT=pretty', () => {
  it('writes lines for a person (time, level, message, then the fields), redacted like the JSON ones', () => {
    const { logger, text } = textLogger('pretty');
    logger.warn({ authorization: 'Bearer pl-secret-token', headers: { 'x-api-key': 'pgk_secret' }, tenant: 't_abc' }, 'something to look at');
    const lines = text().split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] WARN: something to look at$/);
    expect(text()).toContain('tenant: "t_abc"');
    expect(text()).toContain('[redacted]');
    expect(text()).not.toContain('pl-secret-token');
    expect(text()).not.toContain('pgk_secret');
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });

  it('keeps the edge’s rules: one line per GraphQL request, at the level its outcome deserves, no token', async () => {
    const { logger, text } = textLogger('pretty');
    const h = await startHarness({ logger, env: { GATEWAY_API_KEYS: `app=${sha256Hex(API_KEY)}` } });
    try {
      await h.gql('query Fine { me { company { name } } }', undefined, { 'x-api-key': API_KEY });
      await h.gql('query Wrong { customer(id: "nope") { name } }', undefined, { 'x-api-key': API_KEY });
      await h.gql('{ me { company { name } } }', undefined, { 'x-api-key': 'pgk_wrong' });
      const heads = text()
        .split('\n')
        .filter((line) => /^\[\d/.test(line) && / operation( refused)?$/.test(line));
      expect(heads.map((line) => line.replace(/^\[[^\]]+\] /, ''))).toEqual(['INFO: operation', 'INFO: operation', 'WARN: operation refused']);
      expect(text()).toContain('operation: "Fine"');
      expect(text()).toContain('BAD_USER_INPUT');
      expect(text()).not.toContain(h.sim.demoToken);
      expect(text()).not.toContain(API_KEY);
    } finally {
      await h.close();
    }
  });

  it('is what the compiled server writes when asked, down to its last line on SIGTERM; an unknown format stops start-up (exit 2)', async () => {
    ensureBuilt();
    const child = spawn(process.execPath, ['dist/server.js'], {
      env: { ...process.env, PORT: '0', PENNYLANE_API_TOKEN: '', PENNYLANE_BASE_URL: '', LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (let waited = 0; !out.includes('pennylane-graphql listening') && waited < 60_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(out).toMatch(/\] INFO: pennylane-graphql listening/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out.trimEnd()).toMatch(/\] INFO: stopped$/);
    expect(out.split('\n').some((line) => line.startsWith('{'))).toBe(false);

    const bad = spawnSync(process.execPath, ['dist/server.js'], { env: { ...process.env, PORT: '0', LOG_FORMAT: 'xml' }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('LOG_FORMAT');
  }, 90_000);

  it('JSON by default: one object per line', () => {
    const { logger, text } = textLogger('json');
    logger.info({ tenant: 't_abc' }, 'hello');
    expect(JSON.parse(text().trim())).toMatchObject({ msg: 'hello', tenant: 't_abc', service: 'pennylane-graphql' });
  });
});
