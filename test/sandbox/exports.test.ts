import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestSimulator, type Simulator } from './helpers.js';

let sim: Simulator;
let slow: Simulator;
beforeAll(async () => {
  [sim, slow] = await Promise.all([startTestSimulator({ exportDelayMs: 0 }), startTestSimulator()]);
});
afterAll(() => Promise.all([sim.close(), slow.close()]));

type Export = { id: number; status: string; file_url?: string | null; created_at: string; updated_at: string };
const period = { period_start: '2026-01-01', period_end: '2026-03-31' };

describe('exports', () => {
  it('FEC lifecycle: 201 pending, then ready with a file_url serving the FEC', async () => {
    const created = await call<Export>(sim, '/exports/fecs', { method: 'POST', body: period });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['created_at', 'id', 'status', 'updated_at']);
    expect(created.body.status).toBe('pending');
    expect(created.body.id).toBeGreaterThan(2 ** 32);
    const got = await call<Export>(sim, `/exports/fecs/${created.body.id}`);
    expect(got.body.status).toBe('ready');
    expect(got.body.file_url).toBe(`${sim.url}/__files/exports/${created.body.id}.txt`);
    const file = await fetch(got.body.file_url as string);
    expect(file.status).toBe(200);
    const text = await file.text();
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header?.split('\t').slice(0, 5)).toEqual(['JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum']);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => { const d = r.split('\t')[3] ?? ''; return d >= '20260101' && d <= '20260331'; })).toBe(true);
    expect((await call(sim, `/exports/general_ledgers/${created.body.id}`)).status).toBe(404);
  });

  it('general and analytical ledgers are .xlsx workbooks', async () => {
    for (const [kind, body] of [['general_ledgers', period], ['analytical_general_ledgers', { ...period, mode: 'in_column' }]] as const) {
      const created = await call<Export>(sim, `/exports/${kind}`, { method: 'POST', body });
      expect(created.status).toBe(201);
      const got = await call<Export>(sim, `/exports/${kind}/${created.body.id}`);
      expect(got.body.file_url).toMatch(/\.xlsx$/);
      const file = await fetch(got.body.file_url as string);
      expect(file.headers.get('content-type')).toContain('spreadsheetml');
      expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('validates the body and needs the exact scope', async () => {
    expect((await call(sim, '/exports/fecs', { method: 'POST', body: { period_start: '2026-01-01' } })).body).toMatchObject({ field: 'period_end', code: 'NotExistRequiredKey' });
    expect((await call(sim, '/exports/fecs', { method: 'POST' })).status).toBe(400);
    expect((await call(sim, '/exports/fecs', { method: 'POST', body: { ...period, period_end: '2026-02-30' } })).body).toMatchObject({ code: 'InvalidDateFormat' });
    expect((await call(sim, '/exports/analytical_general_ledgers', { method: 'POST', body: { ...period, mode: 'sideways' } })).body).toMatchObject({ field: 'mode', code: 'NotEnumInclude' });
    sim.control.addToken('gl-only', { scopes: ['exports:gl'] });
    expect((await call(sim, '/exports/general_ledgers', { method: 'POST', token: 'gl-only', body: period })).status).toBe(201);
    expect((await call(sim, '/exports/fecs', { method: 'POST', token: 'gl-only', body: period })).status).toBe(403);
  });

  it('failExport() and an exportError fault end in error, without file_url', async () => {
    const a = await call<Export>(sim, '/exports/fecs', { method: 'POST', body: period });
    sim.control.failExport(a.body.id);
    expect((await call<Export>(sim, `/exports/fecs/${a.body.id}`)).body).toMatchObject({ status: 'error', file_url: null });
    sim.control.injectFault({ match: { route: 'POST /exports/general_ledgers' }, exportError: true });
    const b = await call<Export>(sim, '/exports/general_ledgers', { method: 'POST', body: period });
    expect(b.status).toBe(201);
    expect((await call<Export>(sim, `/exports/general_ledgers/${b.body.id}`)).body).toMatchObject({ status: 'error', file_url: null });
  });

  it('with the default delay: pending until simulated time passes; the URL expires 10 minutes after it is handed out', async () => {
    const created = await call<Export>(slow, '/exports/fecs', { method: 'POST', body: period });
    const pending = await call<Export>(slow, `/exports/fecs/${created.body.id}`);
    expect(pending.body).toMatchObject({ status: 'pending', file_url: null, updated_at: created.body.created_at });
    slow.control.advanceClock(1500);
    const ready = await call<Export>(slow, `/exports/fecs/${created.body.id}`);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.updated_at > ready.body.created_at).toBe(true);
    expect((await fetch(ready.body.file_url as string)).status).toBe(200);
    slow.control.advanceClock(11 * 60_000);
    expect((await fetch(ready.body.file_url as string)).status).toBe(403);
    const again = await call<Export>(slow, `/exports/fecs/${created.body.id}`);
    expect((await fetch(again.body.file_url as string)).status).toBe(200);
  });
});
