import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';
import { postWebhook, registerGateway, servedGateway, signedHeaders, watch, webhookBody, type ServedGateway } from '../support/webhooks.js';
import { until } from '../support/eventually.js';

const redisUp = await redisAnswers(TEST_REDIS_URL);
if (!redisUp) console.warn(`[webhooks-replicas] no Redis answers at ${TEST_REDIS_URL}: these tests are skipped`);

const INVOICE = 'query One($id: ID!) { customerInvoice(id: $id) { pennylaneId } }';

/** Two replicas sharing Redis: one registers, the other receives; the secret and the webhook ids seen are shared, sealed. */
describe.skipIf(!redisUp)('webhooks across replicas (Redis)', () => {
  let a: ServedGateway;
  let b: ServedGateway;
  const prefix = `test-${randomUUID()}`;
  beforeAll(async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, PENNYLANE_REDIS_PREFIX: prefix, GATEWAY_ENCRYPTION_KEY: 'b'.repeat(64) };
    a = await servedGateway(env);
    b = await servedGateway(env, undefined, a.sim);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a hook registered on A verifies on B; a replay to A is not processed; A\'s cache and subscribers hear it', async () => {
    const hook = await registerGateway(a);
    const invoiceId = (a.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).find((i) => !i.draft)!.id;
    await a.gql(INVOICE, { id: String(invoiceId) });
    const calls = a.sim.control.count({ route: 'GET /customer_invoices' });
    const seenOnA = await watch(a.gateway, a.sim.demoToken);
    const body = webhookBody('customer_invoice.e_invoicing_status_updated', invoiceId);
    const headers = signedHeaders(hook.secret, body);
    expect((await postWebhook(b, hook.path, body, headers)).status).toBe(200);
    await until(() => seenOnA.changes.length > 0);
    expect(seenOnA.changes[0]).toMatchObject({ resource: 'customer_invoices', operation: 'UPDATE', pennylaneId: String(invoiceId), source: 'webhook' });
    const replay = await postWebhook(a, hook.path, body, headers);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    await a.gateway.webhooks.receiver.idle();
    expect(seenOnA.changes).toHaveLength(1);
    await a.gql(INVOICE, { id: String(invoiceId) });
    expect(a.sim.control.count({ route: 'GET /customer_invoices' })).toBe(calls + 1);
    await seenOnA.stop();
  });
});
