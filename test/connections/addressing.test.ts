import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sha256Hex } from '../edge/support.js';
import { callback, connectCompany, decide, startConnect, startOAuthHarness, type OAuthHarness } from '../support/oauth.js';

const PARTNER_KEY = 'partner-key-0123456789abcdef';
const LIMITED_KEY = 'limited-key-0123456789abcdef';

interface Failure {
  status: number;
  code: string | undefined;
  message: string | undefined;
}

describe('which client may address which connection (API key grants), and starting connections with a ticket', () => {
  let h: OAuthHarness;
  let id = '';
  beforeAll(async () => {
    h = await startOAuthHarness({
      companies: ['bistro'],
      env: { GATEWAY_API_KEYS: `partner=${sha256Hex(PARTNER_KEY)};connections=*,limited=${sha256Hex(LIMITED_KEY)};connections=cn_someone_else` },
    });
  });
  afterAll(() => h.close());

  const post = async (query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}): Promise<Failure & { body: Record<string, unknown> }> => {
    const response = await h.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
    return { status: response.status, code: body.errors?.[0]?.extensions.code, message: body.errors?.[0]?.message, body };
  };

  it('refuses /oauth/connect without a ticket when clients authenticate', async () => {
    const response = await h.fetch('/oauth/connect', { redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('connectUrl');
  });

  it('gives an authenticated client a connect URL whose ticket starts the flow, recorded as its', async () => {
    const { body } = await post('{ connectUrl(scopes: ["customers:readonly", "customer_invoices:all"]) }', { 'x-api-key': PARTNER_KEY });
    const url = new URL((body.data as { connectUrl: string }).connectUrl);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4999/oauth/connect');
    expect(url.searchParams.get('ticket')).toMatch(/^[\w-]+\.[\w-]+$/);
    const step = await startConnect(h.fetch, url.search);
    expect(step.authorizeUrl.searchParams.get('scope')).toBe('customers:readonly customer_invoices:all');
    id = await connectCompany(h.fetch, 'bistro', url.search);
    const listed = await post('{ connections { id createdBy } }', { 'x-api-key': PARTNER_KEY });
    expect((listed.body.data as { connections: unknown[] }).connections).toContainEqual({ id, createdBy: 'partner' });

    const forged = url.search.replace(/ticket=([\w-]+)\./, 'ticket=$1x.');
    expect((await h.fetch(`/oauth/connect${forged}`, { redirect: 'manual' })).status).toBe(401);
  });

  it('serves the connection to a client granted it, and refuses (403 FORBIDDEN, 0 calls) one that is not', async () => {
    h.sim.control.clearLog();
    const allowed = await post('{ me { company { name } } }', { 'x-api-key': PARTNER_KEY, 'x-pennylane-connection': id });
    expect(allowed.status).toBe(200);
    expect(allowed.code).toBeUndefined();
    const calls = h.sim.control.requests().length;

    const refused = await post('{ me { company { name } } }', { 'x-api-key': LIMITED_KEY, 'x-pennylane-connection': id });
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refused.message).toContain('connections=');
    expect(h.sim.control.requests().length).toBe(calls);

    // It does not see it in lists either, and cannot look it up or disconnect it.
    expect((await post('{ connections { id } }', { 'x-api-key': LIMITED_KEY })).body.data).toEqual({ connections: [] });
    expect((await post('query($id: ID!) { connection(id: $id) { id } }', { 'x-api-key': LIMITED_KEY }, { id })).code).toBe('FORBIDDEN');
    expect((await post('mutation($id: ID!) { disconnectConnection(id: $id) { revokedAtPennylane } }', { 'x-api-key': LIMITED_KEY }, { id })).code).toBe('FORBIDDEN');
    expect(h.sim.control.requests().length).toBe(calls);
  });

  it('refuses a connection and a Pennylane token together, and unknown connections before any call', async () => {
    const both = await post('{ me { company { name } } }', { 'x-api-key': PARTNER_KEY, 'x-pennylane-connection': id, authorization: 'Bearer some-token' });
    expect(both).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const unknown = await post('{ me { company { name } } }', { 'x-api-key': PARTNER_KEY, 'x-pennylane-connection': 'cn_unknown' });
    expect(unknown).toMatchObject({ status: 404, code: 'CONNECTION_NOT_FOUND' });
    for (const hostile of ['../../connections.json', `cn_${'x'.repeat(5_000)}`, 'cn_a b']) {
      expect(await post('{ me { company { name } } }', { 'x-api-key': PARTNER_KEY, 'x-pennylane-connection': hostile })).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    }
  });

  it('counts the header as proof against CSRF: a GET carrying it is served', async () => {
    const get = await h.fetch(`/graphql?query=${encodeURIComponent('{ me { company { name } } }')}`, {
      headers: { 'x-api-key': PARTNER_KEY, 'x-pennylane-connection': id },
    });
    expect(get.status).toBe(200);
  });
});

describe('a gateway with OAuth connections and no token of its own', () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ env: { PENNYLANE_API_TOKEN: '' } });
  });
  afterAll(() => h.close());

  it('lists connections without naming a company, and refuses Pennylane fields (0 calls) saying how to pick one', async () => {
    const id = await connectCompany(h.fetch, 'demo');
    h.sim.control.clearLog();
    expect((await h.gql<{ connections: { id: string }[] }>('{ connections { id } }')).data?.connections.map((c) => c.id)).toEqual([id]);
    const me = await h.gql('{ me { company { name } } }');
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(me.errors?.[0]?.message).toContain('x-pennylane-connection');
    expect(h.sim.control.requests()).toEqual([]);
    expect((await h.gql('{ me { company { name } } }', {}, { 'x-pennylane-connection': id })).errors).toBeUndefined();
  });

  it('ends the denied consent of a ticket-less (loopback, no client auth) gateway on a page too', async () => {
    const step = await startConnect(h.fetch);
    expect((await callback(h.fetch, await decide(step, 'deny'), step.cookie)).status).toBe(403);
  });
});

describe('a gateway without OAuth', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('refuses the connection header instead of quietly using its own token', async () => {
    const response = await h.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pennylane-connection': 'cn_x' },
      body: JSON.stringify({ query: '{ me { company { name } } }' }),
    });
    expect(response.status).toBe(400);
    expect(h.sim.control.requests()).toEqual([]);
    const answer = await h.gql('{ connections { id } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('OAUTH_NOT_CONFIGURED');
    expect((await h.gateway.yoga.fetch('http://gateway.test/oauth/connect')).status).toBe(404);
  });
});
