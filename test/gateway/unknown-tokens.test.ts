import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';

/**
 * Client tokens Pennylane does not know cost one upstream 401 each, then nothing: the refusal
 * is remembered by the token's hash, and no per-token state outlives it.
 */
describe('unknown tokens', () => {
  const h = useHarness({ beforeEach: 'clearLog', env: { PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_CACHE_MAX_BYTES: '0' } });
  const ME = '{ me { company { name } } }';
  const as = (token: string) => h.gql(ME, undefined, { authorization: `Bearer ${token}` });

  it('asks Pennylane once about a bad token, then refuses its repeats with no call', async () => {
    const token = `bogus-${Math.random()}`;
    const answers = [await as(token)];
    answers.push(...(await Promise.all(Array.from({ length: 49 }, () => as(token)))));
    for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(h.sim.control.count({ status: 401 })).toBe(1);
    expect(JSON.stringify(answers)).not.toContain(token);
    expect(h.gateway.upstream.scheduler.tenantSizes()).toMatchObject({ unverified: 0 });
  });

  it('keeps no budget for bogus tokens: 1,000 of them leave only their remembered hashes', async () => {
    const before = h.gateway.upstream.scheduler.tenantSizes();
    const tokens = Array.from({ length: 1_000 }, (_, n) => `flood-${n}-${Math.random()}`);
    for (let i = 0; i < tokens.length; i += 100) await Promise.all(tokens.slice(i, i + 100).map(as));
    expect(h.sim.control.count({ status: 401 })).toBe(1_000);
    const after = h.gateway.upstream.scheduler.tenantSizes();
    expect(after.unverified).toBe(0);
    expect(after.verified).toBe(before.verified);
    expect(after.refused - before.refused).toBe(1_000);
    // Repeats cost nothing upstream.
    h.sim.control.clearLog();
    await Promise.all(tokens.slice(0, 100).map(as));
    expect(h.sim.control.count()).toBe(0);
  });

  it('keeps the budget of a token Pennylane accepts, and forgets it once the token is revoked', async () => {
    const token = `client-${Math.random()}`;
    h.sim.control.addToken(token);
    const before = h.gateway.upstream.scheduler.tenantSizes();
    expect((await as(token)).errors).toBeUndefined();
    expect(h.gateway.upstream.scheduler.tenantSizes().verified).toBe(before.verified + 1);
    h.sim.control.removeToken(token);
    expect((await as(token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await as(token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(h.sim.control.count({ status: 401 })).toBe(1);
    expect(h.gateway.upstream.scheduler.tenantSizes().verified).toBe(before.verified);
  });
});
