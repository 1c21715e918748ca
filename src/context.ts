import type { YogaInitialContext } from 'graphql-yoga';
import { principalOf, type Principal } from './edge/principal.js';
import { clientTokenOf, edgeRequestOf } from './edge/request-state.js';
import { CostMeter } from './datasources/cost-meter.js';
import { OperationReads } from './datasources/cache/operation-reads.js';
import { PennylaneClient, type UpstreamDeps } from './datasources/pennylane/client.js';
import { RequestLoaders } from './datasources/loaders/request-loaders.js';
import type { Priority } from './datasources/scheduler/priorities.js';
import { Tenant } from './datasources/tenant.js';
import type { IdempotencyStore } from './datasources/writes/idempotency-store.js';
import type { BulkJobs } from './jobs/bulk-jobs.js';
import type { LiveChanges } from './live/live-changes.js';
import { connectionTenantOf, NoCompanyTenant, type Connections } from './connections/index.js';
import type { Webhooks } from './webhooks/webhooks.js';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** Everything a resolver may use; built per request and dropped with it. */
export interface GatewayContext {
  readonly requestId: string;
  /** The client of the gateway, as the edge authenticated it (src/edge/principal.ts). */
  readonly principal: Principal;
  readonly tenant: Tenant;
  readonly meter: CostMeter;
  /** What the operation read from Pennylane: the tags and TTL of its answer in the GraphQL response cache. */
  readonly reads: OperationReads;
  readonly pennylane: PennylaneClient;
  readonly loaders: RequestLoaders;
  /** Results of creates by idempotency key, process-wide, scoped by tenant. */
  readonly idempotency: IdempotencyStore;
  /** Filled in once the document is parsed; decides the scheduler priority of every call. */
  readonly operation: { kind: OperationKind };
  /** Bulk operations of every tenant, shared by the replicas with Redis (each read is scoped by tenant). */
  readonly bulk: BulkJobs;
  /** Epoch ms by which the operation must be done (the default, or what the client asked, up to the maximum). */
  readonly deadline: number;
  /** `estimate`: plan the operation and answer its cost, without calling Pennylane. */
  readonly costMode: 'execute' | 'estimate';
  /**
   * Work resumed after the replica running it stopped (a bulk item it may have written):
   * every create looks for its record first and writes only if it is not there.
   */
  readonly checkBeforeCreate: boolean;
  /** OAuth connections (src/connections), or null when the gateway has no OAuth app. */
  readonly connections: Connections | null;
  /** Webhook hooks: where `createWebhookSubscription` keeps the secret (src/webhooks). */
  readonly webhooks: Webhooks | null;
  /** Change subscriptions (src/live): limits, cursors, the poll behind them. */
  readonly live: LiveChanges;
  /** The same request for another company (a `portfolio` entry): its own tenant and loaders, this request's meter and deadline. */
  readonly forTenant: (tenant: Tenant) => GatewayContext;
  /** A fresh deadline, client, loaders and reads for the next batch of a subscription's events: see `renewForBatch`. */
  readonly batchScope: () => BatchScope;
}

/** What each batch of a subscription's events gets afresh. */
export type BatchScope = Pick<GatewayContext, 'deadline' | 'reads' | 'pennylane' | 'loaders'>;

/**
 * A subscription lives for hours but each batch of its events is one operation's worth of
 * work: from now on, a fresh deadline (the operation's length again), client, loaders and
 * reads, so neither the deadline of the request that opened it nor what earlier batches read
 * holds (the meter adds up). Assigned on the context itself: Yoga hands resolvers a copy of
 * the object the factory built, so nothing the factory closed over would reach them.
 */
export function renewForBatch(ctx: GatewayContext): void {
  Object.assign(ctx as { -readonly [K in keyof BatchScope]: BatchScope[K] }, ctx.batchScope());
}

export interface ContextFactoryOptions {
  readonly upstream: UpstreamDeps;
  /** The gateway's own token, or null when every client must bring one. */
  readonly serverToken: string | null;
  readonly operationDeadlineMs: number;
  /** Longest deadline a client may ask for. */
  readonly maxDeadlineMs: number;
  readonly bulk: BulkJobs;
  readonly connections: Connections | null;
  readonly webhooks?: Webhooks | null;
  readonly live: LiveChanges;
  /** Invalidation epochs of the GraphQL response cache (an answer computed across an invalidation is not stored). */
  readonly cacheEpochOf?: ((tenantId: string) => number) | undefined;
}

/** What background work (a bulk job, on whichever replica runs it) asks of its context. */
export interface BackgroundScope {
  readonly priority: Priority;
  readonly deadlineMs: number;
  /** The scheduler's fairness unit: the calls of one bulk operation take turns as one. */
  readonly flow: string;
  readonly checkBeforeCreate: boolean;
}

/**
 * Background work acts for no client of its own: the client that started it passed the edge
 * when it did; what runs later (on any replica) is the tenant's, not a principal's.
 */
const BACKGROUND_PRINCIPAL: Principal = principalOf('background', 'none', { connections: [] }, { tokenSource: 'server', introspection: false, trustedDocumentsOnly: false });

/** Contexts for work of a tenant outside any request: bulk jobs run their items in them. */
export function createBackgroundContextFactory(options: ContextFactoryOptions) {
  return (tenant: Tenant, scope: BackgroundScope): GatewayContext =>
    buildContext(options, {
      principal: BACKGROUND_PRINCIPAL,
      tenant,
      operation: { kind: 'mutation' },
      priority: () => scope.priority,
      deadlineMs: scope.deadlineMs,
      requestId: scope.flow,
      costMode: 'execute',
      checkBeforeCreate: scope.checkBeforeCreate,
    });
}

const PRIORITY_OF: Readonly<Record<OperationKind, Priority>> = {
  query: 'interactive',
  mutation: 'mutation',
  subscription: 'interactive',
};

export function createContextFactory(options: ContextFactoryOptions) {
  const serverTenant = options.serverToken ? new Tenant(options.serverToken) : options.connections ? new NoCompanyTenant() : null;

  return (initial: YogaInitialContext): GatewayContext => {
    // The edge authenticated the client and chose its Pennylane token before parsing.
    const edge = edgeRequestOf(initial.request);
    if (!edge?.principal) throw new Error('a GraphQL request reached the context without passing the edge');
    const clientToken = clientTokenOf(initial.request);
    const tenant = connectionTenantOf(initial.request) ?? (clientToken !== null ? new Tenant(clientToken) : serverTenant);
    if (!tenant) throw new Error('the edge chose the gateway token, but there is none');
    const operation: { kind: OperationKind } = { kind: 'query' };
    const context = buildContext(options, {
      principal: edge.principal,
      tenant,
      operation,
      priority: () => PRIORITY_OF[operation.kind],
      deadlineMs: deadlineMs(options.operationDeadlineMs, options.maxDeadlineMs, initial.request.headers.get('x-pennylane-deadline-ms')),
      requestId: edge.requestId,
      costMode: initial.request.headers.get('x-pennylane-cost')?.trim().toLowerCase() === 'estimate' ? 'estimate' : 'execute',
      checkBeforeCreate: false,
    });
    edge.usage = { tenant: tenant.id, cost: () => context.meter.toJSON() };
    return context;
  };
}

interface ContextParts {
  readonly principal: Principal;
  readonly tenant: Tenant;
  readonly operation: { kind: OperationKind };
  readonly priority: () => Priority;
  /** How long the operation (or each batch of a subscription's events) may take. */
  readonly deadlineMs: number;
  /** Epoch ms the operation must be done by; default: now + deadlineMs. */
  readonly deadline?: number;
  readonly requestId: string;
  readonly costMode: 'execute' | 'estimate';
  /** Shared with the request a portfolio entry belongs to, so its cost adds up in one place. */
  readonly meter?: CostMeter;
  readonly reads?: OperationReads;
  readonly checkBeforeCreate: boolean;
}

function buildContext(options: ContextFactoryOptions, parts: ContextParts): GatewayContext {
  const meter = parts.meter ?? new CostMeter();
  const scopeUntil = (deadline: number, reads: OperationReads): BatchScope => {
    const pennylane = new PennylaneClient(options.upstream, { tenant: parts.tenant, meter, reads, priority: parts.priority, deadline, flow: parts.requestId });
    return { deadline, reads, pennylane, loaders: new RequestLoaders(pennylane) };
  };
  let scope = scopeUntil(parts.deadline ?? Date.now() + parts.deadlineMs, parts.reads ?? new OperationReads(options.cacheEpochOf, parts.tenant.id));
  return {
    requestId: parts.requestId,
    principal: parts.principal,
    tenant: parts.tenant,
    meter,
    ...scope,
    operation: parts.operation,
    idempotency: options.upstream.idempotency,
    bulk: options.bulk,
    costMode: parts.costMode,
    checkBeforeCreate: parts.checkBeforeCreate,
    connections: options.connections,
    webhooks: options.webhooks ?? null,
    live: options.live,
    forTenant: (tenant) => buildContext(options, { ...parts, tenant, meter, reads: scope.reads, deadline: scope.deadline }),
    batchScope: () => (scope = scopeUntil(Date.now() + parts.deadlineMs, new OperationReads(options.cacheEpochOf, parts.tenant.id))),
  };
}

/**
 * The operation's deadline: the configured one, or what the caller asks with
 * `x-pennylane-deadline-ms` (shorter, or longer up to the configured maximum: a longer ask
 * is cut to it). Unreadable values are ignored.
 */
function deadlineMs(configured: number, maximum: number, header: string | null): number {
  if (!header || !/^\d{1,9}$/.test(header.trim())) return configured;
  return Math.min(Math.max(1, Number(header)), maximum);
}
