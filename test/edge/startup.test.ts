import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `src/server.ts` until it listens (then SIGTERM) or exits; returns its exit code and output. */
function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: '0', PENNYLANE_API_TOKEN: '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('pennylane-graphql listening')) child.kill('SIGTERM');
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('start-up on a non-loopback address', () => {
  it('refuses to start with no client authentication, naming GATEWAY_AUTH', async () => {
    const { code, stderr } = await run({ HOST: '0.0.0.0', GATEWAY_AUTH: '', GATEWAY_API_KEYS: '' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Invalid GATEWAY_AUTH: HOST=0\.0\.0\.0 is reachable from other machines/);
  });

  it('starts with GATEWAY_AUTH=none, and says so in a warning', async () => {
    const { code, stdout } = await run({ HOST: '0.0.0.0', GATEWAY_AUTH: 'none' });
    expect(code).toBe(0);
    const warning = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string; auth?: string })
      .find((line) => line.msg.includes('client authentication is off'));
    expect(warning).toMatchObject({ level: 40, auth: 'none' });
  });
});
