import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Page, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ exportDelayMs: 0 });
});
afterAll(() => sim.close());

type Row = { id: number; customer_type?: string };
const snap = (r: string) => sim.control.snapshot(r) as Row[];

/** A concrete path for a GET template, with ids that exist in the demo books. */
async function concrete(template: string): Promise<string> {
  const path = template.slice(4);
  const [, head, second] = path.split('/');
  if (head === 'company_customers' || head === 'individual_customers') {
    const kind = head === 'company_customers' ? 'company' : 'individual';
    return path.replace('{id}', String(snap('customers').find((c) => c.customer_type === kind)?.id));
  }
  if (head === 'exports') {
    const res = await call<{ id: number }>(sim, `/exports/${second}`, { method: 'POST', body: { period_start: '2026-01-01', period_end: '2026-03-31' } });
    return path.replace('{id}', String(res.body.id));
  }
  if (path.includes('{contact_id}')) {
    for (const c of snap('customers')) {
      const contacts = sim.control.subList(`/customers/${c.id}/contacts`) as Row[];
      if (contacts[0]) return path.replace('{id}', String(c.id)).replace('{contact_id}', String(contacts[0].id));
    }
  }
  return path.includes('{id}') ? path.replace('{id}', String(snap(head as string)[0]?.id)) : path;
}

const REQUIRED = [
  'GET /customers/{id}/categories', 'GET /customers/{id}/contacts', 'GET /customers/{id}/contacts/{contact_id}',
  'GET /customer_invoices/{id}/invoice_line_sections', 'GET /customer_invoices/{id}/matched_transactions', 'GET /customer_invoices/{id}/appendices',
  'GET /customer_invoices/{id}/categories', 'GET /customer_invoices/{id}/custom_header_fields', 'GET /customer_invoice_templates', 'GET /numberings',
  'GET /quotes', 'GET /quotes/{id}', 'GET /quotes/{id}/invoice_lines', 'GET /quotes/{id}/invoice_line_sections', 'GET /quotes/{id}/appendices',
  'GET /commercial_documents', 'GET /commercial_documents/{id}', 'GET /commercial_documents/{id}/invoice_lines',
  'GET /commercial_documents/{id}/invoice_line_sections', 'GET /commercial_documents/{id}/appendices', 'GET /billing_subscriptions',
  'GET /billing_subscriptions/{id}', 'GET /billing_subscriptions/{id}/invoice_lines', 'GET /billing_subscriptions/{id}/invoice_line_sections',
  'GET /sepa_mandates', 'GET /sepa_mandates/{id}', 'GET /gocardless_mandates', 'GET /gocardless_mandates/{id}', 'GET /pro_account/mandates',
  'GET /pro_account/mandate_migrations', 'GET /pa_registrations', 'GET /webhook_subscriptions', 'GET /webhook_subscriptions/{id}',
  'GET /suppliers', 'GET /suppliers/{id}', 'GET /suppliers/{id}/categories', 'GET /supplier_invoices', 'GET /supplier_invoices/{id}',
  'GET /supplier_invoices/{id}/invoice_lines', 'GET /supplier_invoices/{id}/payments', 'GET /supplier_invoices/{id}/matched_transactions',
  'GET /supplier_invoices/{id}/categories', 'GET /purchase_requests', 'GET /purchase_requests/{id}', 'GET /journals', 'GET /journals/{id}',
  'GET /ledger_accounts', 'GET /ledger_accounts/{id}', 'GET /ledger_entries', 'GET /ledger_entries/{id}', 'GET /ledger_entries/{id}/ledger_entry_lines',
  'GET /ledger_entry_lines', 'GET /ledger_entry_lines/{id}', 'GET /ledger_entry_lines/{id}/lettered_ledger_entry_lines',
  'GET /ledger_entry_lines/{id}/categories', 'GET /trial_balance', 'GET /fiscal_years', 'POST /exports/fecs', 'GET /exports/fecs/{id}',
  'POST /exports/analytical_general_ledgers', 'GET /exports/analytical_general_ledgers/{id}', 'POST /exports/general_ledgers',
  'GET /exports/general_ledgers/{id}', 'GET /bank_accounts', 'GET /bank_accounts/{id}', 'GET /bank_establishments', 'GET /transactions',
  'GET /transactions/{id}', 'GET /transactions/{id}/categories', 'GET /transactions/{id}/matched_invoices', 'GET /categories', 'GET /categories/{id}',
  'GET /category_groups', 'GET /category_groups/{id}', 'GET /category_groups/{id}/categories', 'GET /file_attachments',
  ...['customer_invoices', 'supplier_invoices', 'customers', 'suppliers', 'products', 'transactions', 'ledger_entry_lines', 'quotes', 'ledger_entries_categories', 'ledger_entry_lines_categories'].map((r) => `GET /changelogs/${r}`),
];

describe('route coverage', () => {
  it('control.routes() and /__sandbox/routes list every route of API.md §4 served here', async () => {
    const routes = sim.control.routes();
    for (const r of REQUIRED) expect(routes, r).toContain(r);
    const res = await fetch(`${sim.url}/__sandbox/routes`);
    expect(await res.json()).toEqual(routes);
    expect(routes.some((r) => r.includes('ledger_attachments'))).toBe(false);
  });

  it('every GET route answers 200 (an object, or the standard envelope) on the demo company', async () => {
    const gets = sim.control.routes().filter((r) => r.startsWith('GET ') && !r.startsWith('GET /pro_account'));
    for (const template of gets) {
      const query = template === 'GET /trial_balance' ? { period_start: '2026-01-01', period_end: '2026-12-31' } : undefined;
      const res = await call<Page | Record<string, unknown>>(sim, await concrete(template), query ? { query } : {});
      expect(res.status, template).toBe(200);
      const body = res.body as Record<string, unknown>;
      if ('items' in body) {
        expect(Object.keys(body).sort(), template).toEqual(['has_more', 'items', 'next_cursor']);
        expect(Array.isArray(body['items'])).toBe(true);
      } else expect(typeof body, template).toBe('object');
    }
  });

  it('pro_account routes: 404 without a Pro Account, lists with one', async () => {
    for (const path of ['/pro_account/mandates', '/pro_account/mandate_migrations']) {
      const res = await call(sim, path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'Not Found', status: 404 });
    }
    sim.control.addToken('pro-token', { company: 'pro-co', proAccount: true });
    try {
      for (const path of ['/pro_account/mandates', '/pro_account/mandate_migrations']) {
        const res = await call<Page>(sim, path, { token: 'pro-token' });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeGreaterThan(0);
        expect(res.body.items[0]).toMatchObject({ customer: { id: expect.any(Number), url: expect.stringContaining('/customers/') } });
      }
      sim.control.setProAccount(true);
      expect((await call(sim, '/pro_account/mandates')).status).toBe(200);
    } finally {
      sim.control.reset();
    }
  });

  it('every new resource can be snapshotted; ids > 2^32 in their own id space', () => {
    const names = [
      'suppliers', 'supplier_invoices', 'quotes', 'billing_subscriptions', 'commercial_documents', 'purchase_requests', 'journals', 'ledger_accounts',
      'ledger_entries', 'ledger_entry_lines', 'fiscal_years', 'bank_accounts', 'bank_establishments', 'transactions', 'categories', 'category_groups',
      'file_attachments', 'sepa_mandates', 'gocardless_mandates', 'customer_invoice_templates', 'numberings', 'webhook_subscriptions', 'pa_registrations',
    ];
    const all: number[] = [];
    for (const name of names) {
      const rows = snap(name);
      expect(rows.length, name).toBeGreaterThan(0);
      for (const r of rows) expect(r.id > 2 ** 32 && Number.isSafeInteger(r.id), name).toBe(true);
      all.push(...rows.map((r) => r.id));
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('same seed ⇒ the same books (every resource, byte for byte apart from the origin)', async () => {
    const twin = await startTestSimulator();
    try {
      const names = ['suppliers', 'supplier_invoices', 'quotes', 'billing_subscriptions', 'ledger_entries', 'ledger_entry_lines', 'transactions', 'categories', 'sepa_mandates', 'purchase_requests', 'customer_invoices', 'ledger_accounts'];
      for (const name of names) {
        const norm = (s: Simulator) => JSON.stringify(s.control.snapshot(name)).split(s.url).join('<origin>');
        expect(norm(twin), name).toBe(norm(sim));
      }
      expect(JSON.stringify(twin.control.changes('ledger_entry_lines'))).toBe(JSON.stringify(sim.control.changes('ledger_entry_lines')));
    } finally {
      await twin.close();
    }
  });

  it('snapshots equal GET /{resource}/{id}', async () => {
    for (const name of ['suppliers', 'supplier_invoices', 'quotes', 'billing_subscriptions', 'commercial_documents', 'purchase_requests', 'journals', 'ledger_accounts', 'ledger_entries', 'ledger_entry_lines', 'bank_accounts', 'transactions', 'categories', 'category_groups', 'sepa_mandates', 'gocardless_mandates', 'webhook_subscriptions']) {
      const rows = snap(name);
      const row = rows[Math.floor(rows.length / 2)] as Row;
      expect((await call(sim, `/${name}/${row.id}`)).body, name).toEqual(row);
    }
  });

  it('scopes: exact scopes, any sales read scope for numberings, none for webhooks', async () => {
    sim.control.addToken('quotes-only', { scopes: ['quotes:readonly'] });
    sim.control.addToken('nothing', { scopes: [] });
    try {
      expect((await call(sim, '/numberings', { token: 'quotes-only' })).status).toBe(200);
      const denied = await call(sim, '/numberings', { token: 'nothing' });
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual({ error: 'Access to this resource requires scope "customers:readonly".', status: 403 });
      expect((await call(sim, '/webhook_subscriptions', { token: 'nothing' })).status).toBe(200);
      expect((await call(sim, '/changelogs/ledger_entry_lines', { token: 'quotes-only' })).body).toMatchObject({ error: expect.stringContaining('ledger_entries:readonly') });
      for (const [path, scope] of [['/trial_balance', 'trial_balance:readonly'], ['/fiscal_years', 'fiscal_years:readonly'], ['/bank_establishments', 'bank_establishments:readonly'], ['/customer_invoice_templates', 'customer_invoice_templates:readonly'], ['/pa_registrations', 'pa_registrations:readonly'], ['/sepa_mandates', 'customer_mandates:readonly']] as const) {
        const res = await call<{ error: string }>(sim, path, { token: 'quotes-only' });
        expect(res.status, path).toBe(403);
        expect(res.body.error).toContain(scope);
      }
      expect((await call(sim, '/exports/fecs', { method: 'POST', token: 'quotes-only', body: {} })).body).toMatchObject({ error: expect.stringContaining('exports:fec') });
    } finally {
      sim.control.reset();
    }
  });

  it('families: sales_purchases and accounting per API.md §2.2', async () => {
    sim.control.clearLog();
    for (const path of ['/quotes', '/numberings', '/purchase_requests', '/journals', '/category_groups', '/fiscal_years', '/transactions', '/sepa_mandates', '/changelogs/ledger_entry_lines']) await call(sim, path);
    const families = Object.fromEntries(sim.control.requests().map((r) => [r.path, r.family]));
    expect(families).toEqual({
      '/quotes': 'sales_purchases', '/numberings': 'sales_purchases', '/purchase_requests': 'sales_purchases', '/journals': 'accounting',
      '/category_groups': 'accounting', '/fiscal_years': 'accounting', '/transactions': null, '/sepa_mandates': null, '/changelogs/ledger_entry_lines': 'accounting',
    });
  });
});
