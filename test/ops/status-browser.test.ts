import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../edge/support.js';
import { launchChromium } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';

const OPS_KEY = 'pgk_status-browser-operator';

/**
 * The status page as an operator sees it, in a real headless Chromium over the compiled
 * server: sign in with an API key granted `ops`, put load on the simulator through the
 * gateway, and watch the token's gauge and a bulk operation's progress bar move.
 */
describe('the status page in a browser', () => {
  let server: DemoServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startDemoServer({
      GATEWAY_API_KEYS: `operator=${sha256Hex(OPS_KEY)};ops`,
      GATEWAY_STATUS_INTERVAL_MS: '200',
      PENNYLANE_CACHE_MAX_BYTES: '0',
      // The embedded simulator's limit (token only): the token's gauge is what fills.
      PENNYLANE_RATE_LIMITS: 'token=25/5s',
    });
    chromium = await launchChromium({ width: 1400, height: 1000 });
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The stream answering 401 before the operator signs in is how the page learns it must ask.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) pageErrors.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  const graphql = (query: string, variables?: Record<string, unknown>) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': OPS_KEY },
      body: JSON.stringify({ query, variables }),
    }).then((response) => response.json() as Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>);

  it('asks for a credential, keeps it in the tab, and then shows the live picture', async () => {
    await page.goto(`${server.url}/status`);
    await page.locator('#login').waitFor({ state: 'visible' });
    expect(await page.locator('#login-reason').textContent()).toContain('requires client authentication');
    await page.selectOption('#login-kind', 'api-key');
    await page.fill('#login-value', OPS_KEY);
    await page.click('#login button[type=submit]');
    await page.locator('#link[data-state=live]').waitFor();
    expect(await page.locator('#login').isHidden()).toBe(true);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['pennylane-graphql.status.credential']);
    expect(page.url()).not.toContain(OPS_KEY);
    expect(await page.locator('#replica').textContent()).toBe('budget held in this process');
  });

  it('draws the token window filling under load, the queue that waits, and a bulk operation progressing to the end', async () => {
    const control = String(server.entries.find((entry) => typeof entry.sandboxControl === 'string')!.sandboxControl);
    const customers = ((await (await fetch(`${control}snapshot/customers`)).json()) as { id: number }[]).slice(0, 40);
    // 40 uncached lookups at once: more than the 25 a window allows, so some wait.
    const load = Promise.all(customers.map((customer) => graphql(`query Lookup { customer(id: "${customer.id}") { name } }`)));
    const inputs = Array.from({ length: 8 }, (_, n) => ({ externalReference: `BROWSER-${n}`, label: `Browser ${n}`, priceBeforeTax: '12.00', vatRate: 'FR_200' }));
    const started = await graphql('mutation Up($inputs: [UpsertProductInput!]!) { upsertProducts(inputs: $inputs) { ... on BulkOperationPayload { bulkOperation { id total } } } }', { inputs });
    expect(started.errors).toBeUndefined();

    const gauge = page.locator('[data-testid=token-gauge]').first();
    const bar = page.locator('[data-testid=bulk-progress]').first();
    const used: number[] = [];
    const waiting: number[] = [];
    const processed: number[] = [];
    let shot = false;
    for (let tries = 0; tries < 600; tries += 1) {
      if ((await gauge.count()) > 0) {
        used.push(Number(await gauge.getAttribute('data-used')));
        waiting.push(Number(await page.locator('.queue.interactive .bar-value').first().textContent()));
      }
      if ((await bar.count()) > 0) processed.push(Number(await bar.getAttribute('aria-valuenow')));
      if (!shot && (waiting.at(-1) ?? 0) > 0 && processed.length > 0) {
        await page.screenshot({ path: '/tmp/pennylane-graphql-status.png', fullPage: true });
        shot = true;
      }
      if (processed.at(-1) === inputs.length && used.length > 0) break;
      await page.waitForTimeout(100);
    }
    await load;

    // The gauge moved: from less than the limit up to it (the window filled).
    expect(Math.max(...used)).toBe(25);
    expect(Math.min(...used)).toBeLessThan(25);
    expect(Number(await gauge.getAttribute('data-limit'))).toBe(25);
    // Queries waited for budget while the window was full, and the page showed it.
    expect(Math.max(...waiting)).toBeGreaterThan(0);
    // The progress bar moved forward step by step, to the end.
    expect(processed.at(-1)).toBe(inputs.length);
    expect(new Set(processed).size).toBeGreaterThan(1);
    expect([...processed].sort((a, b) => a - b)).toEqual(processed);
    await page.locator('.bulk-op.completed').waitFor();
    expect(await page.locator('.recent .op-name').first().textContent()).toMatch(/^(query Lookup|mutation Up)$/);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
