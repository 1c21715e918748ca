import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, listAll, startTestSimulator, type Page, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Event = { id: number; operation: 'insert' | 'update' | 'delete'; processed_at: string; updated_at: string; created_at: string };
const FEEDS = ['customer_invoices', 'supplier_invoices', 'customers', 'suppliers', 'products', 'transactions', 'ledger_entry_lines', 'quotes', 'ledger_entries_categories', 'ledger_entry_lines_categories'];
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('changelogs', () => {
  it('every feed has events within the 4-week window, processed_at ascending, in the standard envelope', async () => {
    const now = Date.parse(sim.control.now());
    for (const feed of FEEDS) {
      const events = await listAll<Event>(sim, `/changelogs/${feed}`, {}, 1000);
      expect(events.length, feed).toBeGreaterThan(0);
      for (let i = 1; i < events.length; i++) expect((events[i] as Event).processed_at >= (events[i - 1] as Event).processed_at, feed).toBe(true);
      for (const e of events) {
        expect(Object.keys(e).sort()).toEqual(['created_at', 'id', 'operation', 'processed_at', 'updated_at']);
        expect(Date.parse(e.processed_at)).toBeGreaterThanOrEqual(now - 28 * DAY - 1000);
        expect(e.processed_at >= e.updated_at).toBe(true);
        expect(e.processed_at).toMatch(/\.\d{6}Z$/);
      }
      // Older events exist in the store but are hidden by the retention.
      expect(sim.control.changes(feed as 'customers').length).toBeGreaterThanOrEqual(events.length);
    }
    const deletes = (await listAll<Event>(sim, '/changelogs/customer_invoices', {}, 1000)).filter((e) => e.operation === 'delete');
    expect(deletes.length).toBeGreaterThan(0);
  });

  it('cursor paging covers the same events; limit 1..1000', async () => {
    const all = (await call<Page<Event>>(sim, '/changelogs/ledger_entry_lines', { query: { limit: '1000' } })).body;
    const paged = await listAll<Event>(sim, '/changelogs/ledger_entry_lines', {}, 37);
    expect(paged.length).toBeGreaterThan(37);
    if (!all.has_more) expect(paged).toEqual(all.items);
    expect((await call(sim, '/changelogs/customers', { query: { limit: '1001' } })).body).toMatchObject({ field: 'limit', code: 'MoreThanMaximum' });
    expect((await call(sim, '/changelogs/customers', { query: { limit: '0' } })).status).toBe(400);
  });

  it('start_date: from that instant on; beyond the retention → 422; with a cursor → 400; malformed → 400', async () => {
    const now = Date.parse(sim.control.now());
    const start = iso(now - 7 * DAY);
    const recent = await listAll<Event>(sim, '/changelogs/transactions', { start_date: start }, 1000);
    const all = await listAll<Event>(sim, '/changelogs/transactions', {}, 1000);
    expect(recent).toEqual(all.filter((e) => e.processed_at >= start.replace('Z', '000Z')));
    const old = await call(sim, '/changelogs/transactions', { query: { start_date: iso(now - 30 * DAY) } });
    expect(old.status).toBe(422);
    expect(old.body).toEqual({ error: 'start_date is beyond the 4-week retention', status: 422 });
    const page = await call<Page<Event>>(sim, '/changelogs/transactions', { query: { limit: '2' } });
    const both = await call(sim, '/changelogs/transactions', { query: { start_date: start, cursor: page.body.next_cursor as string } });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ field: 'start_date', code: 'ValidateError' });
    expect(typeof (both.body as { message: string }).message).toBe('string');
    expect((await call(sim, '/changelogs/transactions', { query: { start_date: '2026-11-10' } })).body).toMatchObject({ field: 'start_date', code: 'InvalidDateTimeFormat' });
    expect((await call(sim, '/changelogs/transactions', { query: { start_date: `${start.slice(0, 19)}+02:00` } })).status).toBe(200);
  });

  it('a write appears in its feed', async () => {
    const created = await call<{ id: number }>(sim, '/company_customers', {
      method: 'POST',
      body: { name: 'Changelog SAS', billing_address: { address: '1 rue A', postal_code: '75001', city: 'Paris', country_alpha2: 'FR' } },
    });
    expect(created.status).toBe(201);
    await call(sim, `/company_customers/${created.body.id}`, { method: 'PUT', body: { notes: 'updated' } });
    const events = await listAll<Event>(sim, '/changelogs/customers', {}, 1000);
    const mine = events.filter((e) => e.id === created.body.id);
    expect(mine.map((e) => e.operation)).toEqual(['insert', 'update']);
    expect(events.slice(-2)).toEqual(mine);
  });

  it('the window follows the simulator clock', async () => {
    const before = await listAll<Event>(sim, '/changelogs/products', {}, 1000);
    sim.control.advanceClock(29 * DAY);
    const after = await listAll<Event>(sim, '/changelogs/products', {}, 1000);
    expect(after.length).toBeLessThan(before.length);
    expect(after).toEqual([]);
  });
});
