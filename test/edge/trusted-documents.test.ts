import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchUnpaidInvoices } from '../../examples/unpaid-invoices.js';
import { startHarness, gatewayOver, type Harness } from '../support/harness.js';
import { post, sha256Hex, ME } from './support.js';

const MANIFEST = fileURLToPath(new URL('../../examples/gql/persisted-documents.json', import.meta.url));
const ADHOC_KEY = 'pk_adhoc_0123456789abcdef0123456789abcdef';
const APP_KEY = 'pk_app_0123456789abcdef0123456789abcdef00';

async function listen(h: Harness): Promise<{ server: Server; endpoint: string }> {
  const server = createServer(h.gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function manifest(): Promise<Record<string, string>> {
  return JSON.parse(await readFile(MANIFEST, 'utf8')) as Record<string, string>;
}

describe('the persisted-documents manifest of npm run codegen', () => {
  it('holds every operation written in examples/, under its SHA-256', async () => {
    const documents = await manifest();
    for (const [hash, document] of Object.entries(documents)) expect(hash).toBe(`sha256:${sha256Hex(document)}`);
    const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
    const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.startsWith('gql'));
    const written: string[] = [];
    for (const file of files) {
      const source = await readFile(join(dir, file), 'utf8');
      for (const match of source.matchAll(/graphql\(`\s*(query|mutation|subscription)\s+(\w+)/g)) written.push(match[2]!);
    }
    expect(written).toContain('UnpaidInvoices');
    const names = Object.values(documents).map((document) => /^(?:query|mutation|subscription)\s+(\w+)/.exec(document)?.[1]);
    for (const name of written) expect(names, `${name} (run npm run codegen)`).toContain(name);
  });
});

describe('trusted documents only (GATEWAY_TRUSTED_DOCUMENTS_ONLY)', () => {
  let h: Harness;
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        GATEWAY_TRUSTED_DOCUMENTS: MANIFEST,
        GATEWAY_TRUSTED_DOCUMENTS_ONLY: 'true',
        GATEWAY_API_KEYS: `tools=${sha256Hex(ADHOC_KEY)};ad-hoc,app=${sha256Hex(APP_KEY)}`,
      },
    });
    ({ server, endpoint } = await listen(h));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });
  beforeEach(() => h.sim.control.clearLog());

  it('runs the example client, which sends the hash of its document', async () => {
    const invoices = await fetchUnpaidInvoices({ endpoint, apiKey: APP_KEY });
    expect(invoices.length).toBeGreaterThan(0);
    expect(h.sim.control.count({ route: 'GET /customer_invoices' })).toBeGreaterThan(0);
  });

  it('refuses an ad-hoc document with TRUSTED_DOCUMENT_REQUIRED and 0 upstream calls', async () => {
    const res = await post(h, { query: ME }, { 'x-api-key': APP_KEY });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    expect(h.sim.control.count()).toBe(0);
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND and 0 upstream calls', async () => {
    const res = await post(h, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ me { scopes } }') } } }, { 'x-api-key': APP_KEY });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(h.sim.control.count()).toBe(0);
  });

  it('accepts the bare hex hash too (Apollo Client’s form)', async () => {
    const [hash] = Object.keys(await manifest());
    const res = await post(h, { variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: hash!.replace('sha256:', '') } } }, { 'x-api-key': APP_KEY });
    expect(res.body.errors).toBeUndefined();
  });

  it('lets a client granted ad-hoc send its own documents', async () => {
    const res = await post(h, { query: ME }, { 'x-api-key': ADHOC_KEY });
    expect(res.body.errors).toBeUndefined();
  });
});

describe('trusted documents beside ad-hoc ones (the default)', () => {
  it('runs known hashes, and the example client falls back to the text where the hash is unknown', async () => {
    const h = await startHarness();
    const { server, endpoint } = await listen(h);
    try {
      // No manifest configured: the hash is unknown, the client sends the document instead.
      expect((await fetchUnpaidInvoices({ endpoint })).length).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await h.close();
    }
  });

  it('refuses to start with a manifest whose hash does not match its document', async () => {
    const h = await startHarness();
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const path = join(dir, 'tampered.json');
      await writeFile(path, JSON.stringify({ [`sha256:${sha256Hex('{ me { scopes } }')}`]: 'mutation { deleteEverything }' }));
      expect(() => gatewayOver(h.sim, { GATEWAY_TRUSTED_DOCUMENTS: path })).toThrow(/GATEWAY_TRUSTED_DOCUMENTS: .* does not hash to it/);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await h.close();
    }
  });
});
