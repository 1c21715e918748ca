import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../edge/support.js';
import { connectCompany, startOAuthHarness, type OAuthHarness } from '../support/oauth.js';

const refreshes = (h: OAuthHarness) => h.sim.control.requests({ route: 'POST /oauth/token' }).filter((e) => e.query.grant_type === 'refresh_token').length;

interface Listed {
  connections: { id: string; state: string; lastRefreshedAt: string | null }[];
}

const INVOICES_WITH_CUSTOMERS = '{ customerInvoices(first: 5) { edges { node { pennylaneId customer { name } } } } }';

describe('tokens that expire, rotate and get revoked', () => {
  let h: OAuthHarness;
  const log = memoryLogger('debug');
  beforeAll(async () => {
    // No proactive refresh here (leeway 0): expiry is met by Pennylane's 401.
    h = await startOAuthHarness({
      companies: ['bistro'],
      logger: log.logger,
      env: { PENNYLANE_OAUTH_REFRESH_LEEWAY_SECONDS: '0', PENNYLANE_CACHE_MAX_BYTES: '0' },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.clearLog();
    h.sim.control.clearFaults();
    h.sim.control.setAccessTokenTtl(3600);
  });

  const ask = (id: string, query = INVOICES_WITH_CUSTOMERS) => h.gql<Record<string, unknown>>(query, {}, { 'x-pennylane-connection': id });

  it('refreshes a token that expires in the middle of an operation, once, and the operation succeeds', async () => {
    h.sim.control.setAccessTokenTtl(1);
    const id = await connectCompany(h.fetch, 'bistro');
    h.sim.control.setAccessTokenTtl(3600);
    h.sim.control.clearLog();
    // The list call leaves with a valid token and reaches Pennylane after it expired.
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, latencyMs: 1_300 });
    const answer = await ask(id);
    expect(answer.errors).toBeUndefined();
    const edges = (answer.data!.customerInvoices as { edges: { node: { customer: { name: string } | null } }[] }).edges;
    expect(edges).toHaveLength(5);
    expect(edges.every((e) => e.node.customer?.name)).toBe(true);
    expect(refreshes(h)).toBe(1);
    // One 401 (not processed), then the same call again with the new token, then the customers.
    expect(h.sim.control.requests({ route: 'GET /customer_invoices' }).map((e) => e.status)).toEqual([401, 200]);
    expect(h.sim.control.count({ route: 'GET /customers', status: 200 })).toBe(1);
    const listed = await h.gql<Listed>('{ connections { id state lastRefreshedAt } }');
    expect(listed.data?.connections.find((c) => c.id === id)?.lastRefreshedAt).toMatch(/^\d{4}-/);
  });

  it('renews once for many requests that meet the same expired token at the same time', async () => {
    const id = await connectCompany(h.fetch, 'bistro');
    h.sim.control.expireOAuthAccessTokens('bistro');
    h.sim.control.clearLog();
    const answers = await Promise.all(Array.from({ length: 12 }, () => ask(id, '{ me { company { name } } }')));
    expect(answers.filter((a) => a.errors)).toEqual([]);
    expect(refreshes(h)).toBe(1);
  });

  it('turns a revoked grant into UNAUTHENTICATED (reason CONNECTION_REVOKED) with how to reconnect, then refuses the connection at the edge', async () => {
    const id = await connectCompany(h.fetch, 'bistro');
    h.sim.control.revokeOAuthGrants('bistro');
    h.sim.control.clearLog();
    const answer = await ask(id);
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'CONNECTION_REVOKED',
      connection: id,
      reconnectUrl: 'http://127.0.0.1:4999/oauth/connect',
    });
    expect(answer.errors?.[0]?.message).toContain('connect it again');
    expect(refreshes(h)).toBe(1);
    const listed = await h.gql<Listed>('{ connections { id state } }');
    expect(listed.data?.connections.find((c) => c.id === id)?.state).toBe('REVOKED');
    const stored = JSON.parse(readFileSync(join(h.directory, 'connections.json'), 'utf8')) as { connections: { id: string; sealedTokens: string | null }[] };
    expect(stored.connections.find((c) => c.id === id)?.sealedTokens).toBeNull();

    h.sim.control.clearLog();
    const response = await h.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pennylane-connection': id },
      body: JSON.stringify({ query: '{ me { company { name } } }' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string; reason: string } }[] }).errors[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'CONNECTION_REVOKED',
    });
    expect(h.sim.control.requests()).toEqual([]);

    // Connecting the company again brings the same connection back.
    expect(await connectCompany(h.fetch, 'bistro')).toBe(id);
    expect((await ask(id, '{ me { company { name } } }')).errors).toBeUndefined();
  });

  it('keeps a connection ACTIVE when the authorization server is down, and says to retry', async () => {
    const id = await connectCompany(h.fetch, 'bistro');
    h.sim.control.expireOAuthAccessTokens('bistro');
    h.sim.control.injectFault({ match: { route: 'POST /oauth/token' }, status: 503, times: Infinity });
    const answer = await ask(id, '{ me { company { name } } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('OAUTH_UNAVAILABLE');
    h.sim.control.clearFaults();
    expect((await h.gql<Listed>('{ connections { id state } }')).data?.connections.find((c) => c.id === id)?.state).toBe('ACTIVE');
    expect((await ask(id, '{ me { company { name } } }')).errors).toBeUndefined();
  });

  it('disconnects: revokes the grant at Pennylane, keeps it when Pennylane cannot confirm, forgets it with force', async () => {
    const id = await connectCompany(h.fetch, 'bistro');
    h.sim.control.injectFault({ match: { route: 'POST /oauth/revoke' }, status: 503, times: Infinity });
    const kept = await h.gql('mutation($id: ID!) { disconnectConnection(id: $id) { revokedAtPennylane } }', { id });
    expect(kept.errors?.[0]?.extensions?.code).toBe('OAUTH_UNAVAILABLE');
    expect((await h.gql<Listed>('{ connections { id } }')).data?.connections.map((c) => c.id)).toContain(id);
    h.sim.control.clearFaults();

    const done = await h.gql<{ disconnectConnection: { revokedAtPennylane: boolean; connection: { id: string; state: string } } }>(
      'mutation($id: ID!) { disconnectConnection(id: $id) { revokedAtPennylane connection { id state } } }',
      { id },
    );
    expect(done.data?.disconnectConnection).toEqual({ revokedAtPennylane: true, connection: { id, state: 'REVOKED' } });
    // The grant behind the connection (the newest of bistro's) is revoked at the authorization server.
    expect(h.sim.control.oauthGrants().filter((g) => g.company === 'bistro').at(-1)?.revoked).toBe(true);
    expect((await h.gql<Listed>('{ connections { id } }')).data?.connections.map((c) => c.id)).not.toContain(id);
    expect(readFileSync(join(h.directory, 'connections.json'), 'utf8')).not.toContain(id);
    expect((await ask(id, '{ me { company { name } } }')).errors?.[0]?.extensions?.code).toBe('CONNECTION_NOT_FOUND');

    const other = await connectCompany(h.fetch, 'demo');
    h.sim.control.injectFault({ match: { route: 'POST /oauth/revoke' }, status: 503, times: Infinity });
    const forced = await h.gql<{ disconnectConnection: { revokedAtPennylane: boolean } }>('mutation($id: ID!) { disconnectConnection(id: $id, force: true) { revokedAtPennylane } }', {
      id: other,
    });
    expect(forced.data?.disconnectConnection.revokedAtPennylane).toBe(false);
    expect((await h.gql<Listed>('{ connections { id } }')).data?.connections.map((c) => c.id)).not.toContain(other);
  });

  it('never writes a token to its log', () => {
    const raw = log.raw();
    expect(raw).toContain('connection token refreshed');
    expect(raw).toContain('connection revoked');
    expect(raw).not.toMatch(/oat_|ort_/);
  });
});

describe('renewing shortly before expiry', () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ env: { PENNYLANE_OAUTH_REFRESH_LEEWAY_SECONDS: '60', PENNYLANE_CACHE_MAX_BYTES: '0' } });
  });
  afterAll(() => h.close());

  it('refreshes before the call when the token has less than the leeway left: no 401 at all', async () => {
    h.sim.control.setAccessTokenTtl(30);
    const id = await connectCompany(h.fetch, 'demo');
    h.sim.control.setAccessTokenTtl(3600);
    h.sim.control.clearLog();
    for (let i = 0; i < 3; i += 1) expect((await h.gql('{ me { company { name } } }', {}, { 'x-pennylane-connection': id })).errors).toBeUndefined();
    expect(refreshes(h)).toBe(1);
    expect(h.sim.control.count({ status: 401 })).toBe(0);
  });
});
