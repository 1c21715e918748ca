import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ecommerce from '../../examples/ecommerce-invoices.js';
import * as journal from '../../examples/journal-entries.js';
import * as companies from '../../examples/several-companies.js';
import * as suppliers from '../../examples/supplier-invoices.js';
import * as sync from '../../examples/sync-catalog.js';
import type { Gateway } from '../../src/app.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';

/**
 * Every recipe of examples/ (README "Recipes"), run as a user runs it: over HTTP against a
 * gateway on the simulator, with client tokens allowed (recipe e).
 */
describe('the recipes in examples/', () => {
  let sim: Simulator;
  let gateway: Gateway;
  let server: Server;
  let endpoint = '';

  beforeAll(async () => {
    sim = await startSimulator({ pdfDelayMs: 0, exportDelayMs: 0 });
    // Recipes (a)–(d) use the gateway's token, (e) the clients' own: both, explicitly.
    gateway = gatewayOver(sim, { PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server' });
    server = createServer(gateway.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await gateway.close();
    await sim.close();
  });

  it('(a) imports a purchase order and the supplier invoice with their PDFs, and follows one to the other', async () => {
    const result = await suppliers.run({ endpoint }, 'PO-TEST-1');
    expect(result.followedTo).toEqual([result.supplierInvoice]);
    expect(sim.control.count({ route: 'POST /file_attachments' })).toBe(2);
  });

  it('(b) bulk-creates the orders as invoices, finalizes them and marks them paid', async () => {
    const paid = await ecommerce.run({ endpoint }, 'shop-test', 3);
    expect(paid).toHaveLength(3);
    for (const order of paid) expect(order).toMatchObject({ status: 'PAID', invoiceNumber: expect.stringMatching(/^F-\d{4}-\d{4}$/) });
  });

  it('(c) syncs products and customers both ways, idempotently', async () => {
    const first = await sync.run({ endpoint }, 'sync-test');
    expect(first).toMatchObject({ pushedProducts: 2, pushedCustomers: 1, productsInPennylane: 2 });
    expect(first.pulled.products).toBeGreaterThanOrEqual(2);
    const createsBefore = sim.control.count({ route: 'POST /products' });
    const second = await sync.run({ endpoint }, 'sync-test', first.nextSince);
    expect(second.productsInPennylane).toBe(2);
    expect(sim.control.count({ route: 'POST /products' })).toBe(createsBefore);
  });

  it('(d) pushes entries with their journal and accounts, and reads back entries, lines and the trial balance', async () => {
    const books = await journal.run({ endpoint }, 'PAYT');
    expect(books).toMatchObject({ entries: 2, lines: 4 });
    expect(books.balances.map((row) => row.number).sort()).toEqual(['421100', '641100']);
    const salaries = books.balances.find((row) => row.number === '641100')!;
    expect(salaries).toMatchObject({ debits: '8500.00', credits: '0.00' });
  });

  it('(e) serves several companies, each with its own token', async () => {
    const control = `${new URL(sim.baseUrl).origin}/__sandbox/`;
    const tokens = [await companies.addSimulatedCompany(control, 'bakery', 7), await companies.addSimulatedCompany(control, 'garage', 8)];
    const answers = await companies.run(endpoint, tokens);
    expect(answers).toHaveLength(2);
    expect(answers[0]!.customers).not.toEqual(answers[1]!.customers);
  });
});
