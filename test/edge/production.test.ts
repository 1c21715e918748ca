import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { post, send, sha256Hex } from './support.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "Customer") { name } }';
const TYPO = '{ me { compan { name } } }';
const ADMIN_KEY = 'pk_admin_0123456789abcdef0123456789abcdef';
const APP_KEY = 'pk_app_0123456789abcdef0123456789abcdef00';

const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions?.code;

describe('NODE_ENV=production', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { NODE_ENV: 'production', GATEWAY_API_KEYS: `admin=${sha256Hex(ADMIN_KEY)};introspection,app=${sha256Hex(APP_KEY)}` },
    });
  });
  afterAll(() => h.close());

  it('turns introspection off for clients not granted it, with 0 upstream calls', async () => {
    h.sim.control.clearLog();
    for (const query of [INTROSPECTION, TYPE]) {
      const res = await post(h, { query }, { 'x-api-key': APP_KEY });
      expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    }
    expect(h.sim.control.count()).toBe(0);
    // __typename is not introspection of the schema.
    expect((await post(h, { query: '{ __typename }' }, { 'x-api-key': APP_KEY })).body.errors).toBeUndefined();
  });

  it('keeps introspection for a client granted it', async () => {
    const res = await post<{ __schema: { queryType: { name: string } } }>(h, { query: INTROSPECTION }, { 'x-api-key': ADMIN_KEY });
    expect(res.body.data?.__schema.queryType.name).toBe('Query');
    // Yoga caches validation results: the admin's pass must not open it for the next client.
    expect(codeOf(await post(h, { query: INTROSPECTION }, { 'x-api-key': APP_KEY }))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('hides "Did you mean" suggestions', async () => {
    const res = await post(h, { query: TYPO }, { 'x-api-key': APP_KEY });
    expect(res.body.errors?.[0]?.message).toMatch(/Cannot query field "compan" on type "Me"/);
    expect(res.body.errors?.[0]?.message).not.toMatch(/Did you mean|company/);
  });

  it('serves no GraphiQL, and says why', async () => {
    const page = await send(h, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toMatch(/GATEWAY_GRAPHIQL=true/);
    expect((await send(h, { path: '/graphiql/assets/graphiql.js' })).status).toBe(404);
  });
});

describe('NODE_ENV=production with each feature re-enabled explicitly', () => {
  it('serves introspection, suggestions and GraphiQL again', async () => {
    const h = await startHarness({
      env: { NODE_ENV: 'production', GATEWAY_INTROSPECTION: 'true', GATEWAY_FIELD_SUGGESTIONS: 'true', GATEWAY_GRAPHIQL: 'true' },
    });
    try {
      expect((await post(h, { query: INTROSPECTION })).body.errors).toBeUndefined();
      expect((await post(h, { query: TYPO })).body.errors?.[0]?.message).toMatch(/Did you mean "company"\?/);
      const page = await send(h, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/graphiql/assets/graphiql.js');
    } finally {
      await h.close();
    }
  });
});

describe('the development profile (no NODE_ENV)', () => {
  it('has introspection, suggestions and GraphiQL on', async () => {
    const h = await startHarness();
    try {
      expect((await post(h, { query: INTROSPECTION })).body.errors).toBeUndefined();
      expect((await post(h, { query: TYPO })).body.errors?.[0]?.message).toMatch(/Did you mean "company"\?/);
      expect((await send(h, { headers: { accept: 'text/html' } })).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
