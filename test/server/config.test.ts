import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

/** No silent fallbacks: what the environment asks for is what the gateway serves, or it says why not. */
describe('choosing the upstream', () => {
  it('serves the embedded simulator only when neither a token nor a base URL is set', () => {
    expect(loadConfig({}).pennylane.upstream).toBe('simulator');
    expect(loadConfig({ PENNYLANE_API_TOKEN: 't' }).pennylane.upstream).toBe('pennylane');
    expect(loadConfig({ PENNYLANE_API_TOKEN: 't', PENNYLANE_BASE_URL: 'https://pl.example/api' }).pennylane).toMatchObject({
      upstream: 'pennylane',
      baseUrl: 'https://pl.example/api',
    });
  });

  it('refuses a base URL without a token, naming the three ways out', () => {
    const refuse = () => loadConfig({ PENNYLANE_BASE_URL: 'https://pl.example/api' });
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(/PENNYLANE_BASE_URL.*PENNYLANE_API_TOKEN.*PENNYLANE_ALLOW_CLIENT_TOKENS=true.*unset PENNYLANE_BASE_URL/);
  });

  it('takes a base URL without a token as the explicit choice to serve only clients that bring their own', () => {
    const config = loadConfig({ PENNYLANE_BASE_URL: 'https://pl.example/api', PENNYLANE_ALLOW_CLIENT_TOKENS: 'true' });
    expect(config.pennylane).toMatchObject({ upstream: 'pennylane', apiToken: null, allowClientTokens: true, baseUrl: 'https://pl.example/api' });
  });

  it('dates the demo books on the real calendar unless SANDBOX_TODAY says otherwise', () => {
    expect(loadConfig({}).sandbox.today).toBeNull();
    expect(loadConfig({ SANDBOX_TODAY: '2026-11-16' }).sandbox.today).toBe('2026-11-16');
    expect(() => loadConfig({ SANDBOX_TODAY: '16/11/2026' })).toThrow(/SANDBOX_TODAY/);
  });

  it('npm start stops at once with that message (exit 2) instead of answering from the simulator', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: '0', PENNYLANE_API_TOKEN: '', PENNYLANE_BASE_URL: 'https://pl.example/api', PENNYLANE_ALLOW_CLIENT_TOKENS: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Invalid PENNYLANE_BASE_URL: it is set but PENNYLANE_API_TOKEN is not.');
    expect(run.stdout).not.toContain('listening');
  });
});

describe('state shared by replicas', () => {
  const shared = { REDIS_URL: 'redis://127.0.0.1:6379', PENNYLANE_ALLOW_CLIENT_TOKENS: 'true' };

  it('keeps bulk operations a day after their last change, and locks a stopped replica\'s work 15 s, unless told otherwise', () => {
    expect(loadConfig({}).jobs).toEqual({ bulkRetentionMs: 86_400_000, lockMs: 15_000 });
    expect(loadConfig({ PENNYLANE_BULK_RETENTION_SECONDS: '3600', PENNYLANE_JOB_LOCK_MS: '1000' }).jobs).toEqual({ bulkRetentionMs: 3_600_000, lockMs: 1_000 });
    expect(() => loadConfig({ PENNYLANE_JOB_LOCK_MS: '50' })).toThrow(/PENNYLANE_JOB_LOCK_MS/);
  });

  it('needs an encryption key to keep client tokens with bulk jobs in Redis, and never echoes it', () => {
    expect(() => loadConfig(shared)).toThrow(/GATEWAY_ENCRYPTION_KEY.*REDIS_URL.*their own Pennylane tokens/);
    const hex = 'c0ffee'.repeat(10) + 'c0ff';
    expect(loadConfig({ ...shared, GATEWAY_ENCRYPTION_KEY: hex }).encryptionKeys).toEqual([hex]);
    expect(loadConfig({ ...shared, GATEWAY_ENCRYPTION_KEY: Buffer.from(hex, 'hex').toString('base64') }).encryptionKeys).toEqual([hex]);
    const short = 'not-a-32-byte-secret';
    expect(() => loadConfig({ ...shared, GATEWAY_ENCRYPTION_KEY: short })).toThrow(/32 bytes/);
    expect(() => loadConfig({ ...shared, GATEWAY_ENCRYPTION_KEY: short })).not.toThrow(new RegExp(short));
    // One replica, or only the gateway's own token: nothing to encrypt.
    expect(loadConfig({ PENNYLANE_ALLOW_CLIENT_TOKENS: 'true' }).encryptionKeys).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).encryptionKeys).toBeNull();
  });
});
