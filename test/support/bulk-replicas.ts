import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { BULK_QUEUE, bullPrefix } from '../../src/jobs/redis-bulk-jobs.js';
import type { Simulator } from '../../src/sandbox/simulator.js';
import { gqlAt, type Replica } from './replicas.js';
import { startServer } from './spawn-server.js';

/**
 * Gateway replicas as processes of their own (so one can be killed with SIGKILL mid-run),
 * over one simulator and one Redis, and the bulk operations the takeover tests and the bench
 * run through them.
 */
export interface ReplicaProcess {
  readonly child: ChildProcess;
  readonly port: number;
}

export interface ReplicaSet {
  readonly replicas: ReplicaProcess[];
  readonly prefix: string;
  /** The replica running operation `id` now (BullMQ's `processedBy`), once one took it. */
  runnerOf(id: string): Promise<ReplicaProcess | null>;
  close(): Promise<void>;
}

export async function startReplicaProcesses(sim: Simulator, count: number, redisUrl: string, env: Record<string, string> = {}): Promise<ReplicaSet> {
  const prefix = `test-${randomUUID()}`;
  const replicas = await Promise.all(
    Array.from({ length: count }, () =>
      startServer('bench/servers/replica-server.ts', {
        PENNYLANE_API_TOKEN: sim.demoToken,
        PENNYLANE_BASE_URL: sim.baseUrl,
        REDIS_URL: redisUrl,
        PENNYLANE_REDIS_PREFIX: prefix,
        PENNYLANE_CHANGE_POLL_SECONDS: '0',
        LOG_LEVEL: 'silent',
        ...env,
      }),
    ),
  );
  const queue = new Queue(BULK_QUEUE, { connection: { url: redisUrl }, prefix: bullPrefix(prefix) });
  queue.on('error', () => undefined);
  return {
    replicas,
    prefix,
    async runnerOf(id) {
      const job = await queue.getJob(id);
      const pid = Number(job?.processedBy?.split(':').at(-1));
      return replicas.find((replica) => replica.child.pid === pid && replica.child.exitCode === null && replica.child.signalCode === null) ?? null;
    },
    async close() {
      await queue.close();
      await Promise.all(
        replicas.map(
          (replica) =>
            new Promise<void>((resolve) => {
              if (replica.child.exitCode !== null || replica.child.signalCode !== null) return resolve();
              replica.child.once('exit', () => resolve());
              replica.child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

export function killHard(replica: ReplicaProcess): Promise<void> {
  return new Promise((resolve) => {
    replica.child.once('exit', () => resolve());
    replica.child.kill('SIGKILL');
  });
}

/** Customer invoices to create in bulk, each with an external reference to count it by. */
export function invoiceInputs(sim: Simulator, prefix: string, count: number): Record<string, unknown>[] {
  const customerId = String((sim.control.snapshot('customers') as { id: number }[])[0]!.id);
  return Array.from({ length: count }, (_, n) => ({
    customerId,
    date: '2026-11-10',
    deadline: '2026-12-10',
    draft: true,
    label: `${prefix} ${n}`,
    externalReference: `${prefix}-${n}`,
    invoiceLines: [{ label: `Article ${n}`, quantity: '1', rawCurrencyUnitPrice: '10.00', vatRate: 'FR_200', unit: 'piece' }],
  }));
}

const CREATE = /* GraphQL */ `
  mutation($inputs: [CreateCustomerInvoiceInput!]!, $key: String) {
    createCustomerInvoices(inputs: $inputs, idempotencyKey: $key) { ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }
  }
`;

export async function startInvoices(replica: Replica, inputs: readonly Record<string, unknown>[], key?: string): Promise<string> {
  const res = await gqlAt<{ createCustomerInvoices: { bulkOperation?: { id: string }; message?: string } }>(replica, CREATE, { inputs, key });
  const id = res.data?.createCustomerInvoices.bulkOperation?.id;
  if (!id) throw new Error(`bulk operation not started: ${JSON.stringify(res)}`);
  return id;
}

export interface Progress {
  readonly status: string;
  readonly processed: number;
  readonly succeeded: number;
  readonly failed: number;
}

/** The operation's counts as one replica answers them. */
export async function progressOf(replica: Replica, id: string): Promise<Progress | null> {
  const res = await gqlAt<{ bulkOperation: Progress | null }>(replica, 'query($id: ID!) { bulkOperation(id: $id) { status processed succeeded failed } }', { id });
  return res.data?.bulkOperation ?? null;
}

/** Polls until `done` holds (bounded only so that a bug cannot hang the suite). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000, stepMs = 50): Promise<T> {
  const stop = Date.now() + ms;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if ((value !== undefined && done(value)) || Date.now() > stop) return value;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/** Per external reference: how many creates the simulator answered 201, and how many it refused as duplicates (409). */
export function createsByReference(sim: Simulator, refs: readonly string[]): { created: number[]; duplicates: number } {
  const posts = sim.control.requests({ route: 'POST /customer_invoices' });
  return {
    created: refs.map((ref) => posts.filter((entry) => entry.externalReference === ref && entry.status === 201).length),
    duplicates: posts.filter((entry) => entry.status === 409).length,
  };
}
