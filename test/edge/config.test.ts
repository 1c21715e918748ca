import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_LIMITS } from '../../src/edge/edge-config.js';
import { sha256Hex } from './support.js';

const HASH = sha256Hex('pk_some_key');

describe('edge settings, checked at start-up', () => {
  it('defaults: development profile, no client authentication on loopback, the server token, armor-style limits', () => {
    const { edge } = loadConfig({});
    expect(edge).toMatchObject({
      profile: 'development',
      auth: { modes: [] },
      tokenSource: 'server',
      cors: { origins: [], credentials: false },
      limits: DEFAULT_LIMITS,
      trustedDocuments: { manifests: [], only: false },
      introspection: true,
      fieldSuggestions: true,
      graphiql: true,
    });
  });

  it('production profile turns introspection, suggestions and GraphiQL off unless each is set', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).edge).toMatchObject({ profile: 'production', introspection: false, fieldSuggestions: false, graphiql: false });
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_GRAPHIQL: 'true' }).edge.graphiql).toBe(true);
  });

  it('refuses to listen beyond loopback with no client authentication, unless GATEWAY_AUTH=none says so', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/Invalid GATEWAY_AUTH: HOST=0.0.0.0 is reachable from other machines/);
    expect(() => loadConfig({ HOST: '10.0.0.5' })).toThrow(/GATEWAY_AUTH/);
    expect(loadConfig({ HOST: '0.0.0.0', GATEWAY_AUTH: 'none' }).edge.auth.modes).toEqual([]);
    expect(loadConfig({ HOST: '0.0.0.0', GATEWAY_API_KEYS: `ops=${HASH}` }).edge.auth.modes).toEqual(['api-key']);
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1']) expect(loadConfig({ HOST: host }).edge.auth.modes).toEqual([]);
  });

  it('reads API keys as name=hash with grants', () => {
    const { apiKeys } = loadConfig({ GATEWAY_API_KEYS: `ops=${HASH};introspection;ad-hoc, batch=${sha256Hex('other')};token=client;connections=c1|c2` }).edge.auth;
    expect(apiKeys).toEqual([
      { name: 'ops', hash: HASH, grants: { introspection: true, adHocDocuments: true } },
      { name: 'batch', hash: sha256Hex('other'), grants: { tokenSource: 'client', connections: ['c1', 'c2'] } },
    ]);
  });

  it.each([
    ['a key pasted instead of its hash', { GATEWAY_API_KEYS: 'ops=pk_live_supersecret' }, /the entry "ops" must be name=<the 64 hex digits/],
    ['a name used twice', { GATEWAY_API_KEYS: `ops=${HASH},ops=${sha256Hex('x')}` }, /"ops" appears twice/],
    ['the same key twice', { GATEWAY_API_KEYS: `a=${HASH},b=${HASH}` }, /same key hash/],
    ['an unknown grant', { GATEWAY_API_KEYS: `ops=${HASH};superuser` }, /unknown grant "superuser"/],
    ['GATEWAY_AUTH=none beside keys', { GATEWAY_AUTH: 'none', GATEWAY_API_KEYS: `ops=${HASH}` }, /GATEWAY_AUTH/],
    ['GATEWAY_AUTH=jwt with no key', { GATEWAY_AUTH: 'jwt' }, /GATEWAY_JWT_SECRET nor GATEWAY_JWT_JWKS_URL/],
    ['an unknown mode', { GATEWAY_AUTH: 'basic' }, /expected none, api-key, jwt/],
    ['a short JWT secret', { GATEWAY_JWT_SECRET: 'short' }, /at least 32 bytes/],
    ['a secret and a JWKS', { GATEWAY_JWT_SECRET: 'x'.repeat(32), GATEWAY_JWT_JWKS_URL: 'https://sso.example/jwks' }, /both set/],
    ['a plain-http JWKS off loopback', { GATEWAY_JWT_JWKS_URL: 'http://sso.example/jwks' }, /must be https/],
    ['an audience with no key', { GATEWAY_JWT_AUDIENCE: 'x' }, /no key to verify/],
    ['an unknown token source', { PENNYLANE_TOKEN_SOURCE: 'anyone' }, /PENNYLANE_TOKEN_SOURCE/],
    ['client tokens both off and on', { PENNYLANE_ALLOW_CLIENT_TOKENS: 'false', PENNYLANE_TOKEN_SOURCE: 'client' }, /remove one of them/],
    ['an origin with a path', { GATEWAY_CORS_ORIGINS: 'https://app.example.com/app' }, /not an origin/],
    ['credentials for every origin', { GATEWAY_CORS_ORIGINS: '*', GATEWAY_CORS_CREDENTIALS: 'true' }, /cannot be true/],
    ['trusted documents only, with no manifest', { GATEWAY_TRUSTED_DOCUMENTS_ONLY: 'true' }, /needs GATEWAY_TRUSTED_DOCUMENTS/],
    ['a depth of 0', { GATEWAY_MAX_DEPTH: '0' }, /GATEWAY_MAX_DEPTH/],
  ])('refuses %s, naming the variable', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('supersecret');
    }
  });

  it('keeps PENNYLANE_ALLOW_CLIENT_TOKENS working: true means each client brings its token', () => {
    expect(loadConfig({ PENNYLANE_ALLOW_CLIENT_TOKENS: 'true' }).edge.tokenSource).toBe('client');
    expect(loadConfig({ PENNYLANE_ALLOW_CLIENT_TOKENS: 'true' }).pennylane.allowClientTokens).toBe(true);
    expect(loadConfig({ PENNYLANE_TOKEN_SOURCE: 'client-or-server' }).edge.tokenSource).toBe('client-or-server');
  });
});

describe('npm run api-key', () => {
  it('makes a key whose entry the gateway accepts, and that entry finds the key', async () => {
    const { newApiKey, findApiKey, parseApiKeys } = await import('../../src/edge/api-keys.js');
    const { key, entry } = newApiKey('billing-app');
    expect(entry).not.toContain(key);
    const entries = parseApiKeys(entry);
    expect(findApiKey(entries, key)?.name).toBe('billing-app');
    expect(findApiKey(entries, `${key}x`)).toBeNull();
  });
});
