import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '../../src/app.js';
import type { Logger } from '../../src/logger.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sandbox/simulator.js';
import { gatewayOver, graphqlOver, type GraphQLResponse } from './harness.js';

/** The OAuth app the tests register at the simulator. */
export const TEST_CLIENT = { clientId: 'test-partner-app', clientSecret: 'test-partner-secret', name: 'Test partner app' } as const;

/** A gateway's public origin in tests: loopback (the config refuses plain http elsewhere); yoga.fetch never opens it. */
export const GATEWAY_ORIGIN = 'http://127.0.0.1:4999';

export function oauthEnv(sim: Simulator, directory: string, origin = GATEWAY_ORIGIN): Record<string, string> {
  return {
    PENNYLANE_OAUTH_CLIENT_ID: TEST_CLIENT.clientId,
    PENNYLANE_OAUTH_CLIENT_SECRET: TEST_CLIENT.clientSecret,
    PENNYLANE_OAUTH_REDIRECT_URI: `${origin}/oauth/callback`,
    PENNYLANE_OAUTH_SERVER_URL: sim.url,
    GATEWAY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    PENNYLANE_CONNECTIONS_FILE: join(directory, 'connections.json'),
  };
}

export interface OAuthHarness {
  readonly sim: Simulator;
  readonly gateway: Gateway;
  readonly directory: string;
  readonly env: Record<string, string>;
  /** A GET (or any request) through the gateway's front door, at GATEWAY_ORIGIN. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface OAuthHarnessOptions {
  readonly simulator?: SimulatorOptions;
  readonly env?: Record<string, string>;
  readonly logger?: Logger;
  /** Companies (besides demo) the simulator has for the consent page. */
  readonly companies?: readonly string[];
}

/** A simulator that is also the authorization server, and a gateway that is its registered app. */
export async function startOAuthHarness(options: OAuthHarnessOptions = {}): Promise<OAuthHarness> {
  const directory = mkdtempSync(join(tmpdir(), 'pgql-oauth-'));
  const sim = await startSimulator({
    ...options.simulator,
    oauth: { ...options.simulator?.oauth, clients: [{ ...TEST_CLIENT, redirectUris: [`${GATEWAY_ORIGIN}/oauth/callback`] }] },
  });
  for (const company of options.companies ?? []) sim.control.addCompany(company);
  const env = { ...oauthEnv(sim, directory), ...options.env };
  const gateway = gatewayOver(sim, env, options.logger);
  const fetchThrough = async (path: string, init: RequestInit = {}) => gateway.yoga.fetch(`${GATEWAY_ORIGIN}${path}`, init);
  return {
    sim,
    gateway,
    directory,
    env,
    fetch: fetchThrough,
    gql: graphqlOver(gateway, `${GATEWAY_ORIGIN}/graphql`),
    async close() {
      await gateway.close();
      await sim.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface ConsentStep {
  /** The gateway's redirect to the simulator's consent page. */
  readonly authorizeUrl: URL;
  /** `name=value` of the browser cookie the gateway set. */
  readonly cookie: string;
}

/** `GET /oauth/connect` as a browser: where it is sent, and the cookie it keeps. */
export async function startConnect(fetchGateway: OAuthHarness['fetch'], query = ''): Promise<ConsentStep> {
  const response = await fetchGateway(`/oauth/connect${query}`, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`/oauth/connect answered ${response.status}: ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { authorizeUrl: new URL(response.headers.get('location')!), cookie };
}

/** The consent page's decision, as its form posts it (no browser): the redirect back to the gateway. */
export async function decide(step: ConsentStep, decision: { company: string } | 'deny'): Promise<URL> {
  const form = new URLSearchParams(step.authorizeUrl.searchParams);
  if (decision === 'deny') form.set('decision', 'deny');
  else form.set('company', decision.company);
  const response = await fetch(new URL('/oauth/authorize', step.authorizeUrl), { method: 'POST', body: form, redirect: 'manual' });
  if (response.status !== 302) throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!);
}

/** The callback as the browser follows it: the page's status and text. */
export async function callback(fetchGateway: OAuthHarness['fetch'], back: URL, cookie: string): Promise<{ status: number; html: string }> {
  const response = await fetchGateway(`${back.pathname}${back.search}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, html: await response.text() };
}

/** The whole flow: connect, approve `company` on the consent page, come back; the new connection's id. */
export async function connectCompany(fetchGateway: OAuthHarness['fetch'], company: string, query = ''): Promise<string> {
  const step = await startConnect(fetchGateway, query);
  const page = await callback(fetchGateway, await decide(step, { company }), step.cookie);
  const id = /id="connection-id">([^<]+)</.exec(page.html)?.[1];
  if (page.status !== 200 || !id) throw new Error(`callback answered ${page.status}: ${page.html}`);
  return id;
}
