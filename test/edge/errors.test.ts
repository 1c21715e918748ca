import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UPSTREAM_MESSAGE_MAX_CHARS } from '../../src/datasources/http/upstream-message.js';
import { startHarness, type Harness } from '../support/harness.js';
import { post, send } from './support.js';

const CUSTOMERS = 'query Customers($first: Int!) { customers(first: $first) { edges { node { name } } } }';
const INVOICES = '{ customerInvoices(first: 3) { edges { node { pennylaneId } } } }';
const CREATE_PRODUCT = `mutation {
  createProduct(input: { label: "Hostile", priceBeforeTax: "1.00", vatRate: "FR_200" }) {
    __typename
    ... on ValidationError { message refusedBy fieldErrors { path code message } }
  }
}`;
const HTML_PAGE = `<!DOCTYPE html><html><head><title>502</title></head><body>${'<p>upstream proxy error</p>'.repeat(200_000)}</body></html>`;
const STACK = `NoMethodError: undefined method 'id' for nil\n    from /app/models/product.rb:12:in 'create'\n    from /app/controllers/api.rb:40`;

describe('errors that say what to do', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PENNYLANE_CACHE_MAX_BYTES: '0' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  describe('variable and request-shape errors are the client’s, with graphql-js’s message', () => {
    it.each([
      ['a missing required variable', CUSTOMERS, undefined, /Variable "\$first" of required type "Int!" was not provided/],
      ['a null required variable', CUSTOMERS, { first: null }, /Variable "\$first" of non-null type "Int!" must not be null/],
      ['a string for an Int', CUSTOMERS, { first: 'ten' }, /Int cannot represent non-integer value: "ten"/],
      [
        'a bad enum value',
        'query($s: CustomerInvoiceSort) { customerInvoices(first: 1, sort: $s) { edges { cursor } } }',
        { s: 'SIDEWAYS' },
        /Value "SIDEWAYS" does not exist in "CustomerInvoiceSort" enum/,
      ],
    ])('%s: BAD_USER_INPUT, 0 upstream calls', async (_name, query, variables, message) => {
      const res = await post(h, { query, variables });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message).toMatch(message);
      expect(h.sim.control.count()).toBe(0);
    });

    it('bad `variables` JSON on a GET: BAD_REQUEST 400', async () => {
      const res = await send(h, {
        path: `/graphql?query=${encodeURIComponent(CUSTOMERS)}&variables=${encodeURIComponent('{first: 1')}`,
        headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
      expect(body.errors[0]!.message).toMatch(/"variables" parameter .* not valid JSON/);
    });

    it('an upload without `map`: BAD_REQUEST 400 naming the spec', async () => {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: 'mutation($f: File!) { uploadFileAttachment(file: $f) { __typename } }', variables: { f: null } }));
      form.append('0', new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' }));
      const res = await send(h, { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1' } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/"map"/) }] });
      expect(h.sim.control.count()).toBe(0);
    });

    it('a body that is not JSON: Yoga’s own BAD_REQUEST 400', async () => {
      const res = await send(h, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    });
  });

  describe('upstream rejections reach clients bounded, from Pennylane’s message fields only', () => {
    it('a 400 whose body is a 5 MB HTML page: UPSTREAM_REJECTED with a short generic message', async () => {
      expect(HTML_PAGE.length).toBeGreaterThan(5_000_000);
      h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 400, body: HTML_PAGE });
      const response = await send(h, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: INVOICES }) });
      const text = await response.text();
      expect(text.length).toBeLessThan(2_000);
      expect(text).not.toMatch(/<html|<p>|DOCTYPE/i);
      const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UPSTREAM_REJECTED');
      expect(body.errors[0]!.message).toMatch(/HTTP 400 without a readable message/);
    });

    it('a 400 with a 5 MB message: cut to the bound', async () => {
      h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, status: 400, body: { message: 'limit is invalid. '.repeat(300_000), code: 'ValidateError' } });
      const res = await post(h, { query: INVOICES });
      const message = res.body.errors?.[0]?.message ?? '';
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_REJECTED', upstreamCode: 'ValidateError' });
      expect(message.length).toBeLessThanOrEqual(UPSTREAM_MESSAGE_MAX_CHARS + 60);
      expect(message).toMatch(/…$/);
    });

    it('a 422 on a write whose message holds a stack trace: the sentence, not the stack', async () => {
      h.sim.control.injectFault({ match: { route: 'POST /products' }, status: 422, body: { error: STACK, status: 422 } });
      const res = await post<{ createProduct: { __typename: string; message: string; refusedBy: string; fieldErrors: { message: string }[] } }>(h, { query: CREATE_PRODUCT });
      const result = res.body.data!.createProduct;
      expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
      expect(result.fieldErrors[0]!.message).toBe("NoMethodError: undefined method 'id' for nil");
      expect(JSON.stringify(res.body)).not.toMatch(/product\.rb|controllers/);
    });

    it('a 422 whose body is plain text: no raw body passed on', async () => {
      h.sim.control.injectFault({ match: { route: 'POST /products' }, status: 422, body: 'Traceback (most recent call last):\n  File "x.py", line 3', contentType: 'text/plain' });
      const res = await post<{ createProduct: { message: string } }>(h, { query: CREATE_PRODUCT });
      expect(res.body.data!.createProduct.message).toMatch(/HTTP 422 without a readable message/);
      expect(JSON.stringify(res.body)).not.toContain('Traceback');
    });
  });

  describe('a 200 that is not the JSON expected is UPSTREAM_INVALID_DATA', () => {
    it('an HTML page with status 200', async () => {
      h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, body: '<html><body>Maintenance</body></html>' });
      const res = await post(h, { query: INVOICES });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_INVALID_DATA');
      expect(JSON.stringify(res.body)).not.toContain('Maintenance');
    });

    it('a JSON list page without items', async () => {
      h.sim.control.injectFault({ match: { route: 'GET /customer_invoices' }, body: { data: [], next: null } });
      const res = await post(h, { query: INVOICES });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_INVALID_DATA');
      expect(res.body.errors?.[0]?.message).toMatch(/no list of items/);
    });
  });
});
