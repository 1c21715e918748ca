import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

interface ExportJson {
  id: string;
  pennylaneId: string;
  kind: string;
  status: string;
  fileUrl: string | null;
  createdAt: string;
}

const FIELDS = 'id pennylaneId kind status fileUrl createdAt updatedAt';

describe('accounting exports', () => {
  describe('ready at once (exportDelayMs: 0)', () => {
    const h = useHarness({ simulator: { exportDelayMs: 0 }, beforeEach: 'clearLog' });

    it('starts a FEC export, then polls it until it is ready with a file URL, never from the cache', async () => {
      const started = await h.gql<{ startFecExport: ExportJson }>(
        `mutation { startFecExport(periodStart: "2026-01-01", periodEnd: "2026-06-30") { ... on Export { ${FIELDS} } } }`,
      );
      expect(started.errors).toBeUndefined();
      const exp = started.data!.startFecExport;
      expect(exp).toMatchObject({ kind: 'FEC', status: 'PENDING', fileUrl: null });
      expect(h.sim.control.counters()).toEqual({ 'POST /exports/fecs': 1 });

      const poll = `query($id: ID!) { export(kind: FEC, id: $id) { ... on Export { ${FIELDS} } } }`;
      const first = await h.gql<{ export: ExportJson }>(poll, { id: exp.id });
      const second = await h.gql<{ export: ExportJson }>(poll, { id: exp.pennylaneId });
      expect(first.errors).toBeUndefined();
      expect(first.data!.export).toMatchObject({ id: exp.id, status: 'READY', kind: 'FEC' });
      expect(first.data!.export.fileUrl).toMatch(/^http.*\.txt$/);
      expect(second.data!.export.status).toBe('READY');
      expect(h.sim.control.count({ route: 'GET /exports/fecs/{id}' })).toBe(2);
    });

    it('starts general ledger and analytical general ledger exports', async () => {
      const res = await h.gql<{ gl: ExportJson; agl: ExportJson; aglColumns: ExportJson }>(
        `mutation {
          gl: startGeneralLedgerExport(periodStart: "2025-01-01", periodEnd: "2025-12-31") { ... on Export { ${FIELDS} } }
          agl: startAnalyticalGeneralLedgerExport(periodStart: "2025-01-01", periodEnd: "2025-12-31") { ... on Export { ${FIELDS} } }
          aglColumns: startAnalyticalGeneralLedgerExport(periodStart: "2025-01-01", periodEnd: "2025-12-31", mode: IN_COLUMN) { ... on Export { ${FIELDS} } }
        }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.gl.kind).toBe('GENERAL_LEDGER');
      expect(res.data!.agl.kind).toBe('ANALYTICAL_GENERAL_LEDGER');
      expect(h.sim.control.counters()).toEqual({ 'POST /exports/general_ledgers': 1, 'POST /exports/analytical_general_ledgers': 2 });
      // Ids are per kind: the global ids tell the kinds apart.
      expect(new Set([res.data!.gl.id, res.data!.agl.id, res.data!.aglColumns.id]).size).toBe(3);

      const polled = await h.gql<{ gl: ExportJson; agl: ExportJson }>(
        `query($gl: ID!, $agl: ID!) { gl: export(kind: GENERAL_LEDGER, id: $gl) { status fileUrl } agl: export(kind: ANALYTICAL_GENERAL_LEDGER, id: $agl) { status fileUrl } }`,
        { gl: res.data!.gl.id, agl: res.data!.agl.id },
      );
      expect(polled.errors).toBeUndefined();
      expect(polled.data!.gl.fileUrl).toMatch(/\.xlsx$/);
      expect(polled.data!.agl.status).toBe('READY');
    });

    it('reports a failed export as ERROR, and an unknown one as null', async () => {
      const started = await h.gql<{ startFecExport: ExportJson }>(
        `mutation { startFecExport(periodStart: "2026-01-01", periodEnd: "2026-01-31") { ... on Export { id pennylaneId } } }`,
      );
      h.sim.control.failExport(Number(started.data!.startFecExport.pennylaneId));
      const res = await h.gql<{ failed: ExportJson; unknown: ExportJson | null }>(
        `query($id: ID!) { failed: export(kind: FEC, id: $id) { status fileUrl } unknown: export(kind: FEC, id: "999999999") { status } }`,
        { id: started.data!.startFecExport.id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.failed).toEqual({ status: 'ERROR', fileUrl: null });
      expect(res.data!.unknown).toBeNull();
    });

    it('refuses a reversed period and an id of another kind before calling Pennylane', async () => {
      const reversed = await h.gql<{ startFecExport: { __typename: string; fieldErrors: { path: string[] }[] } }>(
        `mutation { startFecExport(periodStart: "2026-02-01", periodEnd: "2026-01-01") { __typename ... on ValidationError { fieldErrors { path } } } }`,
      );
      expect(reversed.data!.startFecExport).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: ['periodEnd'] }] });
      const started = await h.gql<{ startFecExport: ExportJson }>(`mutation { startFecExport(periodStart: "2026-01-01", periodEnd: "2026-01-31") { ... on Export { id } } }`);
      h.sim.control.clearLog();
      const wrongKind = await h.gql(`query($id: ID!) { export(kind: GENERAL_LEDGER, id: $id) { status } }`, { id: started.data!.startFecExport.id });
      expect(wrongKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(h.sim.control.count()).toBe(0);
    });
  });

  describe('pending until generated', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ simulator: { exportDelayMs: 60_000 } });
    });
    afterAll(() => h.close());

    it('stays PENDING without a file URL until Pennylane is done', async () => {
      const started = await h.gql<{ startFecExport: ExportJson }>(
        `mutation { startFecExport(periodStart: "2026-01-01", periodEnd: "2026-06-30") { ... on Export { id } } }`,
      );
      const poll = `query($id: ID!) { export(kind: FEC, id: $id) { status fileUrl } }`;
      const pending = await h.gql<{ export: ExportJson }>(poll, { id: started.data!.startFecExport.id });
      expect(pending.data!.export).toEqual({ status: 'PENDING', fileUrl: null });
      // Past the delay with a margin: the simulator clock can run slightly ahead of real time.
      h.sim.control.advanceClock(120_000);
      const ready = await h.gql<{ export: ExportJson }>(poll, { id: started.data!.startFecExport.id });
      expect(ready.data!.export.status).toBe('READY');
      expect(ready.data!.export.fileUrl).toMatch(/^http/);
    });
  });
});
