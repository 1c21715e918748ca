import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantIdOf } from '../../src/datasources/tenant.js';
import { memoryLogger } from '../edge/support.js';
import { CREATE, registerGateway, servedGateway, type ServedGateway } from '../support/webhooks.js';

/**
 * Pennylane answers a subscription's secret once: if the gateway cannot keep it (its hook file
 * cannot be written, Redis is gone), no webhook of that subscription could ever be verified.
 */
describe('a webhook secret the gateway cannot keep', () => {
  let h: ServedGateway;
  let dir: string;
  const log = memoryLogger('debug');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webhooks-unkept-'));
    h = await servedGateway({ GATEWAY_ENCRYPTION_KEY: 'b'.repeat(64), PENNYLANE_WEBHOOKS_FILE: join(dir, 'hooks', 'webhooks.json') }, log.logger);
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The simulator's subscriptions pointing at this gateway (the seed has one of its own). */
  const ours = () => (h.sim.control.snapshot('webhook_subscriptions') as { id: number; callback_url: string }[]).filter((s) => s.callback_url.startsWith(h.url));

  it('deletes the subscription at Pennylane again and answers an error without the secret; once writable, the next one is kept', async () => {
    // A file where the hook file's directory should be: the write fails.
    await writeFile(join(dir, 'hooks'), 'not a directory');
    const failed = await h.gql<{ createWebhookSubscription: unknown }>(CREATE, { input: { events: ['DMS_FILE_CREATED'] } });
    expect(failed.errors?.length).toBeGreaterThan(0);
    expect(failed.data?.createWebhookSubscription ?? null).toBeNull();
    expect(h.sim.control.counters()).toMatchObject({ 'POST /webhook_subscriptions': 1, 'DELETE /webhook_subscriptions/{id}': 1 });
    expect(ours()).toEqual([]);
    expect(log.raw()).not.toMatch(/whsec_/);

    await rm(join(dir, 'hooks'));
    const created = await registerGateway(h);
    expect(ours()).toEqual([expect.objectContaining({ id: Number(created.pennylaneId) })]);
    expect(await h.gateway.webhooks.receives(tenantIdOf(h.sim.demoToken), created.pennylaneId)).toBe(true);
  });
});
