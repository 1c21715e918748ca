import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { LEVEL, memoryLogger, operationLines, post, send, sha256Hex, ME } from './support.js';

const KEY = 'pk_logs_0123456789abcdef0123456789abcdef';

describe('one log line per operation', () => {
  const memory = memoryLogger('info');
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GATEWAY_API_KEYS: `billing=${sha256Hex(KEY)}`, PENNYLANE_CACHE_MAX_BYTES: '0' }, logger: memory.logger });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    memory.clear();
  });
  const asClient = { 'x-api-key': KEY };

  it('says who, what and what it cost, at info, with the request id of the response', async () => {
    const res = await post(h, { query: `query WhoAmI ${ME}` }, asClient);
    const lines = memory.lines();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: LEVEL.info, msg: 'operation', client: 'billing', auth: 'api-key', operation: 'WhoAmI', kind: 'query', status: 200 });
    expect(line!.tenant).toMatch(/^t_/);
    expect(line!.cost).toMatchObject({ upstreamCalls: 1 });
    expect(line!.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('puts x-request-id on every response, health checks and refusals included', async () => {
    for (const path of ['/health', '/ready', '/graphql']) {
      expect((await send(h, { path, headers: { 'x-request-id': 'probe-1' } })).headers.get('x-request-id'), path).toBe('probe-1');
    }
    expect((await send(h, { path: '/health' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a plain x-request-id from the caller and replaces anything else', async () => {
    const kept = await post(h, { query: ME }, { ...asClient, 'x-request-id': 'req-42.a' });
    expect(kept.headers.get('x-request-id')).toBe('req-42.a');
    const replaced = await post(h, { query: ME }, { ...asClient, 'x-request-id': 'bad id\u0007 with spaces' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(operationLines(memory.lines()).map((line) => line.requestId)).toEqual(['req-42.a', replaced.headers.get('x-request-id')]);
  });

  it('290 failed fields: one line with the code counted, never one per field', async () => {
    // 290 invoices looked up by id (3 batched calls), each with an amount Pennylane sent as a float.
    const ids = h.sim.control.snapshot('customer_invoices').slice(0, 290).map((invoice) => (invoice as { id: number }).id);
    const query = `query Failing { ${ids.map((id, n) => `i${n}: customerInvoice(id: "${id}") { currencyAmount }`).join(' ')} }`;
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, corrupt: { currency_amount: 12.5 }, times: Infinity });
    const res = await post(h, { query }, asClient);
    expect(res.body.errors).toHaveLength(290);
    const lines = memory.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.warn, operation: 'Failing', errors: { UPSTREAM_INVALID_DATA: 290 } });
    expect(memory.raw().length).toBeLessThan(2_000);
  });

  it('logs client mistakes at info, and refused credentials at warn, never at error', async () => {
    await post(h, { query: 'query($n: Int!) { customers(first: $n) { edges { cursor } } }', variables: { n: 'many' } }, asClient);
    await post(h, { query: '{ me { nope } }' }, asClient);
    await post(h, { query: ME });
    const lines = memory.lines();
    expect(lines.map((line) => [line.level, line.errors])).toEqual([
      [LEVEL.info, { BAD_USER_INPUT: 1 }],
      [LEVEL.info, { GRAPHQL_VALIDATION_FAILED: 1 }],
      [LEVEL.warn, { UNAUTHENTICATED: 1 }],
    ]);
    expect(lines[2]).toMatchObject({ msg: 'operation refused', client: null, status: 401 });
  });

  it('writes error level only for the gateway’s own faults, once per operation, with the cause', async () => {
    // Pennylane answering 418 is nothing the gateway knows: masked, and reported as ours.
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 418, times: Infinity });
    const [a, b] = h.sim.control.snapshot('customer_invoices').map((invoice) => (invoice as { id: number }).id);
    const res = await post(h, { query: `{ a: customerInvoice(id: "${a}") { pennylaneId } b: customerInvoice(id: "${b}") { pennylaneId } }` }, asClient);
    expect(res.body.errors?.map((error) => error.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR']);
    const lines = memory.lines().filter((line) => line.level >= LEVEL.warn);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: LEVEL.error, faults: 2, errors: { INTERNAL_SERVER_ERROR: 2 } });
    expect((lines[0]!.err as { message: string }).message).toMatch(/Pennylane answered 418/);
  });

  it('never writes a token or an API key', async () => {
    await post(h, { query: ME }, asClient);
    await post(h, { query: ME }, { 'x-api-key': 'pk_wrong_key_value' });
    const raw = memory.raw();
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain('pk_wrong_key_value');
    expect(raw).not.toContain(h.sim.demoToken);
  });
});
