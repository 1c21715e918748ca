import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../../src/app.js';
import { tenantIdOf } from '../../src/datasources/tenant.js';
import type { LiveChange } from '../../src/live/change-hub.js';
import type { InvalidationEvent } from '../../src/state/invalidation-bus.js';
import type { Logger } from '../../src/logger.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { signedHeaders as simulatorSigned } from '../../src/sandbox/webhooks/signing.js';
import { gatewayOver, graphqlOver, type Harness } from './harness.js';

/** A gateway served over loopback HTTP (so the simulator's webhooks reach it), GATEWAY_PUBLIC_URL pointing at itself. */
export interface ServedGateway extends Harness {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
}

/** Over `shared` (a replica of another gateway), else over a simulator of its own. */
export async function servedGateway(env: Record<string, string> = {}, logger?: Logger, shared?: Simulator): Promise<ServedGateway> {
  const sim = shared ?? (await startSimulator({ pdfDelayMs: 0 }));
  let gateway: Gateway | null = null;
  const server: Server = createServer((req, res) => void gateway!.yoga(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gateway = gatewayOver(sim, { GATEWAY_PUBLIC_URL: url, ...env }, logger);
  return {
    sim,
    gateway,
    url,
    gql: graphqlOver(gateway, `${url}/graphql`),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await gateway!.close();
      if (!shared) await sim.close();
    },
  };
}

export const CREATE = `mutation Create($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) {
    __typename
    ... on WebhookSubscriptionPayload { webhookSubscription { id pennylaneId callbackUrl events enabled } }
    ... on ValidationError { message fieldErrors { path message code } }
  }
}`;

export interface Created {
  readonly pennylaneId: string;
  readonly callbackUrl: string;
  /** The simulator's copy of the secret (the gateway never answers it). */
  readonly secret: string;
  /** `/webhooks/pennylane/wh_…` */
  readonly path: string;
}

/** Registers the gateway for every event, as a client would (with `headers`, e.g. another tenant's token). */
export async function registerGateway(h: Harness, headers: Record<string, string> = {}, company?: string): Promise<Created> {
  const answer = await h.gql<{ createWebhookSubscription: { __typename: string; webhookSubscription: { pennylaneId: string; callbackUrl: string } } }>(
    CREATE,
    { input: { events: ['CUSTOMER_INVOICE_E_INVOICING_STATUS_UPDATED', 'SUPPLIER_INVOICE_E_INVOICING_RECEIVED', 'DMS_FILE_CREATED'] } },
    headers,
  );
  const made = answer.data?.createWebhookSubscription;
  if (made?.__typename !== 'WebhookSubscriptionPayload') throw new Error(`createWebhookSubscription: ${JSON.stringify(answer)}`);
  const { pennylaneId, callbackUrl } = made.webhookSubscription;
  return { pennylaneId, callbackUrl, secret: h.sim.control.webhooks.secret(Number(pennylaneId), company), path: new URL(callbackUrl).pathname };
}

/** Standard Webhooks headers for `body`, signed with `secret` (a forger's view: any id, any time), as the simulator signs. */
export function signedHeaders(secret: string, body: string, options: { id?: string; timestamp?: number } = {}): Record<string, string> {
  const signed = simulatorSigned(secret, options.id ?? `msg_${randomUUID()}`, options.timestamp ?? Math.floor(Date.now() / 1000), body);
  return { ...signed, 'content-type': 'application/json' };
}

/** A webhook body like the simulator's. */
export function webhookBody(type: string, id: number): string {
  return JSON.stringify({ id: `msg_${randomUUID()}`, type, created_at: new Date().toISOString(), company_id: 1, data: { id } });
}

export async function postWebhook(h: ServedGateway, path: string, body: string, headers: Record<string, string>, method = 'POST'): Promise<Response> {
  return fetch(`${h.url}${path}`, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) });
}

/** Everything the gateway would do for webhooks of a tenant: its invalidation events and its change-hub events, as they come. */
export async function watch(gateway: Gateway, token: string): Promise<{ invalidations: InvalidationEvent[]; changes: LiveChange[]; stop(): Promise<void> }> {
  const tenantId = tenantIdOf(token);
  const invalidations: InvalidationEvent[] = [];
  const changes: LiveChange[] = [];
  const unsubscribe = gateway.upstream.invalidations.subscribe((event) => {
    if (event.kind === 'changed' && event.tenantId === tenantId) invalidations.push(event);
  });
  const stream = await gateway.changeHub.subscribe(tenantId);
  const reading = (async () => {
    for await (const batch of stream) changes.push(...batch);
  })();
  return {
    invalidations,
    changes,
    async stop() {
      unsubscribe();
      await stream.return?.();
      await reading;
    },
  };
}
