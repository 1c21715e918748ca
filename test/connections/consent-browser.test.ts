import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';

/**
 * What a person does with `npm start` and no token: open /oauth/connect in a browser, choose
 * a company on the simulator's consent page (its first button), land back on the gateway, and
 * query that company by its connection id. A real headless Chromium, cookies and redirects included.
 */
describe('connecting a demo company from a browser', () => {
  let server: DemoServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    server = await startDemoServer();
    chromium = await launchChromium({ width: 1200, height: 900 });
    page = await chromium.context.newPage();
  }, 90_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('says at start-up where to connect, with a throwaway key and file', () => {
    const line = server.entries.find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('OAuth connections (demo)'));
    expect(line?.connect).toBe(`${server.url}/oauth/connect`);
    expect(line?.store).toMatch(/^file .*pennylane-graphql-demo-.*connections\.json$/);
  });

  it('goes through the consent page and back, and the connection then answers for the chosen company', async () => {
    await page.goto(`${server.url}/oauth/connect`);
    await page.waitForSelector('form button', { timeout: 30_000 });
    expect(await page.title()).toContain('Connect');
    const buttons = page.locator('form button');
    expect(await buttons.count()).toBeGreaterThanOrEqual(3);
    const firstCompany = (await buttons.first().textContent())!.replace('Allow access to ', '').trim();
    expect(await buttons.last().textContent()).toBe('Deny');

    await buttons.first().click();
    await page.waitForSelector('#connection-id', { timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/oauth/callback');
    expect(await page.locator('h1').textContent()).toBe(`${firstCompany} is connected`);
    const id = (await page.locator('#connection-id').textContent())!;
    expect(id).toMatch(/^cn_/);

    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pennylane-connection': id },
      body: JSON.stringify({ query: '{ me { company { name } } connections { id state } }' }),
    });
    const body = (await response.json()) as { data: { me: { company: { name: string } }; connections: { id: string; state: string }[] } };
    expect(body.data.me.company.name).toBe(firstCompany);
    expect(body.data.connections).toEqual([{ id, state: 'ACTIVE' }]);

    // Back in the browser, the same callback again is refused with a page, not a stack.
    await page.goBack();
    await page.goForward();
    expect(await page.locator('h1').textContent()).toContain('expired or was already used');
  }, 60_000);

  it('ends on a page saying access was declined when the person clicks Deny', async () => {
    await page.goto(`${server.url}/oauth/connect`);
    await page.locator('form button', { hasText: 'Deny' }).click();
    await page.waitForSelector('h1', { timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('Access was declined');
    expect(await page.locator('a.button').getAttribute('href')).toBe(`${server.url}/oauth/connect`);
  }, 60_000);
});
