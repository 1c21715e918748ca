import type { Gateway } from '../../src/app.js';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import type { GraphQLResponse } from './harness.js';
import { loggedGatewayOver, type LoggedGateway } from './redis.js';

/** Helpers of the tests where several gateway replicas share one token. */
// A short window keeps these tests quick; the mechanism does not depend on its length.
export const LIMIT = 10;
export const RATE = `token=${LIMIT}/1s`;


export interface Outcome {
  readonly ok: number;
  readonly failed: string[];
}

/** A gateway in this process, or one in its own process on a loopback port. */
export type Replica = Gateway | number;

/** Sends a GraphQL document to one replica (yoga.fetch in process, loopback HTTP otherwise). */
export async function gqlAt<T = Record<string, unknown>>(
  replica: Replica,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  };
  const response =
    typeof replica === 'number' ? await fetch(`http://127.0.0.1:${replica}/graphql`, init) : await replica.yoga.fetch('http://gateway.test/graphql', init);
  return (await response.json()) as GraphQLResponse<T>;
}

/**
 * Customer lookups at once through one gateway (in process, or a process on a loopback
 * port): one upstream call each (cache off).
 */
export async function lookups(gateway: Replica, ids: readonly number[]): Promise<Outcome> {
  const results = await Promise.all(
    ids.map(async (id) => {
      const body = await gqlAt<{ customer: { pennylaneId: string } | null }>(gateway, `{ customer(id: "${id}") { pennylaneId } }`);
      return body.errors ? body.errors[0]!.message : body.data?.customer?.pennylaneId === String(id) ? null : 'wrong answer';
    }),
  );
  const failed = results.filter((r): r is string => r !== null);
  return { ok: results.length - failed.length, failed };
}

export function replicas(sim: Simulator, count: number, env: Record<string, string>, rate = RATE): LoggedGateway[] {
  return Array.from({ length: count }, () =>
    loggedGatewayOver(sim, { PENNYLANE_RATE_LIMITS: rate, PENNYLANE_CACHE_MAX_BYTES: '0', PENNYLANE_OPERATION_DEADLINE_MS: '60000', ...env }),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A simulator allowing LIMIT requests per `windowMs` to its demo token, and its customer ids. */
export async function limitedSimulator(windowMs = 1_000): Promise<{ sim: Simulator; ids: number[] }> {
  const sim = await startSimulator({ rateLimit: { limit: LIMIT, windowMs } });
  return { sim, ids: (sim.control.snapshot('customers') as { id: number }[]).map((c) => c.id) };
}
