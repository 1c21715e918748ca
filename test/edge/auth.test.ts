import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { post, send, sha256Hex, ME } from './support.js';

const OPS_KEY = 'pk_ops_0123456789abcdef0123456789abcdef';
const APP_KEY = 'pk_app_fedcba9876543210fedcba9876543210';
const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';

/** A token of another simulated company, with books of its own. */
function otherCompany(h: Harness): string {
  const token = 'token-of-another-company';
  h.sim.control.addToken(token, { company: 'other', seed: 7 });
  return token;
}

describe('API keys (GATEWAY_API_KEYS)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GATEWAY_API_KEYS: `ops=${sha256Hex(OPS_KEY)};introspection,app=${sha256Hex(APP_KEY)}` } });
  });
  afterAll(() => h.close());

  it('refuses a request without a key: 401 UNAUTHENTICATED, www-authenticate, 0 upstream calls', async () => {
    h.sim.control.clearLog();
    const res = await post(h, { query: ME });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('x-api-key');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toMatch(/x-api-key/);
    expect(res.body.data).toBeUndefined();
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses an unknown key the same way, without echoing it', async () => {
    h.sim.control.clearLog();
    const res = await post(h, { query: ME }, { 'x-api-key': 'pk_guess_000' });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain('pk_guess_000');
    expect(h.sim.control.count()).toBe(0);
  });

  it('serves a known key, and the principal is on the context', async () => {
    const res = await post<{ me: { company: { name: string } } }>(h, { query: ME }, { 'x-api-key': APP_KEY });
    expect(res.status).toBe(200);
    expect(res.body.data?.me.company.name).toBeTruthy();
  });

  it('refuses a client Pennylane token where the gateway uses its own (no silent switch of company)', async () => {
    h.sim.control.clearLog();
    const res = await post(h, { query: ME }, { 'x-api-key': APP_KEY, authorization: `Bearer ${h.sim.demoToken}` });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.message).toMatch(/PENNYLANE_ALLOW_CLIENT_TOKENS/);
    expect(h.sim.control.count()).toBe(0);
  });

  it('protects any route with the same check: authenticate() on a raw Request', async () => {
    const { authenticator } = h.gateway.edge;
    await expect(authenticator.authenticate(new Request('http://gateway.test/metrics'))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const principal = await authenticator.authenticate(new Request('http://gateway.test/metrics', { headers: { 'x-api-key': OPS_KEY } }));
    expect(principal).toMatchObject({ name: 'ops', kind: 'api-key', mayIntrospect: true, tokenSource: 'server' });
    const refusal = await authenticator.authenticate(new Request('http://gateway.test/metrics')).catch((error: Error) => error);
    const response = authenticator.refusal(refusal as never);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('leaves health, readiness and the GraphiQL page open (they hold no data)', async () => {
    expect((await send(h, { path: '/health' })).status).toBe(200);
    expect((await send(h, { path: '/ready' })).status).toBe(200);
    const page = await send(h, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('graphiql');
  });
});

describe('Pennylane token source', () => {
  it('with PENNYLANE_ALLOW_CLIENT_TOKENS=true and a server token, no Authorization is 401, not the server company', async () => {
    const h = await startHarness({ env: { PENNYLANE_ALLOW_CLIENT_TOKENS: 'true' } });
    try {
      const res = await post(h, { query: ME });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.body.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
      expect(h.sim.control.count()).toBe(0);
      // The documented header still works.
      const own = await post(h, { query: ME }, { authorization: `Bearer ${h.sim.demoToken}` });
      expect(own.status).toBe(200);
      expect(own.body.errors).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('falls back to the server token only when configured so (client-or-server)', async () => {
    const h = await startHarness({ env: { PENNYLANE_TOKEN_SOURCE: 'client-or-server' } });
    try {
      const other = otherCompany(h);
      const server = await post<{ me: { company: { name: string } } }>(h, { query: ME });
      const client = await post<{ me: { company: { name: string } } }>(h, { query: ME }, { authorization: `Bearer ${other}` });
      expect(client.body.data?.me.company.name).toBeTruthy();
      expect(server.body.data?.me.company.name).toBeTruthy();
      expect(client.body.data?.me.company.name).not.toBe(server.body.data?.me.company.name);
    } finally {
      await h.close();
    }
  });

  it('lets an API key grant say whose token it uses, beside the gateway default', async () => {
    const h = await startHarness({
      env: { PENNYLANE_TOKEN_SOURCE: 'client', GATEWAY_API_KEYS: `batch=${sha256Hex(OPS_KEY)};token=server,app=${sha256Hex(APP_KEY)}` },
    });
    try {
      expect((await post(h, { query: ME }, { 'x-api-key': OPS_KEY })).status).toBe(200);
      expect((await post(h, { query: ME }, { 'x-api-key': APP_KEY })).status).toBe(401);
      expect((await post(h, { query: ME }, { 'x-api-key': APP_KEY, authorization: `Bearer ${h.sim.demoToken}` })).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('JWT', () => {
  const sign = (claims: JWTPayload, key: Parameters<SignJWT['sign']>[0] = new TextEncoder().encode(SECRET), alg = 'HS256', expiresIn = '5m') =>
    new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setIssuedAt().setExpirationTime(expiresIn).sign(key);

  describe('with a shared secret, issuer and audience', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        env: { GATEWAY_JWT_SECRET: SECRET, GATEWAY_JWT_ISSUER: 'https://sso.example', GATEWAY_JWT_AUDIENCE: 'pennylane-graphql', PENNYLANE_TOKEN_SOURCE: 'client-or-server' },
      });
    });
    afterAll(() => h.close());
    const good = { sub: 'billing-app', iss: 'https://sso.example', aud: 'pennylane-graphql' };

    it('serves a valid token from Authorization: Bearer', async () => {
      const res = await post(h, { query: ME }, { authorization: `Bearer ${await sign(good)}` });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    });

    it.each([
      ['an expired token', async () => sign(good, undefined, 'HS256', '-1m'), /expired/],
      ['another audience', async () => sign({ ...good, aud: 'other' }), /"aud"/],
      ['another issuer', async () => sign({ ...good, iss: 'https://evil.example' }), /"iss"/],
      ['another key', async () => sign(good, new TextEncoder().encode('x'.repeat(40))), /signature/],
      ['no subject', async () => sign({ iss: good.iss, aud: good.aud }), /"sub"/],
      ['garbage', async () => 'not.a.jwt', /well-formed/],
      ['a bad token-source claim', async () => sign({ ...good, pennylane_token: 'everyone' }), /pennylane_token/],
    ])('refuses %s with 401 and 0 upstream calls', async (_name, token, reason) => {
      h.sim.control.clearLog();
      const res = await post(h, { query: ME }, { authorization: `Bearer ${await token()}` });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(res.body.errors?.[0]?.message).toMatch(reason);
      expect(h.sim.control.count()).toBe(0);
    });

    it('takes a client Pennylane token from x-pennylane-token, since Authorization holds the JWT', async () => {
      const other = otherCompany(h);
      const jwt = `Bearer ${await sign(good)}`;
      const own = await post<{ me: { company: { name: string } } }>(h, { query: ME }, { authorization: jwt });
      const res = await post<{ me: { company: { name: string } } }>(h, { query: ME }, { authorization: jwt, 'x-pennylane-token': other });
      expect(res.body.data?.me.company.name).toBeTruthy();
      expect(res.body.data?.me.company.name).not.toBe(own.body.data?.me.company.name);
    });

    it('reads grants from claims: scopes, token source and connections', async () => {
      const token = await sign({ ...good, scope: 'graphql:introspection graphql:ad-hoc gateway:ops', pennylane_token: 'client', pennylane_connections: ['c1', 'c2'] });
      const principal = await h.gateway.edge.authenticator.authenticate(new Request('http://gateway.test/', { headers: { authorization: `Bearer ${token}` } }));
      expect(principal).toEqual({ name: 'billing-app', kind: 'jwt', tokenSource: 'client', mayIntrospect: true, mayRunAdHocDocuments: true, connections: ['c1', 'c2'], mayOperate: true });
      // pennylane_token=client: this client must bring its own token.
      h.sim.control.clearLog();
      expect((await post(h, { query: ME }, { authorization: `Bearer ${token}` })).status).toBe(401);
      expect(h.sim.control.count()).toBe(0);
    });
  });

  describe('with a JWKS', () => {
    let h: Harness;
    let jwks: Server;
    let keys: Awaited<ReturnType<typeof generateKeyPair>>;
    let fetches = 0;
    beforeAll(async () => {
      keys = await generateKeyPair('ES256');
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      jwks = createServer((_req, res) => {
        fetches += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
      h = await startHarness({ env: { GATEWAY_JWT_JWKS_URL: url, GATEWAY_JWT_AUDIENCE: 'pennylane-graphql' } });
    });
    afterAll(async () => {
      await h.close();
      await new Promise((resolve) => jwks.close(resolve));
    });

    it('verifies tokens against the key set, fetched once and cached', async () => {
      for (let i = 0; i < 3; i++) {
        const token = await sign({ sub: `svc-${i}`, aud: 'pennylane-graphql' }, keys.privateKey, 'ES256');
        expect((await post(h, { query: ME }, { authorization: `Bearer ${token}` })).status).toBe(200);
      }
      expect(fetches).toBe(1);
    });

    it('refuses an HMAC token signed with the public key (no algorithm confusion)', async () => {
      const forged = await sign({ sub: 'x', aud: 'pennylane-graphql' }, new TextEncoder().encode(JSON.stringify(await exportJWK(keys.publicKey))));
      const res = await post(h, { query: ME }, { authorization: `Bearer ${forged}` });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.message).toMatch(/algorithm/);
    });
  });

  it('with both API keys and JWTs, takes either, but not both at once', async () => {
    const h = await startHarness({ env: { GATEWAY_JWT_SECRET: SECRET, GATEWAY_API_KEYS: `ops=${sha256Hex(OPS_KEY)}` } });
    try {
      const jwt = await sign({ sub: 'svc' });
      expect((await post(h, { query: ME }, { 'x-api-key': OPS_KEY })).status).toBe(200);
      expect((await post(h, { query: ME }, { authorization: `Bearer ${jwt}` })).status).toBe(200);
      const both = await post(h, { query: ME }, { 'x-api-key': OPS_KEY, authorization: `Bearer ${jwt}` });
      expect(both.status).toBe(401);
      expect(both.body.errors?.[0]?.message).toMatch(/not both/);
    } finally {
      await h.close();
    }
  });
});
