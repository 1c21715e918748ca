import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { FileConnectionStore } from '../../src/connections/file-store.js';
import { parseEncryptionKey, SecretBox, SecretBoxError } from '../../src/connections/secret-box.js';

const APP = {
  PENNYLANE_OAUTH_CLIENT_ID: 'id',
  PENNYLANE_OAUTH_CLIENT_SECRET: 'secret',
  PENNYLANE_OAUTH_REDIRECT_URI: 'https://gateway.example/oauth/callback',
};
const KEY_HEX = randomBytes(32).toString('hex');

describe('OAuth configuration', () => {
  it('is off without an app, and reaches real Pennylane (not the simulator) with one', () => {
    expect(loadConfig({}).oauth.app).toBeNull();
    const config = loadConfig({ ...APP, GATEWAY_ENCRYPTION_KEY: KEY_HEX });
    expect(config.pennylane.upstream).toBe('pennylane');
    expect(config.oauth.app).toMatchObject({ clientId: 'id', serverUrl: 'https://app.pennylane.com', encryptionKeys: [KEY_HEX], throwaway: false });
  });

  it('refuses to start with an app but no key, or a key that is not 32 bytes, naming the variable and never echoing it', () => {
    expect(() => loadConfig(APP)).toThrow(/GATEWAY_ENCRYPTION_KEY.*openssl rand -hex 32/);
    const short = randomBytes(31).toString('hex');
    expect(() => loadConfig({ ...APP, GATEWAY_ENCRYPTION_KEY: short })).toThrow(ConfigError);
    expect(() => loadConfig({ ...APP, GATEWAY_ENCRYPTION_KEY: short })).not.toThrow(new RegExp(short));
    expect(() => loadConfig({ ...APP, GATEWAY_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/expected 32 bytes, got 16/);
    expect(loadConfig({ ...APP, GATEWAY_ENCRYPTION_KEY: Buffer.from(KEY_HEX, 'hex').toString('base64') }).oauth.app?.encryptionKeys).toEqual([KEY_HEX]);
    expect(loadConfig({ ...APP, GATEWAY_ENCRYPTION_KEY: Buffer.from(KEY_HEX, 'hex').toString('base64url') }).oauth.app?.encryptionKeys).toEqual([KEY_HEX]);
  });

  it('needs the three app variables together, an https redirect to /oauth/callback, and Pennylane scopes', () => {
    expect(() => loadConfig({ PENNYLANE_OAUTH_CLIENT_ID: 'id', GATEWAY_ENCRYPTION_KEY: KEY_HEX })).toThrow(/PENNYLANE_OAUTH_CLIENT_SECRET and PENNYLANE_OAUTH_REDIRECT_URI are missing/);
    expect(() => loadConfig({ ...APP, PENNYLANE_OAUTH_REDIRECT_URI: 'http://gateway.example/oauth/callback', GATEWAY_ENCRYPTION_KEY: KEY_HEX })).toThrow(/https URL/);
    expect(() => loadConfig({ ...APP, PENNYLANE_OAUTH_REDIRECT_URI: 'https://gateway.example/callback', GATEWAY_ENCRYPTION_KEY: KEY_HEX })).toThrow(/\/oauth\/callback/);
    expect(loadConfig({ ...APP, PENNYLANE_OAUTH_REDIRECT_URI: 'http://127.0.0.1:4000/oauth/callback', GATEWAY_ENCRYPTION_KEY: KEY_HEX }).oauth.app).not.toBeNull();
    expect(() => loadConfig({ PENNYLANE_OAUTH_SCOPES: 'customers:readonly drop table' })).toThrow(/PENNYLANE_OAUTH_SCOPES/);
  });

  it('stops `npm start` with the message and exit code 2 when the key is missing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, ...APP, GATEWAY_ENCRYPTION_KEY: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Invalid GATEWAY_ENCRYPTION_KEY');
  });
});

describe('the secret box (AES-256-GCM) that seals tokens at rest', () => {
  const key = parseEncryptionKey(KEY_HEX);
  const box = new SecretBox([key]);

  it('opens what it sealed, for the same record only, and never the same ciphertext twice', () => {
    const sealed = box.seal('the refresh token', 'connection:cn_1');
    expect(sealed).not.toContain('refresh');
    expect(box.open(sealed, 'connection:cn_1')).toBe('the refresh token');
    expect(box.seal('the refresh token', 'connection:cn_1')).not.toBe(sealed);
    expect(() => box.open(sealed, 'connection:cn_2')).toThrow(SecretBoxError);
    const [version, id, iv, ciphertext, tag] = sealed.split('.');
    const flipped = Buffer.from(ciphertext!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => box.open([version, id, iv, flipped.toString('base64url'), tag].join('.'), 'connection:cn_1')).toThrow(SecretBoxError);
  });

  it('rotates keys: seals with the first, opens with any, and says which need sealing again', () => {
    const next = new SecretBox([randomBytes(32), key]);
    const old = box.seal('secret', 'ctx');
    expect(next.open(old, 'ctx')).toBe('secret');
    expect(next.isStale(old)).toBe(true);
    expect(next.isStale(next.seal('secret', 'ctx'))).toBe(false);
    expect(() => new SecretBox([randomBytes(32)]).open(old, 'ctx')).toThrow(/GATEWAY_ENCRYPTION_KEY changed/);
    expect(JSON.stringify(box)).toBe('{"keys":1}');
  });
});

describe('the connections file', () => {
  it('is used by one process (one store) at a time, and taken back once released', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'pgql-store-'));
    try {
      const path = join(directory, 'connections.json');
      const first = new FileConnectionStore(path);
      expect(() => new FileConnectionStore(path)).toThrow(/in use by another gateway.*REDIS_URL/);
      await first.close();
      await new FileConnectionStore(path).close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
