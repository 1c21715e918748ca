import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse, print, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaidInvoicesDocument, watchPaidInvoices, type PaidInvoice } from '../../examples/live-invoices.js';
import type { Gateway } from '../../src/app.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';
import { eventually } from '../support/eventually.js';
import { direct, invoices, LIVE_ENV } from './live-support.js';

/** The README's typed subscription (examples/live-invoices.ts), run as a user runs it: over HTTP. */
describe('the live-invoices example', () => {
  let sim: Simulator;
  let gateway: Gateway;
  let server: Server;
  let endpoint = '';

  beforeAll(async () => {
    sim = await startSimulator();
    gateway = gatewayOver(sim, LIVE_ENV);
    server = createServer(gateway.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await gateway.close();
    await sim.close();
  });

  it('validates against the committed schema', () => {
    const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    expect(validate(schema, parse(print(PaidInvoicesDocument)))).toEqual([]);
  });

  it('sees a payment, then resumes from its cursor with the next one only', async () => {
    const [first, second] = invoices({ sim }).filter((i) => i.status === 'upcoming');
    const paid: PaidInvoice[] = [];
    const stop = new AbortController();
    const watching = watchPaidInvoices({ endpoint }, (invoice) => paid.push(invoice), { signal: stop.signal })
    // The subscription is live (every change from now on reaches it) once the gateway counts it.
    expect(await eventually(async () => (await (await fetch(endpoint.replace('/graphql', '/metrics'))).text()).includes('pennylane_live_subscriptions 1'))).toBe(true);
    await direct({ sim }, 'PUT', `/customer_invoices/${first!.id}/mark_as_paid`);
    expect(await eventually(() => paid.length === 1)).toBe(true);
    stop.abort();
    await watching;

    await direct({ sim }, 'PUT', `/customer_invoices/${second!.id}/mark_as_paid`);
    const resumed: PaidInvoice[] = [];
    const again = new AbortController();
    const resuming = watchPaidInvoices({ endpoint }, (invoice) => resumed.push(invoice), { after: paid[0]!.cursor, signal: again.signal });
    expect(await eventually(() => resumed.length >= 1)).toBe(true);
    again.abort();
    await resuming;
    expect(paid.map((p) => p.pennylaneId)).toEqual([String(first!.id)]);
    expect(resumed.map((p) => p.pennylaneId)).toEqual([String(second!.id)]);
  });
});
