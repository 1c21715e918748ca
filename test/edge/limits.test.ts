import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../src/graphiql/example-operations.js';
import { DEFAULT_LIMITS } from '../../src/edge/edge-config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { multipart, pdfFile } from '../support/uploads.js';
import { post, send, ME } from './support.js';

/** customers → invoices → customer → invoices …: `levels` levels of nesting. */
function deepQuery(levels: number): string {
  let open = 'customers(first: 1) { edges { node { ';
  let close = ' } } }';
  let depth = 3;
  while (depth + 4 <= levels - 1) {
    open += 'invoices(first: 1) { edges { node { customer { ';
    close = ' } } } }' + close;
    depth += 4;
  }
  return `{ ${open}name${close} }`;
}

function limitOf(res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) {
  return res.body.errors?.[0]?.extensions as { code: string; limit: { name: string; max: number; found?: number; setting: string } } | undefined;
}

describe('request limits, refused before execution', () => {
  let h: Harness;
  let customerId = '';
  beforeAll(async () => {
    h = await startHarness();
    customerId = String((h.sim.control.snapshot('customers')[0] as { id: number }).id);
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.clearLog());

  it(`refuses a depth-100 query (GATEWAY_MAX_DEPTH, default ${DEFAULT_LIMITS.maxDepth}) with 0 upstream calls`, async () => {
    const res = await post(h, { query: deepQuery(100) });
    expect(limitOf(res)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: { name: 'maxDepth', max: DEFAULT_LIMITS.maxDepth, setting: 'GATEWAY_MAX_DEPTH' } });
    expect(limitOf(res)!.limit.found).toBeGreaterThanOrEqual(97);
    expect(res.body.errors?.[0]?.message).toMatch(/GATEWAY_MAX_DEPTH/);
    expect(h.sim.control.count()).toBe(0);
  });

  it('runs a query just inside the depth limit', async () => {
    const res = await post(h, { query: deepQuery(DEFAULT_LIMITS.maxDepth) });
    expect(res.body.errors).toBeUndefined();
  });

  it('refuses 1,000 aliases of customer(id:) with 0 upstream calls (by its token count first)', async () => {
    const query = `{ ${Array.from({ length: 1_000 }, (_, n) => `c${n}: customer(id: "${customerId}") { name }`).join(' ')} }`;
    const res = await post(h, { query });
    expect(limitOf(res)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: { name: 'maxTokens' } });
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses more aliases than GATEWAY_MAX_ALIASES when the tokens would pass', async () => {
    const query = `{ ${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, n) => `c${n}: customer(id: "${customerId}") { name }`).join(' ')} }`;
    const res = await post(h, { query });
    expect(limitOf(res)).toMatchObject({ limit: { name: 'maxAliases', max: DEFAULT_LIMITS.maxAliases, found: DEFAULT_LIMITS.maxAliases + 1 } });
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses more directives than GATEWAY_MAX_DIRECTIVES', async () => {
    const fields = Array.from({ length: DEFAULT_LIMITS.maxDirectives + 1 }, () => 'name @include(if: true)').join(' ');
    const res = await post(h, { query: `{ me { company { ${fields} } } }` });
    expect(limitOf(res)).toMatchObject({ limit: { name: 'maxDirectives' } });
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a body over GATEWAY_MAX_BODY_BYTES from its content-length, without reading it', async () => {
    const huge = JSON.stringify({ query: ME, variables: { pad: 'x'.repeat(DEFAULT_LIMITS.maxBodyBytes) } });
    const res = await send(h, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE', limit: { name: 'GATEWAY_MAX_BODY_BYTES' } } }] });
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses a chunked body (no content-length) once it streams past the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query":"{ me { company { name } } }","variables":{"pad":"'));
      },
      pull(controller) {
        // Endless: only the limit stops it.
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await send(h, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(DEFAULT_LIMITS.maxBodyBytes * 2);
    expect(h.sim.control.count()).toBe(0);
  });
});

describe('configured limits', () => {
  it('counts root fields through fragments (GATEWAY_MAX_ROOT_FIELDS)', async () => {
    const h = await startHarness({ env: { GATEWAY_MAX_ROOT_FIELDS: '2' } });
    try {
      const two = await post(h, { query: '{ me { scopes } journals(first: 1) { edges { cursor } } __typename }' });
      expect(two.body.errors).toBeUndefined();
      const three = await post(h, { query: 'query { me { scopes } ...More } fragment More on Query { journals(first: 1) { edges { cursor } } fiscalYears(first: 1) { edges { cursor } } }' });
      expect(limitOf(three)).toMatchObject({ limit: { name: 'maxRootFields', max: 2, found: 3 } });
    } finally {
      await h.close();
    }
  });

  it('bounds a whole upload request (GATEWAY_MAX_UPLOAD_REQUEST_BYTES) with 0 upstream calls', async () => {
    const h = await startHarness({ env: { GATEWAY_MAX_UPLOAD_REQUEST_BYTES: '4096' } });
    try {
      const file = new File([Buffer.alloc(8 * 1024, 'a')], 'big.pdf', { type: 'application/pdf' });
      const res = await multipart(h, 'mutation($f: File!) { uploadFileAttachment(file: $f) { __typename } }', { f: null }, { 'variables.f': file });
      expect(res.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
      const small = await multipart<{ uploadFileAttachment: { __typename: string } }>(h, 'mutation($f: File!) { uploadFileAttachment(file: $f) { __typename } }', { f: null }, { 'variables.f': pdfFile('small') });
      expect(small.data?.uploadFileAttachment.__typename).toBe('FileAttachmentPayload');
      expect(h.sim.control.count({ route: 'POST /file_attachments' })).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('the default limits leave every shipped example working', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  async function documents(): Promise<string[]> {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const curls = [...readme.matchAll(/-d '(\{"query".*?\})'/g)].map((m) => (JSON.parse(m[1]!) as { query: string }).query);
    return [...EXAMPLE_OPERATIONS.map((tab) => tab.query), ...blocks, ...curls];
  }

  it('passes GraphiQL tabs and README documents through every limit', async () => {
    const all = await documents();
    expect(all.length).toBeGreaterThanOrEqual(EXAMPLE_OPERATIONS.length + 3);
    for (const query of all) {
      // Planned only (x-pennylane-cost: estimate): limits apply, nothing runs upstream.
      const res = await post(h, { query }, { 'x-pennylane-cost': 'estimate' });
      const refusals = (res.body.errors ?? []).filter((error) => error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || error.extensions?.limit);
      expect(refusals, query.slice(0, 80)).toEqual([]);
    }
  });
});
