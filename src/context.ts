import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { YogaInitialContext } from 'graphql-yoga';
import { CostMeter } from './datasources/cost-meter.js';
import { PennylaneClient, type UpstreamDeps } from './datasources/pennylane/client.js';
import { RequestLoaders } from './datasources/loaders/request-loaders.js';
import type { Priority } from './datasources/scheduler/priorities.js';
import { Tenant } from './datasources/tenant.js';
import type { IdempotencyStore } from './datasources/writes/idempotency-store.js';
import type { BulkJobs } from './jobs/bulk-jobs.js';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** Everything a resolver may use; built per request and dropped with it. */
export interface GatewayContext {
  readonly requestId: string;
  readonly tenant: Tenant;
  readonly meter: CostMeter;
  readonly pennylane: PennylaneClient;
  readonly loaders: RequestLoaders;
  /** Results of creates by idempotency key, process-wide, scoped by tenant. */
  readonly idempotency: IdempotencyStore;
  /** Filled in once the document is parsed; decides the scheduler priority of every call. */
  readonly operation: { kind: OperationKind };
  /** Bulk operations of every tenant, shared by the replicas with Redis (each read is scoped by tenant). */
  readonly bulk: BulkJobs;
  /** `estimate`: plan the operation and answer its cost, without calling Pennylane. */
  readonly costMode: 'execute' | 'estimate';
  /**
   * Work resumed after the replica running it stopped (a bulk item it may have written):
   * every create looks for its record first and writes only if it is not there.
   */
  readonly checkBeforeCreate: boolean;
}

export interface ContextFactoryOptions {
  readonly upstream: UpstreamDeps;
  /** The gateway's own token, or null when every client must bring one. */
  readonly serverToken: string | null;
  readonly allowClientTokens: boolean;
  readonly operationDeadlineMs: number;
  readonly bulk: BulkJobs;
}

/** What background work (a bulk job, on whichever replica runs it) asks of its context. */
export interface BackgroundScope {
  readonly priority: Priority;
  readonly deadlineMs: number;
  /** The scheduler's fairness unit: the calls of one bulk operation take turns as one. */
  readonly flow: string;
  readonly checkBeforeCreate: boolean;
}

/** Contexts for work of a tenant outside any request: bulk jobs run their items in them. */
export function createBackgroundContextFactory(options: ContextFactoryOptions) {
  return (tenant: Tenant, scope: BackgroundScope): GatewayContext =>
    buildContext(options, {
      tenant,
      operation: { kind: 'mutation' },
      priority: () => scope.priority,
      deadline: Date.now() + scope.deadlineMs,
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
  const serverTenant = options.serverToken ? new Tenant(options.serverToken) : null;

  return (initial: YogaInitialContext): GatewayContext => {
    const tenant = resolveTenant(initial.request.headers.get('authorization'), serverTenant, options.allowClientTokens);
    const operation: { kind: OperationKind } = { kind: 'query' };
    return buildContext(options, {
      tenant,
      operation,
      priority: () => PRIORITY_OF[operation.kind],
      deadline: Date.now() + deadlineMs(options.operationDeadlineMs, initial.request.headers.get('x-pennylane-deadline-ms')),
      requestId: requestIdOf(initial.request.headers.get('x-request-id')),
      costMode: initial.request.headers.get('x-pennylane-cost')?.trim().toLowerCase() === 'estimate' ? 'estimate' : 'execute',
      checkBeforeCreate: false,
    });
  };
}

interface ContextParts {
  readonly tenant: Tenant;
  readonly operation: { kind: OperationKind };
  readonly priority: () => Priority;
  readonly deadline: number;
  readonly requestId: string;
  readonly costMode: 'execute' | 'estimate';
  readonly checkBeforeCreate: boolean;
}

function buildContext(options: ContextFactoryOptions, parts: ContextParts): GatewayContext {
  const meter = new CostMeter();
  const pennylane = new PennylaneClient(options.upstream, {
    tenant: parts.tenant,
    meter,
    priority: parts.priority,
    deadline: parts.deadline,
    flow: parts.requestId,
  });
  return {
    requestId: parts.requestId,
    tenant: parts.tenant,
    meter,
    operation: parts.operation,
    pennylane,
    loaders: new RequestLoaders(pennylane),
    idempotency: options.upstream.idempotency,
    bulk: options.bulk,
    costMode: parts.costMode,
    checkBeforeCreate: parts.checkBeforeCreate,
  };
}

/**
 * The operation's deadline: the configured one, or shorter when the caller asks
 * (`x-pennylane-deadline-ms`); a caller cannot lengthen it. Unreadable values are ignored.
 */
function deadlineMs(configured: number, header: string | null): number {
  const asked = header && /^\d{1,9}$/.test(header.trim()) ? Number(header) : Number.POSITIVE_INFINITY;
  return Math.min(configured, asked);
}

/** A caller's request id is echoed in logs only if it is a plain token; otherwise we make one. */
function requestIdOf(header: string | null): string {
  return header && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}

function resolveTenant(authorization: string | null, serverTenant: Tenant | null, allowClientTokens: boolean): Tenant {
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!allowClientTokens) {
      throw unauthenticated(
        'This gateway does not accept client Pennylane tokens (PENNYLANE_ALLOW_CLIENT_TOKENS is off). Remove the Authorization header to use the gateway token.',
      );
    }
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <Pennylane API token>".');
    return new Tenant(match[1]!);
  }
  if (serverTenant) return serverTenant;
  throw unauthenticated('No Pennylane token: send "Authorization: Bearer <Pennylane API token>".');
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
