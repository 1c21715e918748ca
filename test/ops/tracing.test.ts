import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatewaySchema } from '../../src/schema/index.js';
import { memoryLogger, operationLines } from '../edge/support.js';
import { startHarness, type Harness } from '../support/harness.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN}-01`;
const INVOICES = 'query Invoices { customerInvoices(first: 3) { edges { node { invoiceNumber customer { name } } } } }';

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const attemptsOf = (spans: readonly ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.CLIENT);

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('adds nothing to the request path: no trace id in the log line, resolvers left as they are', async () => {
    const field = gatewaySchema().getQueryType()!.getFields().customerInvoices!;
    const resolver = field.resolve;
    const log = memoryLogger();
    const h = await startHarness({ logger: log.logger });
    try {
      expect((await h.gql(INVOICES, undefined, { traceparent: TRACEPARENT })).errors).toBeUndefined();
      expect(operationLines(log.lines())[0]).not.toHaveProperty('traceId');
      expect(field.resolve).toBe(resolver);
    } finally {
      await h.close();
    }
  });
});

describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT (spans in memory)', () => {
  const exporter = new InMemorySpanExporter();
  const log = memoryLogger();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }, logger: log.logger, spanExporter: exporter });
  });
  afterAll(() => h.close());
  const spans = async () => {
    await h.gateway.ops.flush();
    return exporter.getFinishedSpans();
  };
  beforeEach(async () => {
    h.sim.control.reset();
    h.gateway.upstream.cache.clear();
    await spans();
    exporter.reset();
    log.clear();
  });

  it('continues the caller’s trace: one span for the operation, one per resolver that reached Pennylane, one per upstream attempt', async () => {
    const res = await h.gql(INVOICES, undefined, { traceparent: TRACEPARENT });
    expect(res.errors).toBeUndefined();
    const all = await spans();
    const operation = all.find((span) => span.kind === SpanKind.SERVER)!;
    expect(operation.name).toBe('query Invoices');
    expect(operation.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(operation)).toBe(PARENT_SPAN);
    expect(operation.attributes).toMatchObject({
      'graphql.operation.name': 'Invoices',
      'graphql.operation.type': 'query',
      'http.response.status_code': 200,
      'pennylane.upstream_calls': h.sim.control.count(),
    });
    expect(all.every((span) => span.spanContext().traceId === TRACE_ID)).toBe(true);

    // The list, then one batched lookup of the customers: two calls, two resolvers, two attempts.
    const logged = h.sim.control.requests();
    const attempts = attemptsOf(all);
    expect(attempts).toHaveLength(logged.length);
    expect(attempts.map((span) => span.attributes['url.template']).sort()).toEqual(['/customer_invoices', '/customers']);
    for (const attempt of attempts) {
      expect(attempt.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'pennylane.retry': 0, 'pennylane.priority': 'interactive', 'pennylane.cache_hit': false });
      expect(attempt.attributes['pennylane.queue_wait_ms']).toBeGreaterThanOrEqual(0);
      expect(attempt.events.map((event) => event.name)).toEqual(['sent']);
    }
    const resolvers = all.filter((span) => span.kind === SpanKind.INTERNAL);
    expect(resolvers.map((span) => span.name).sort()).toEqual(['CustomerInvoice.customer', 'Query.customerInvoices']);
    const list = resolvers.find((span) => span.name === 'Query.customerInvoices')!;
    expect(parentOf(list)).toBe(operation.spanContext().spanId);
    expect(parentOf(attempts.find((span) => span.attributes['url.template'] === '/customer_invoices')!)).toBe(list.spanContext().spanId);
    // The customers of three invoices are read in one batch: one resolver span (the one that
    // started the batch), not three.
    const customer = resolvers.find((span) => span.name === 'CustomerInvoice.customer')!;
    expect(customer.attributes['graphql.field.path']).toMatch(/^customerInvoices\.edges\.\d\.node\.customer$/);
    expect(parentOf(attempts.find((span) => span.attributes['url.template'] === '/customers')!)).toBe(customer.spanContext().spanId);

    // The operation's log line names the trace.
    expect(operationLines(log.lines())[0]).toMatchObject({ operation: 'Invoices', traceId: TRACE_ID });
  });

  it('records each attempt of a retried call, with its status and retry number', async () => {
    h.sim.control.injectFault({ match: { route: 'GET /customers' }, status: 429, retryAfter: 1, times: 1 });
    expect((await h.gql('{ customers(first: 1) { edges { node { name } } } }')).errors).toBeUndefined();
    const attempts = attemptsOf(await spans());
    expect(attempts.map((span) => [span.attributes['pennylane.retry'], span.attributes['http.response.status_code']])).toEqual([
      [0, 429],
      [1, 200],
    ]);
    // The retry waited for the pause the 429 asked for.
    expect(Number(attempts[1]!.attributes['pennylane.queue_wait_ms'])).toBeGreaterThan(0);
  });

  it('starts a new trace without traceparent; a cached answer has no resolver or attempt span', async () => {
    await h.gql(INVOICES);
    await spans();
    exporter.reset();
    const res = await h.gql(INVOICES);
    expect(res.extensions?.cost?.upstreamCalls).toBe(0);
    const all = await spans();
    expect(all).toHaveLength(1);
    expect(parentOf(all[0]!)).toBeUndefined();
    expect(all[0]!.attributes['pennylane.cache_hits']).toBeGreaterThan(0);
  });

  it('marks refused and failed operations as errors', async () => {
    const res = await h.gql('{ customerInvoices(first: 1) { edges { node { nope } } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const [operation] = await spans();
    expect(operation!.status.code).toBe(2);
    expect(operation!.attributes['graphql.error.codes']).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('the OTLP/HTTP exporter', () => {
  let collector: Server;
  const received: { headers: IncomingMessage['headers']; url: string; body: string }[] = [];
  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, url: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('posts the spans to <endpoint>/v1/traces with the configured headers and service name', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const h = await startHarness({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=s3cret%20key', OTEL_SERVICE_NAME: 'gateway-under-test' },
    });
    try {
      await h.gql('query Me { me { company { name } } }');
      await h.gateway.ops.flush();
      const post = received.find((request) => request.url === '/v1/traces')!;
      expect(post.headers['x-collector-key']).toBe('s3cret key');
      expect(post.body).toContain('"query Me"');
      expect(post.body).toContain('gateway-under-test');
      expect(post.body).toContain('"GET /me"');
      expect(post.body).not.toContain(h.sim.demoToken);
    } finally {
      await h.close();
    }
  });
});
