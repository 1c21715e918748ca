import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../support/demo-server.js';

/**
 * `npm ci && npm start` on a fresh clone: no dist/ yet, so npm's prestart compiles it, and the
 * compiled server finds every file it reads at run time. A copy of the checkout (its
 * node_modules linked, as `npm ci` would have installed them) stands for the clone.
 */
describe('npm start on a fresh clone', () => {
  const clone = mkdtempSync(join(tmpdir(), 'pgql-clone-'));
  for (const name of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src']) {
    cpSync(name, join(clone, name), { recursive: true });
  }
  symlinkSync(join(process.cwd(), 'node_modules'), join(clone, 'node_modules'), 'dir');
  const check = () => spawnSync(process.execPath, ['scripts/build.mjs', '--check'], { cwd: clone }).status;
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('builds dist/ before starting, serves from it, and stops on SIGTERM', async () => {
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const server = await startDemoServer({}, { via: 'npm', cwd: clone });
    try {
      expect(server.logs.join('\n')).toContain('building dist/');
      expect(existsSync(join(clone, 'dist', 'server.js'))).toBe(true);
      const script = await fetch(`${server.url}/status/assets/status.js`);
      expect(script.status).toBe(200);
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exit).toBe(0);
    }
  }, 240_000);

  it('starts the next time without building, and builds again once a source changed', () => {
    expect(check()).toBe(0);
    appendFileSync(join(clone, 'src', 'server.ts'), '\n// changed\n');
    expect(check()).toBe(1);
  });
});
