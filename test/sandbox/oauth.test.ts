import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';

const CLIENT = { clientId: 'app', clientSecret: 's3cret', redirectUris: ['https://partner.example/oauth/callback'], name: 'Partner' };
const VERIFIER = 'v'.repeat(50);
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('the simulator as an OAuth 2.0 authorization server', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ oauth: { clients: [CLIENT], accessTokenTtlSeconds: 60 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    // Back to the demo company alone (grants too; registered apps stay), plus one to choose.
    sim.control.reset();
    sim.control.addCompany('bistro');
  });

  const authorize = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUris[0]!,
      scope: 'customers:readonly',
      state: 'st',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      ...extra,
    });

  async function approve(company = 'bistro'): Promise<string> {
    const response = await fetch(`${sim.url}/oauth/authorize`, { method: 'POST', body: new URLSearchParams({ ...Object.fromEntries(authorize()), company }), redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st');
    expect(location.searchParams.get('iss')).toBe(sim.url);
    return location.searchParams.get('code')!;
  }

  const token = async (form: Record<string, string>) => {
    const response = await fetch(`${sim.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, ...form }) });
    return { status: response.status, body: (await response.json()) as Record<string, string | number> };
  };
  const exchange = (code: string, verifier = VERIFIER) =>
    token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirectUris[0]!, code_verifier: verifier });
  const me = async (accessToken: string) => (await fetch(`${sim.baseUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

  it('publishes RFC 8414 metadata', async () => {
    const metadata = (await (await fetch(`${sim.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: sim.url,
      authorization_endpoint: `${sim.url}/oauth/authorize`,
      token_endpoint: `${sim.url}/oauth/token`,
      revocation_endpoint: `${sim.url}/oauth/revoke`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
  });

  it('shows a consent page listing its companies, the first button approving the first', async () => {
    const page = await (await fetch(`${sim.url}/oauth/authorize?${authorize()}`)).text();
    const buttons = [...page.matchAll(/<button[^>]*value="([^"]+)"/g)].map((m) => m[1]);
    expect(buttons).toEqual(['demo', 'bistro', 'deny']);
    expect(page).toContain('customers:readonly');
  });

  it('never redirects to an unregistered redirect URI; sends other errors back to the app', async () => {
    const evil = await fetch(`${sim.url}/oauth/authorize?${authorize({ redirect_uri: 'https://evil.example/cb' })}`, { redirect: 'manual' });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    const noPkce = await fetch(`${sim.url}/oauth/authorize?${authorize({ code_challenge: '' })}`, { redirect: 'manual' });
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const scope = await fetch(`${sim.url}/oauth/authorize?${authorize({ scope: 'everything:all' })}`, { redirect: 'manual' });
    expect(new URL(scope.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope');
  });

  it('issues an expiring access token for the chosen company and a refresh token that rotates', async () => {
    const first = await exchange(await approve());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: 'customers:readonly' });
    const company = (await (await fetch(`${sim.baseUrl}/me`, { headers: { authorization: `Bearer ${first.body.access_token}` } })).json()) as { company: { name: string } };
    expect(company.company.name).toBe(sim.control.addCompany('bistro').name);

    const second = await token({ grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    // The old pair stops working; the new one works.
    expect(await me(String(first.body.access_token))).toBe(401);
    expect(await me(String(second.body.access_token))).toBe(200);
    const reused = await token({ grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) });
    expect(reused).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'This refresh token was already used.' } });
    expect(await me(String(second.body.access_token))).toBe(200);
    expect(sim.control.oauthGrants()).toMatchObject([{ company: 'bistro', refreshes: 1, refusedRefreshes: 1, revoked: false }]);
  });

  it('checks PKCE, the client secret, and uses a code once (a replay ends the grant)', async () => {
    expect((await exchange(await approve(), 'w'.repeat(50))).body.error).toBe('invalid_grant');
    const wrongSecret = await fetch(`${sim.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ client_id: 'app', client_secret: 'nope', grant_type: 'refresh_token' }) });
    expect(wrongSecret.status).toBe(401);
    const code = await approve();
    const ok = await exchange(code);
    expect((await exchange(code)).body.error).toBe('invalid_grant');
    expect(await me(String(ok.body.access_token))).toBe(401);
  });

  it('expires access tokens (TTL from control) and lets the control expire or revoke them now', async () => {
    sim.control.setAccessTokenTtl(0.05);
    const short = await exchange(await approve());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await me(String(short.body.access_token))).toBe(401);
    const renewed = await token({ grant_type: 'refresh_token', refresh_token: String(short.body.refresh_token) });
    expect(renewed.status).toBe(200);

    sim.control.setAccessTokenTtl(60);
    const pair = await exchange(await approve());
    expect(sim.control.expireOAuthAccessTokens('bistro')).toBeGreaterThan(0);
    expect(await me(String(pair.body.access_token))).toBe(401);
    const after = await token({ grant_type: 'refresh_token', refresh_token: String(pair.body.refresh_token) });
    expect(await me(String(after.body.access_token))).toBe(200);

    expect(sim.control.revokeOAuthGrants('bistro')).toBeGreaterThan(0);
    expect(await me(String(after.body.access_token))).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: String(after.body.refresh_token) })).body.error).toBe('invalid_grant');
  });

  it('revokes a grant through RFC 7009, answering 200 for tokens it does not know', async () => {
    const pair = await exchange(await approve());
    const revoke = (tokenValue: string) =>
      fetch(`${sim.url}/oauth/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: 'app', client_secret: 's3cret', token: tokenValue }) });
    expect((await revoke('unknown')).status).toBe(200);
    expect((await revoke(String(pair.body.refresh_token))).status).toBe(200);
    expect(await me(String(pair.body.access_token))).toBe(401);
    expect(sim.control.oauthGrants()[0]?.revoked).toBe(true);
  });

  it('is driven over HTTP too (/__sandbox/oauth/*, /__sandbox/companies), and logs token calls without secrets', async () => {
    const post = (path: string, body: unknown) => fetch(`${sim.url}/__sandbox/${path}`, { method: path === 'oauth/settings' ? 'PUT' : 'POST', body: JSON.stringify(body) });
    expect((await post('companies', { company: 'atelier' })).status).toBe(201);
    expect((await post('oauth/clients', { clientId: 'other', clientSecret: 'x', redirectUris: ['http://127.0.0.1:1/oauth/callback'] })).status).toBe(201);
    expect((await post('oauth/settings', { accessTokenTtlSeconds: 30 })).status).toBe(200);
    const pair = await exchange(await approve('atelier'));
    expect(pair.body.expires_in).toBe(30);
    expect(await (await post('oauth/expire', { company: 'atelier' })).json()).toEqual({ expired: 1 });
    expect(await (await post('oauth/revoke', {})).json()).toEqual({ revoked: 1 });
    expect(await (await fetch(`${sim.url}/__sandbox/oauth/grants`)).json()).toMatchObject([{ company: 'atelier', revoked: true }]);
    const logged = sim.control.requests({ route: 'POST /oauth/token' });
    expect(logged.map((e) => e.query)).toEqual([{ grant_type: 'authorization_code' }]);
    expect(JSON.stringify(sim.control.requests())).not.toContain(String(pair.body.refresh_token));
  });
});
