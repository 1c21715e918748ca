import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, filterParam, listAll, startTestSimulator, type Page, type Simulator } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

type Inv = { id: number; date: string; customer: { id: number } };

describe('envelope', () => {
  it('has exactly items, has_more, next_cursor and null on the last page', async () => {
    const first = await call<Page>(sim, '/customers');
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['has_more', 'items', 'next_cursor']);
    expect(first.body.items).toHaveLength(20); // default limit
    expect(first.body.has_more).toBe(true);
    expect(typeof first.body.next_cursor).toBe('string');
    const all = await call<Page>(sim, '/products', { query: { limit: '100' } });
    expect(all.body.items).toHaveLength(40);
    expect(all.body.has_more).toBe(false);
    expect(all.body.next_cursor).toBeNull();
    expect('next_cursor' in all.body).toBe(true);
  });

  it('exact multiple of limit: the last full page says has_more false', async () => {
    const res = await call<Page>(sim, '/products', { query: { limit: '40' } });
    expect(res.body.has_more).toBe(false);
    expect(res.body.next_cursor).toBeNull();
  });

  it('an empty result is still the envelope', async () => {
    const res = await call<Page>(sim, '/customer_invoices', { query: { filter: filterParam([{ field: 'id', operator: 'eq', value: 1 }]) } });
    expect(res.body).toEqual({ items: [], has_more: false, next_cursor: null });
  });
});

describe('limit', () => {
  it.each([
    ['0', 'LessThanMinimum'],
    ['-3', 'LessThanMinimum'],
    ['101', 'MoreThanMaximum'],
    ['abc', 'ValidateError'],
    ['1.5', 'ValidateError'],
    ['', 'ValidateError'],
  ])('limit=%s → 400 %s (never clamped)', async (limit, code) => {
    const res = await call<{ message: string; field: string; code: string }>(sim, '/customer_invoices', { query: { limit } });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('limit');
    expect(res.body.code).toBe(code);
    expect(typeof res.body.message).toBe('string');
  });

  it('accepts 1 and 100', async () => {
    expect((await call<Page>(sim, '/customer_invoices', { query: { limit: '1' } })).body.items).toHaveLength(1);
    expect((await call<Page>(sim, '/customer_invoices', { query: { limit: '100' } })).body.items).toHaveLength(100);
  });

  it('applies to sub-collections too', async () => {
    const [inv] = sim.control.snapshot('customer_invoices') as Inv[];
    const res = await call(sim, `/customer_invoices/${inv?.id}/invoice_lines`, { query: { limit: '101' } });
    expect(res.status).toBe(400);
  });
});

describe('cursor paging', () => {
  const snapshotIds = () => (sim.control.snapshot('customer_invoices') as Inv[]).map((i) => i.id);

  it('default sort -id visits every row exactly once, newest first', async () => {
    const items = await listAll<Inv>(sim, '/customer_invoices', {}, 37);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(snapshotIds());
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('sort=date visits every row exactly once in date order (ties by id)', async () => {
    const items = await listAll<Inv>(sim, '/customer_invoices', { sort: 'date' }, 33);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(400);
    expect([...ids].sort((a, b) => a - b)).toEqual(snapshotIds());
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1] as Inv;
      const b = items[i] as Inv;
      expect(a.date < b.date || (a.date === b.date && a.id < b.id)).toBe(true);
    }
  });

  it('sort=-date and sort=id also visit every row once', async () => {
    for (const sort of ['-date', 'id']) {
      const ids = (await listAll<Inv>(sim, '/customer_invoices', { sort }, 50)).map((i) => i.id);
      expect(new Set(ids).size).toBe(400);
    }
  });

  it('the cursor is opaque base64 of a position', async () => {
    const res = await call<Page>(sim, '/customers', { query: { limit: '5' } });
    const decoded = JSON.parse(Buffer.from(res.body.next_cursor as string, 'base64').toString('utf8')) as { id: number };
    expect(decoded.id).toBe((res.body.items[4] as { id: number }).id);
  });

  it('the cursor does not carry the filter: page 2 without it widens (trap reproduced)', async () => {
    const invoices = sim.control.snapshot('customer_invoices') as Inv[];
    const counts = new Map<number, number>();
    for (const i of invoices) counts.set(i.customer.id, (counts.get(i.customer.id) ?? 0) + 1);
    const [customerId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
    const filter = filterParam([{ field: 'customer_id', operator: 'eq', value: customerId }]);
    const page1 = await call<Page<Inv>>(sim, '/customer_invoices', { query: { filter, limit: '2' } });
    expect(page1.body.has_more).toBe(true);
    const cursor = page1.body.next_cursor as string;
    const withFilter = await call<Page<Inv>>(sim, '/customer_invoices', { query: { filter, limit: '50', cursor } });
    expect(withFilter.body.items.every((i) => i.customer.id === customerId)).toBe(true);
    const without = await call<Page<Inv>>(sim, '/customer_invoices', { query: { limit: '50', cursor } });
    expect(without.body.items.some((i) => i.customer.id !== customerId)).toBe(true);
    // It continues from the cursor position (below the last id of page 1, default -id).
    const lastId = (page1.body.items[1] as Inv).id;
    expect(without.body.items.every((i) => i.id < lastId)).toBe(true);
  });

  it('the cursor does not carry the sort either', async () => {
    const page1 = await call<Page<Inv>>(sim, '/customer_invoices', { query: { sort: 'id', limit: '3' } });
    const cursor = page1.body.next_cursor as string;
    const page2 = await call<Page<Inv>>(sim, '/customer_invoices', { query: { cursor, limit: '3' } }); // default -id
    const last = (page1.body.items[2] as Inv).id;
    expect(page2.body.items.every((i) => i.id < last)).toBe(true);
    expect(page2.body.items).toHaveLength(2);
  });

  it.each(['not-base64!!', 'bm90IGpzb24=', Buffer.from('{"id":"x"}').toString('base64'), Buffer.from('[1]').toString('base64')])(
    'unreadable cursor %s → 400 field cursor',
    async (cursor) => {
      const res = await call<{ field: string; code: string; message: string }>(sim, '/customer_invoices', { query: { cursor } });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('cursor');
      expect(res.body.code).toBeTruthy();
    },
  );
});

describe('sort', () => {
  it('rejects fields that are not sortable on that list', async () => {
    for (const [path, sort] of [['/customer_invoices', 'amount'], ['/customers', 'date'], ['/customers', 'name'], ['/products', '-label']]) {
      const res = await call<{ field: string }>(sim, path as string, { query: { sort: sort as string } });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('sort');
    }
  });

  it('accepts id, -id, date, -date on customer_invoices', async () => {
    for (const sort of ['id', '-id', 'date', '-date']) {
      expect((await call(sim, '/customer_invoices', { query: { sort, limit: '1' } })).status).toBe(200);
    }
  });
});
