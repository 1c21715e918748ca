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
