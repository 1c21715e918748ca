import { randomUUID } from 'node:crypto';
import type { Principal } from './principal.js';

/**
 * What the edge learnt about one HTTP request, from its arrival to its response: kept beside
 * the request (a WeakMap, dropped with it) so every hook and the context factory read the same
 * facts without threading them through Yoga.
 */
export interface EdgeRequest {
  readonly requestId: string;
  readonly startedAt: number;
  /** The request reached GraphQL parsing: it gets a log line of its own. */
  graphql: boolean;
  principal: Principal | null;
  /** Set once the operation runs, for the log line. */
  operation: { name: string | null; kind: string | null } | null;
  /** Filled by the context factory: what the log line reports about the tenant and its cost. */
  usage: { readonly tenant: string; cost(): Readonly<Record<string, unknown>> } | null;
  /** Error codes of the answer, with counts. */
  readonly errors: Map<string, number>;
  /** The gateway's own faults behind masked errors (the first few, for the log line). */
  readonly faults: unknown[];
  /** Internal faults in all (only the first few are kept). */
  faultCount: number;
  /** The OpenTelemetry trace the request is recorded in, when tracing is on (src/ops/tracing.ts). */
  traceId: string | null;
}

const states = new WeakMap<Request, EdgeRequest>();

export function startEdgeRequest(request: Request): EdgeRequest {
  const existing = states.get(request);
  if (existing) return existing;
  const state: EdgeRequest = {
    requestId: requestIdOf(request.headers.get('x-request-id')),
    startedAt: Date.now(),
    graphql: false,
    principal: null,
    operation: null,
    usage: null,
    errors: new Map(),
    faults: [],
    faultCount: 0,
    traceId: null,
  };
  states.set(request, state);
  return state;
}

export function edgeRequestOf(request: Request): EdgeRequest | undefined {
  return states.get(request);
}

/** The client's Pennylane token, kept apart from the state so no log of the state can hold it. */
const clientTokens = new WeakMap<Request, string>();

export function setClientToken(request: Request, token: string): void {
  clientTokens.set(request, token);
}

/** The client's Pennylane token, or null when the request uses the gateway's own. */
export function clientTokenOf(request: Request): string | null {
  return clientTokens.get(request) ?? null;
}

/** A caller's request id is kept only if it is a plain token; otherwise we make one. */
function requestIdOf(header: string | null): string {
  return header && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}
