import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callback, connectCompany, decide, startConnect, startOAuthHarness, type OAuthHarness } from '../support/oauth.js';

const TOKEN_CALLS = { route: 'POST /oauth/token' } as const;

describe('connecting a company through OAuth (authorization code, state, PKCE)', () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ companies: ['bistro', 'atelier'] });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.clearLog());

  it('redirects to the authorization server with state, PKCE S256 and the default read scopes', async () => {
    const { authorizeUrl, cookie } = await startConnect(h.fetch);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${h.sim.url}/oauth/authorize`);
    const params = authorizeUrl.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe('test-partner-app');
    expect(params.get('redirect_uri')).toBe('http://127.0.0.1:4999/oauth/callback');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(params.get('scope')).toContain('customer_invoices:readonly');
    expect(params.get('scope')).not.toContain(':all');
    expect(cookie).toMatch(/^pgql_oauth_[\w-]+=[\w-]{40,}$/);
  });

  it('stores a connection once the user approves, and serves that company through x-pennylane-connection', async () => {
    const id = await connectCompany(h.fetch, 'bistro', '?scope=customers:readonly%20customer_invoices:readonly');
    expect(id).toMatch(/^cn_[\w-]{16}$/);
    // One code exchange, then GET /me with the new token, through the scheduler.
    expect(h.sim.control.requests(TOKEN_CALLS).map((e) => e.query.grant_type)).toEqual(['authorization_code']);
    expect(h.sim.control.count({ route: 'GET /me' })).toBe(1);

    const listed = await h.gql<{ connections: { id: string; state: string; company: { name: string }; scopes: string[]; lastRefreshedAt: string | null }[] }>(
      '{ connections { id state company { name } scopes lastRefreshedAt } }',
    );
    const bistro = h.sim.control.addCompany('bistro').name;
    expect(listed.data?.connections).toContainEqual({
      id,
      state: 'ACTIVE',
      company: { name: bistro },
      scopes: ['customers:readonly', 'customer_invoices:readonly'],
      lastRefreshedAt: null,
    });

    const asked = await h.gql<{ me: { company: { name: string } }; customerInvoices: { edges: unknown[] } }>(
      '{ me { company { name } } customerInvoices(first: 3) { edges { node { pennylaneId } } } }',
      {},
      { 'x-pennylane-connection': id },
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.me.company.name).toBe(bistro);
    expect(asked.data?.customerInvoices.edges).toHaveLength(3);
    // The invoices are bistro's, not the demo company's (the gateway's own token).
    const bistroIds = new Set((h.sim.control.snapshot('customer_invoices', 'bistro') as { id: number }[]).map((i) => String(i.id)));
    for (const edge of asked.data!.customerInvoices.edges as { node: { pennylaneId: string } }[]) expect(bistroIds.has(edge.node.pennylaneId)).toBe(true);
  });

  it('keeps tokens encrypted at rest, in a file only its owner can read', async () => {
    await connectCompany(h.fetch, 'atelier');
    const file = join(h.directory, 'connections.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    const stored = JSON.parse(text) as { connections: { sealedTokens: string; companyName: string }[] };
    expect(stored.connections.length).toBeGreaterThan(0);
    for (const record of stored.connections) expect(record.sealedTokens).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    // The simulator's tokens start oat_ (access) and ort_ (refresh): none in clear.
    expect(text).not.toMatch(/oat_|ort_/);
  });

  it('connecting a company again keeps its connection id and takes the new grant', async () => {
    const first = await connectCompany(h.fetch, 'demo');
    const again = await connectCompany(h.fetch, 'demo');
    expect(again).toBe(first);
    const all = await h.gql<{ connections: { id: string }[] }>('{ connections { id } }');
    expect(all.data?.connections.filter((c) => c.id === first)).toHaveLength(1);
  });

  it('ends a denied consent on a clear page, with nothing stored and no token call', async () => {
    const before = (await h.gql<{ connections: unknown[] }>('{ connections { id } }')).data?.connections.length;
    const step = await startConnect(h.fetch);
    const page = await callback(h.fetch, await decide(step, 'deny'), step.cookie);
    expect(page.status).toBe(403);
    expect(page.html).toContain('Access was declined');
    expect(page.html).toContain('href="http://127.0.0.1:4999/oauth/connect"');
    expect(page.html).not.toMatch(/at .+\.ts:\d+/);
    expect(h.sim.control.count(TOKEN_CALLS)).toBe(0);
    expect((await h.gql<{ connections: unknown[] }>('{ connections { id } }')).data?.connections.length).toBe(before);
  });

  it('uses a state once: a replayed callback gets a page, and no second code exchange', async () => {
    const step = await startConnect(h.fetch);
    const back = await decide(step, { company: 'bistro' });
    expect((await callback(h.fetch, back, step.cookie)).status).toBe(200);
    const replay = await callback(h.fetch, back, step.cookie);
    expect(replay.status).toBe(400);
    expect(replay.html).toContain('expired or was already used');
    expect(h.sim.control.count(TOKEN_CALLS)).toBe(1);
  });

  it('refuses a callback from another browser (no or another cookie) before exchanging the code', async () => {
    const step = await startConnect(h.fetch);
    const back = await decide(step, { company: 'bistro' });
    const other = await startConnect(h.fetch);
    const page = await callback(h.fetch, back, other.cookie.replace(/=.*/, `=${'x'.repeat(43)}`));
    expect(page.status).toBe(403);
    expect(page.html).toContain('started in another browser');
    expect(h.sim.control.count(TOKEN_CALLS)).toBe(0);
    // The state is spent: the right browser cannot use it afterwards either.
    expect((await callback(h.fetch, back, step.cookie)).status).toBe(400);
  });

  it('answers a callback with an unknown or missing state with a page, never a stack', async () => {
    const unknown = await callback(h.fetch, new URL('http://x/oauth/callback?code=abc&state=forged'), '');
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('expired or was already used');
    const none = await callback(h.fetch, new URL('http://x/oauth/callback?code=abc'), '');
    expect(none.status).toBe(400);
    expect(none.html).toContain('this request has none');
    expect((await h.fetch('/oauth/callback', { method: 'POST' })).status).toBe(405);
  });

  it('escapes what the authorization server says on the error page', async () => {
    const step = await startConnect(h.fetch);
    const state = step.authorizeUrl.searchParams.get('state')!;
    const back = new URL('http://x/oauth/callback');
    back.search = new URLSearchParams({ state, error: 'server_error', error_description: '<script>alert(1)</script>', iss: h.sim.url }).toString();
    const page = await callback(h.fetch, back, step.cookie);
    expect(page.status).toBe(400);
    expect(page.html).toContain('server_error');
    expect(page.html).toContain('&lt;script&gt;');
    expect(page.html).not.toContain('<script>');
  });

  it('refuses scopes that are not Pennylane scopes before leaving the gateway', async () => {
    const response = await h.fetch('/oauth/connect?scope=%3Cb%3E', { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('&lt;b&gt;');
  });
});

describe('an authorization code that expired before the callback', () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ simulator: { oauth: { codeTtlSeconds: 0.05 } } });
  });
  afterAll(() => h.close());

  it('ends on a page that says so and offers to start again', async () => {
    const step = await startConnect(h.fetch);
    const back = await decide(step, { company: 'demo' });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const page = await callback(h.fetch, back, step.cookie);
    expect(page.status).toBe(400);
    expect(page.html).toContain('no longer valid');
    expect(page.html).toContain('Start again');
    expect((await h.gql<{ connections: unknown[] }>('{ connections { id } }')).data?.connections).toEqual([]);
  });
});
