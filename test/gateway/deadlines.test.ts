import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';

/**
 * Deadlines bound the whole upstream call: connect, headers and every byte of the body share
 * the operation's deadline, whatever the upstream does (faults injected at the simulator).
 */

const ME = '{ me { company { name } } }';
const deadline = (ms: number) => ({ 'x-pennylane-deadline-ms': String(ms) });
type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

describe('deadlines bound upstream time', () => {
  const h = useHarness({
    beforeEach: 'reset',
    env: { PENNYLANE_CACHE_MAX_BYTES: '0', PENNYLANE_HEADERS_TIMEOUT_MS: '1000', PENNYLANE_MAX_RESPONSE_BYTES: '100000' },
  });

  it('ends a hung read by its deadline as UPSTREAM_UNAVAILABLE (a timeout), not RATE_LIMITED', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /me' }, hangMs: 60_000, times: Infinity });
    const answer = await h.gql(ME, undefined, deadline(2_500));
    expect(codeOf(answer.errors)).toBe('UPSTREAM_UNAVAILABLE');
    expect(answer.errors?.[0]?.extensions?.failure).toBe('timeout');
    expect(answer.errors?.[0]?.message).toMatch(/did not answer before the operation's deadline/);
    // Each attempt ended by the 1 s headers timeout, retried while the deadline allowed.
    const attempts = h.sim.control.count({ route: 'GET /me' });
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(4);
  });

  it('ends a body trickling at 1 byte a second by the deadline: the body timeout is a total, not per chunk', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /me' }, trickleBytesPerSecond: 1, times: Infinity });
    const answer = await h.gql(ME, undefined, deadline(2_000));
    expect(codeOf(answer.errors)).toBe('UPSTREAM_UNAVAILABLE');
    expect(answer.errors?.[0]?.extensions?.failure).toBe('timeout');
  });

  it('refuses an oversized answer once, not retried, naming the limit', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /me' }, bodyBytes: 200_000, times: Infinity });
    const answer = await h.gql(ME);
    expect(codeOf(answer.errors)).toBe('UPSTREAM_RESPONSE_TOO_LARGE');
    expect(answer.errors?.[0]?.extensions?.limitBytes).toBe(100_000);
    expect(answer.errors?.[0]?.message).toMatch(/larger than this gateway accepts \(100000 bytes, PENNYLANE_MAX_RESPONSE_BYTES\)/);
    expect(h.sim.control.count({ route: 'GET /me' })).toBe(1);
  });
});

describe('writes under hung upstreams', () => {
  const h = useHarness({ beforeEach: 'reset', env: { PENNYLANE_CACHE_MAX_BYTES: '0' } });
  const CREATE = `mutation($input: CreateProductInput!) {
    createProduct(input: $input) { __typename ... on ProductPayload { product { pennylaneId externalReference } } ... on MutationError { message } }
  }`;
  const product = (ref: string) => ({ externalReference: ref, label: ref, priceBeforeTax: '10.00', vatRate: 'FR_200' });
  const recordsWith = (ref: string) => (h.sim.control.snapshot('products') as { external_reference: string | null }[]).filter((p) => p.external_reference === ref);

  it('resolves a hung create by looking it up after its deadline: one record, a success', async () => {
    h.sim.control.injectFault({ match: { route: 'POST /products' }, hangMs: 60_000, hang: 'after' });
    const answer = await h.gql<{ createProduct: Record<string, unknown> }>(CREATE, { input: product('hung-create') }, deadline(2_000));
    expect(answer.data?.createProduct).toMatchObject({ __typename: 'ProductPayload', product: { externalReference: 'hung-create' } });
    expect(recordsWith('hung-create')).toHaveLength(1);
    expect(h.sim.control.count({ route: 'POST /products' })).toBe(1);
  });

  it("never holds the tenant's other writes: the next create is answered while the first one hangs", async () => {
    h.sim.control.injectFault({ match: { route: 'POST /products' }, hangMs: 60_000 });
    let firstDone = false;
    const first = h.gql<{ createProduct: Record<string, unknown> }>(CREATE, { input: product('hung-first') }, deadline(6_000)).then((answer) => {
      firstDone = true;
      return answer;
    });
    // The fault fires (and goes: times 1) when the first create reaches the simulator.
    await expect.poll(() => h.sim.control.faults().length, { timeout: 5_000 }).toBe(0);
    const second = await h.gql<{ createProduct: Record<string, unknown> }>(CREATE, { input: product('next-create') }, deadline(3_000));
    expect(second.data?.createProduct).toMatchObject({ __typename: 'ProductPayload' });
    expect(firstDone).toBe(false);
    // The hung one gave up at its deadline unprocessed, was looked up (absent) and sent again.
    expect((await first).data?.createProduct).toMatchObject({ __typename: 'ProductPayload' });
    expect(recordsWith('hung-first')).toHaveLength(1);
    expect(recordsWith('next-create')).toHaveLength(1);
  });
});

describe('in-flight sharing is per waiter', () => {
  const h = useHarness({ beforeEach: 'reset', env: { PENNYLANE_CACHE_MAX_BYTES: '0', PENNYLANE_RATE_LIMITS: 'token=3/1s' }, simulator: { rateLimit: { limit: 3, windowMs: 1_000 } } });
  const linesOf = (id: number) => `{ customerInvoice(id: "${id}") { lines(first: 5) { edges { node { label } } } } }`;
  const invoiceId = () => (h.sim.control.snapshot('customer_invoices') as { id: number }[])[0]!.id;

  it('keeps the shared call for the waiter with time left when another one gives up', async () => {
    const id = invoiceId();
    await h.gql(`{ customerInvoice(id: "${id}") { pennylaneId } }`); // not shared: the invoice itself
    h.sim.control.clearLog();
    h.gateway.upstream.cache.clear();
    h.sim.control.injectFault({ match: { route: 'GET /customer_invoices/{id}/invoice_lines' }, hangMs: 2_500 });
    const [hurried, patient] = await Promise.all([h.gql(linesOf(id), undefined, deadline(1_500)), h.gql(linesOf(id), undefined, deadline(15_000))]);
    expect(codeOf(hurried.errors)).toBe('UPSTREAM_UNAVAILABLE');
    expect(patient.errors).toBeUndefined();
    expect(patient.data).toMatchObject({ customerInvoice: { lines: { edges: expect.any(Array) } } });
    // One call, shared: the patient waiter did not need its own.
    expect(h.sim.control.count({ route: 'GET /customer_invoices/{id}/invoice_lines' })).toBe(1);
  });

  it('fails each waiter only by its own deadline while the shared call waits for budget', async () => {
    const id = invoiceId();
    await h.gql(`{ customerInvoice(id: "${id}") { pennylaneId } }`);
    h.gateway.upstream.cache.clear();
    // Spend the window and queue more: the shared call will wait for budget.
    const others = (h.sim.control.snapshot('customers') as { id: number }[]).slice(0, 6).map((c) => h.gql(`{ customer(id: "${c.id}") { name } }`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    h.sim.control.clearLog();
    const [hurried, patient] = await Promise.all([h.gql(linesOf(id), undefined, deadline(300)), h.gql(linesOf(id), undefined, deadline(15_000))]);
    expect(codeOf(hurried.errors)).toBe('RATE_LIMITED');
    expect(patient.errors).toBeUndefined();
    expect(h.sim.control.count({ route: 'GET /customer_invoices/{id}/invoice_lines' })).toBe(1);
    await Promise.all(others);
  });
});
