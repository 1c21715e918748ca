import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../src/graphiql/example-operations.js';
import { launchChromium } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';

/**
 * GraphiQL as a newcomer meets it, in a real headless Chromium over `npm start`: every
 * preloaded tab switches on the first click and runs as shipped on the demo company.
 */
const TAB_NAMES = EXAMPLE_OPERATIONS.map((tab) => /(?:query|mutation|subscription) (\w+)/.exec(tab.query)![1]!);

interface Ran {
  readonly operationName: string | undefined;
  readonly status: number;
  readonly body: string;
}

describe('GraphiQL in a browser', () => {
  let server: DemoServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const ran: Ran[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('requestfinished', async (request) => {
      const url = new URL(request.url());
      if (url.pathname !== '/graphql' || request.resourceType() === 'document') return;
      const response = await request.response();
      // Queries and mutations are POSTed; subscriptions are a GET of server-sent events.
      const operationName =
        request.method() === 'POST'
          ? (JSON.parse(request.postData() ?? '{}') as { operationName?: string }).operationName
          : (url.searchParams.get('operationName') ?? /subscription (\w+)/.exec(url.searchParams.get('query') ?? '')?.[1]);
      ran.push({ operationName, status: response?.status() ?? 0, body: (await response?.text()) ?? '' });
    });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.graphiql-tab', { timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  const activeTab = () => page.locator('.graphiql-tab-active .graphiql-tab-button').getAttribute('title');

  it('opens from / with every example operation as a tab', async () => {
    expect(new URL(page.url()).pathname).toBe('/graphql');
    const titles = await page.locator('.graphiql-tab .graphiql-tab-button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('title')));
    expect(titles).toEqual(TAB_NAMES);
  });

  it('switches tab on the first click, and runs every tab as shipped', async () => {
    // Visit the tabs in an order where every click changes tab (the first tab is active at start).
    const order = [...TAB_NAMES.slice(1), TAB_NAMES[0]!];
    for (const name of order) {
      await page.locator(`.graphiql-tab .graphiql-tab-button[title="${name}"]`).click();
      expect(await activeTab(), `one click on ${name}`).toBe(name);
      // The editor shows the tab's document before it is run. GraphiQL works out the
      // operation name of a tab a moment after switching (a click within that moment shows
      // "Cannot infer operation" and sends nothing), so a run that sent nothing is clicked again.
      await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 10_000 }).toContain(name);
      const before = ran.length;
      const sent = () => ran.slice(before).find((r) => r.operationName === name);
      for (let attempt = 0; attempt < 20 && !sent(); attempt++) {
        await page.locator('.graphiql-execute-button').click();
        await expect.poll(sent, { timeout: 1_500 }).toBeTruthy().catch(() => undefined);
      }
      await expect.poll(sent, { timeout: 30_000, message: `${name} was not sent` }).toBeTruthy();
      const result = ran.slice(before).find((r) => r.operationName === name)!;
      expect(result.status, name).toBe(200);
      // Queries and mutations answer JSON; the subscription streams events, each a result.
      const payloads =
        result.body.startsWith('{')
          ? [result.body]
          : result.body.split('\n').filter((line) => line.startsWith('data: {')).map((line) => line.slice(6));
      expect(payloads.length, name).toBeGreaterThan(0);
      for (const payload of payloads) {
        const parsed = JSON.parse(payload) as { data?: Record<string, unknown>; errors?: unknown[] };
        expect(parsed.errors, `${name}: ${payload.slice(0, 300)}`).toBeUndefined();
        expect(Object.values(parsed.data ?? {}).every((value) => value !== null), name).toBe(true);
      }
      lastResults.set(name, payloads.map((payload) => (JSON.parse(payload) as { data: unknown }).data));
    }
  }, 180_000);

  /** The `data` of each tab's run (one per event for the subscription). */
  const lastResults = new Map<string, unknown[]>();
  const dataOf = <T>(name: string, index = 0): T => lastResults.get(name)!.at(index) as T;

  it('LateInvoices returns late invoices, and only late ones', () => {
    const edges = dataOf<{ customerInvoicesByStatus: { edges: { node: { status: string } }[] } }>('LateInvoices').customerInvoicesByStatus.edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(new Set(edges.map((edge) => edge.node.status))).toEqual(new Set(['LATE']));
  });

  it('InvoiceDetail finds an invoice by itself, with its lines', () => {
    const node = dataOf<{ customerInvoices: { edges: { node: { invoiceNumber: string; lines: { edges: unknown[] } } }[] } }>('InvoiceDetail')
      .customerInvoices.edges[0]!.node;
    expect(node.invoiceNumber).toMatch(/^F-\d{4}-\d{4}$/);
    expect(node.lines.edges.length).toBeGreaterThan(0);
  });

  it('the mutation, the bulk operation and its subscription did their work', () => {
    expect(JSON.stringify(lastResults.get('CreateProduct'))).toContain('"__typename":"ProductPayload"');
    expect(JSON.stringify(lastResults.get('UpsertProducts'))).toContain('"__typename":"BulkOperationPayload"');
    const last = dataOf<{ bulkOperation: { kind: string; status: string; succeeded: number } }>('FollowBulkOperation', -1).bulkOperation;
    expect(last).toMatchObject({ kind: 'upsertProducts', status: 'COMPLETED', succeeded: 3 });
  });

  it('shows no icon titled after a minified function name', async () => {
    const titles = await page.locator('svg title').allTextContents();
    expect(titles.filter((title) => / icon$/.test(title))).toEqual([]);
  });
});
