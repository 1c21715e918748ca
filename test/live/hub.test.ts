import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/app.js';
import type { ChangeHub, LiveChange } from '../../src/live/change-hub.js';
import { LocalChangeHub } from '../../src/live/local-change-hub.js';
import { subscriberTooSlow } from '../../src/live/subscriber-queue.js';
import { maskError } from '../../src/edge/error-shaping.js';
import { pino } from 'pino';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { SseSubscription } from '../support/sse.js';
import { INVOICE_CHANGED, LIVE_ENV } from './live-support.js';

const notice = (id: number) => ({ resource: 'customer_invoices', operation: 'UPDATE' as const, pennylaneId: String(id), source: 'changelog' as const });
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

/** The cursor of the next event `hub` delivers to a fresh subscriber of `tenant` (the subscriber then closed). */
async function cursorAfter(hub: ChangeHub, tenant: string, publish: () => Promise<void>): Promise<string> {
  const stream = await hub.subscribe(tenant);
  await publish();
  const first = await stream.next();
  await stream.return?.();
  return (first.value as readonly LiveChange[])[0]!.cursor;
}

describe('the change hub refuses what it cannot serve, with codes a client can act on', () => {
  it('drops a subscriber that does not read with SUBSCRIBER_TOO_SLOW, never a masked error', async () => {
    const hub = new LocalChangeHub(10);
    const stream = await hub.subscribe('tenant');
    for (let i = 0; i < 10_011; i += 1) await hub.publish('tenant', notice(i));
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    expect(hub.subscriberCount('tenant')).toBe(0);
    await hub.close();
  });

  it('shows SUBSCRIBER_TOO_SLOW to the client as it is (the error shaping does not mask it as ours)', () => {
    expect(maskError(subscriberTooSlow(10), 'Unexpected error.')).toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: 10 } });
  });

  it('hands a resume a whole log (larger than the old fixed 10 000 limit) without dropping it', async () => {
    const hub = new LocalChangeHub(15_000);
    const cursor = await cursorAfter(hub, 'tenant', () => hub.publish('tenant', notice(0)));
    for (let i = 1; i <= 14_000; i += 1) await hub.publish('tenant', notice(i));
    const resumed = await hub.subscribe('tenant', { after: cursor });
    let seen = 0;
    while (seen < 14_000) {
      const { value, done } = await resumed.next();
      expect(done).toBe(false);
      seen += (value as readonly LiveChange[]).length;
    }
    expect(seen).toBe(14_000);
    await hub.close();
  });

  it('forgets a tenant\'s memory log once its TTL passed: a cursor into it is then expired', async () => {
    const hub = new LocalChangeHub(10, 400);
    const cursor = await cursorAfter(hub, 'tenant', () => hub.publish('tenant', notice(1)));
    await hub.publish('tenant', notice(2));
    await expect(hub.subscribe('tenant', { after: cursor })).resolves.toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 900));
    await expect(hub.subscribe('tenant', { after: cursor })).rejects.toMatchObject({ code: 'CURSOR_EXPIRED' });
    await hub.close();
  });

  it('keeps the memory logs of a bounded number of tenants: the least recently published to is forgotten first', async () => {
    const hub = new LocalChangeHub(10);
    const cursor = await cursorAfter(hub, 'first', () => hub.publish('first', notice(1)));
    await hub.publish('first', notice(2));
    for (let i = 0; i < 10_000; i += 1) await hub.publish(`tenant-${i}`, notice(i));
    await expect(hub.subscribe('first', { after: cursor })).rejects.toMatchObject({ code: 'CURSOR_EXPIRED' });
    await hub.close();
  });
});

describe('one change reported by two sources (memory hub)', () => {
  it('delivers a webhook\'s report once when the changelog reports it too, and never merges reports of one source', async () => {
    const hub = new LocalChangeHub(100);
    const stream = await hub.subscribe('tenant');
    await hub.publish('tenant', { ...notice(1), source: 'webhook' });
    await hub.publish('tenant', [notice(1), notice(2)]);
    await hub.publish('tenant', notice(1));
    await hub.publish('tenant', notice(1));
    const seen: string[] = [];
    while (seen.length < 4) seen.push(...((await stream.next()).value as readonly LiveChange[]).map((c) => `${c.pennylaneId}:${c.source}`));
    expect(seen).toEqual(['1:webhook', '2:changelog', '1:changelog', '1:changelog']);
    await hub.close();
  });
});

const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[live hub] no Redis answers at ${TEST_REDIS_URL}: the Redis cursor tests are skipped`);

describe.skipIf(!redisUp)('cursors out of a Redis stream id\'s range (through the front door)', () => {
  let sim: Simulator;
  let gateway: Gateway;
  beforeAll(async () => {
    sim = await startSimulator();
    gateway = gatewayOver(sim, { ...LIVE_ENV, REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: `live-hub-${randomUUID()}` }, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await gateway.close({ deadline: Date.now() });
    await sim.close();
  });

  it.each([
    ['ms past 2^64-1', cursorOf('v1.r.99999999999999999999-0')],
    ['seq past 2^64-1', cursorOf('v1.r.1-18446744073709551616')],
    ['huge', 'A'.repeat(100_000)],
  ])('a cursor with %s is CURSOR_UNKNOWN, and Pennylane is not called', async (_, after) => {
    const calls = sim.control.count({});
    const sub = await SseSubscription.open(gateway, INVOICE_CHANGED, { after });
    try {
      await sub.until(1);
      expect(sub.events[0]?.errors?.[0]?.extensions?.['code']).toBe('CURSOR_UNKNOWN');
      expect(sim.control.count({})).toBe(calls);
    } finally {
      await sub.close();
    }
  });
});
