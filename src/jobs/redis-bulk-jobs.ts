import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Tenant } from '../datasources/tenant.js';
import { REDIS_GOODBYE_MS, settledBy } from '../state/closing.js';
import type { SharedRedis } from '../state/shared-redis.js';
import { BulkStateUnavailableError, type BulkJobs, type BulkOperationView, type BulkStart } from './bulk-jobs.js';
import { decodeInputs, encodeInputs, encodeResult, type ItemErrorCodec } from './bulk-codec.js';
import { runItems, type BulkWork } from './bulk-runner.js';
import { followChanges } from './follow.js';
import { JobRun } from './job-run.js';
import { KeptOperations, type Kept } from './kept-operations.js';
import { PROGRESS_CHANNEL, RedisBulkState, type OperationHead } from './redis-bulk-state.js';

/**
 * Bulk operations as BullMQ jobs (one job per operation, its id the operation's), their
 * state in Redis (redis-bulk-state.ts): any replica answers for any operation and streams
 * its progress; a replica's worker runs a few operations at once. A replica killed mid-run
 * stops renewing its job's lock; once the lock has expired (`lockMs`), the next stalled-job
 * check of any live replica (every `lockMs`) puts the job back and a worker takes it over:
 * within 2 × lockMs. The new run skips settled items, and items the dead replica had started
 * check before creating, so nothing is written twice.
 */
export const BULK_QUEUE = 'bulk-operations';
/** BullMQ's keys sit under the gateway's prefix: `<prefix>:bull:bulk-operations:…`. */
export const bullPrefix = (prefix: string) => `${prefix}:bull`;

export interface JobData extends OperationHead {
  readonly key: string | null;
  /** The client's token, sealed; null when it is the gateway's own token. */
  readonly token: string | null;
  readonly inputs: unknown[];
  /** Re-created after Redis lost it: any pending item may have been written already. */
  readonly uncertain: boolean;
}

/** The tokens behind jobs: sealed into a job, opened by whichever replica runs it. */
export interface JobTokens {
  seal(tenant: Tenant): string | null;
  open(tenantId: string, sealed: string | null): Tenant | null;
}

export interface RedisBulkJobsOptions {
  readonly redis: SharedRedis;
  readonly url: string;
  readonly work: BulkWork;
  readonly errors: ItemErrorCodec;
  readonly tokens: JobTokens;
  /** How long a job stays locked by a replica that stopped renewing it (the takeover bound is twice this). */
  readonly lockMs: number;
  readonly retentionMs: number;
  readonly logger: Logger;
  /** Operations one replica runs at once. */
  readonly operationsPerReplica?: number;
}

export class RedisBulkJobs implements BulkJobs {
  private readonly state: RedisBulkState;
  private readonly queueClient: Redis;
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly kept: KeptOperations;
  private readonly runs = new Map<string, JobRun>();
  private readonly processing = new Set<Promise<void>>();
  private closing = false;

  constructor(private readonly options: RedisBulkJobsOptions) {
    this.state = new RedisBulkState(options.redis, options.errors, options.retentionMs);
    const prefix = bullPrefix(options.redis.prefix);
    const keepFor = { age: Math.ceil(options.retentionMs / 1_000) };
    // A client of our own: BullMQ's own leaves its connection errors unhandled (printed by ioredis).
    this.queueClient = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 250 });
    this.queueClient.on('error', () => undefined);
    this.queue = new Queue(BULK_QUEUE, {
      connection: this.queueClient,
      prefix,
      defaultJobOptions: { attempts: 5, backoff: { type: 'fixed', delay: 1_000 }, removeOnComplete: keepFor, removeOnFail: keepFor },
    });
    this.worker = new Worker(BULK_QUEUE, (job: Job<JobData>, token?: string) => this.track(this.process(job, token ?? '')), {
      connection: { url: options.url, retryStrategy: () => 250 },
      prefix,
      // Shown as the job's `processedBy`: which replica runs it.
      name: `${hostname()}:${process.pid}`,
      concurrency: options.operationsPerReplica ?? 8,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      // Running a job again is safe (settled items are skipped, started ones checked first):
      // however often replicas die under it, it is taken over, never failed for stalling.
      maxStalledCount: 1_000_000,
    });
    // Connection trouble is reported by the shared connections (one log line); BullMQ retries by itself.
    this.queue.on('error', () => undefined);
    this.worker.on('error', () => undefined);
    this.worker.on('lockRenewalFailed', (ids: string[]) => {
      for (const id of ids) this.runs.get(id)?.lockTrouble(this.options.redis.ready);
    });
    this.worker.on('failed', (job: Job<JobData> | undefined) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        void this.failRemaining(
          job.data,
          new Error('The operation stopped on an unexpected error. Start it again with the same idempotency key: items already written are not written again.'),
        );
      }
    });
    this.kept = new KeptOperations(this.state, options.errors, (kept) => this.persist(kept), () => options.redis.ready && !this.closing);
  }

  async start(request: BulkStart): Promise<BulkOperationView> {
    const data: JobData = {
      id: randomUUID(),
      tenantId: request.tenant.id,
      kind: request.kind,
      total: request.inputs.length,
      createdAt: new Date().toISOString(),
      key: request.key,
      token: this.options.tokens.seal(request.tenant),
      inputs: await encodeInputs(request.inputs),
      uncertain: false,
    };
    const refused = new Map([...request.refused].map(([index, error]) => [index, encodeResult({ error }, this.options.errors)]));
    const kept = this.kept.add(data, refused);
    // Redis unreachable: the operation waits in this replica's memory and is persisted (then
    // run) when Redis returns.
    await this.persist(kept).catch(() => undefined);
    return this.kept.view(kept);
  }

  async get(tenant: Tenant, id: string): Promise<BulkOperationView | null> {
    const kept = this.kept.of(tenant, id);
    if (kept && !kept.persisted) return this.kept.view(kept);
    let stored;
    try {
      stored = await this.state.head(id);
    } catch (error) {
      if (kept) return this.kept.view(kept);
      throw error;
    }
    if (!stored) return kept ? this.kept.view(kept) : null;
    return stored.tenantId === tenant.id ? this.state.view(stored) : null;
  }

  async latest(tenant: Tenant): Promise<BulkOperationView | null> {
    const id = await this.state.latestId(tenant.id);
    return id ? this.get(tenant, id) : null;
  }

  async *follow(tenant: Tenant, id: string): AsyncGenerator<BulkOperationView> {
    let seen = false;
    const read = async () => {
      const view = await this.get(tenant, id);
      // Seen before and gone now: Redis lost it and its runner is putting it back.
      if (!view && seen) throw new BulkStateUnavailableError('The operation is being restored.');
      seen ||= view !== null;
      return view;
    };
    yield* followChanges(
      (wake) => this.options.redis.subscribe(PROGRESS_CHANNEL, (message) => message === id && wake()),
      read,
      2_000,
    );
  }

  async close(deadline = Date.now() + 20_000): Promise<boolean> {
    this.closing = true;
    this.kept.close();
    for (const run of this.runs.values()) run.stop('closing');
    // Items in flight finish and their jobs go back to the queue for another replica at once.
    const finished = await settledBy(Promise.allSettled([...this.processing]), deadline);
    // BullMQ's own close waits for Redis forever when it is away or hung: it gets a moment,
    // then its connections are dropped (a job it still held is taken over when its lock expires).
    let closed = false;
    const closing = Promise.allSettled([this.worker.close(true), this.queue.close()]).then(() => (closed = true));
    await settledBy(closing, Date.now() + REDIS_GOODBYE_MS);
    if (!closed) for (const part of [this.worker, this.queue]) void part.disconnect().catch(() => undefined);
    this.queueClient.disconnect();
    return finished;
  }

  private track(processing: Promise<void>): Promise<void> {
    this.processing.add(processing);
    void processing.catch(() => undefined).finally(() => this.processing.delete(processing));
    return processing;
  }

  private async process(job: Job<JobData>, token: string): Promise<void> {
    const data = job.data;
    const tenant = this.options.tokens.open(data.tenantId, data.token);
    let uncertain = data.uncertain;
    if (!(await this.state.head(data.id))) {
      // Redis kept the job but not its state (evicted, or expired while no replica ran):
      // what was written cannot be told, so every item looks first.
      await this.state.upsert(data, new Map(), false);
      uncertain = true;
    }
    await this.state.markRunStarted(data.id);
    const stored = await this.state.storedItems(data.id);
    const pending = [...Array(data.total).keys()].filter((index) => (stored.get(index) ?? 'S') === 'S');
    if (!tenant) {
      await this.failRemaining(data, new Error('No replica can read the Pennylane token of this operation (GATEWAY_ENCRYPTION_KEY differs between replicas). Start it again with the same idempotency key.'));
      return;
    }
    const checkFirst = new Set(uncertain ? pending : pending.filter((index) => stored.get(index) === 'S'));
    const run = new JobRun({ id: data.id, state: this.state, redis: this.options.redis, errors: this.options.errors, known: stored, extendLock: () => job.extendLock(token, this.options.lockMs) });
    if (this.closing) run.stop('closing');
    this.runs.set(data.id, run);
    try {
      const settled = { succeeded: [...stored.values()].filter((v) => v.startsWith('K')).length, failed: [...stored.values()].filter((v) => v.startsWith('F')).length };
      const operation = { id: data.id, tenant, kind: data.kind, key: data.key, inputs: decodeInputs(data.inputs), settled };
      const finished = await runItems(operation, pending, this.options.work, run.hooks, checkFirst);
      await run.persistAll();
      if (finished && !run.stopped) return;
      if (run.stopped === 'flushed') {
        // Redis lost the operation while it ran: put back all this run knows, then the job.
        await this.retrying(async () => {
          await this.state.upsert(data, run.known, true);
          await this.queue.add(BULK_QUEUE, { ...data, uncertain: false }, { jobId: data.id, delay: 1_000 });
        });
      } else {
        // Shutting down, or the lock went to another replica (then this move fails): the job
        // goes back to the queue at once, and counts as no failed attempt.
        await job.moveToWait(token).catch(() => undefined);
      }
      throw new WaitingError();
    } finally {
      this.runs.delete(data.id);
    }
  }

  /** Persists an operation this replica created: its state first, then its job. */
  private async persist(kept: Kept): Promise<void> {
    const data = kept.persisted ? { ...kept.data, uncertain: true } : kept.data;
    kept.data = data;
    await this.state.upsert(data, kept.refused, true);
    // If it had been persisted, a replica may be running it still: leave it time to notice.
    const delay = data.uncertain ? 2 * this.options.lockMs : 0;
    await withTimeout(this.queue.add(BULK_QUEUE, data, { jobId: data.id, delay }), 2_000);
    kept.persisted = true;
  }

  /** Runs `write` until Redis takes it (waiting for it to come back), for up to a minute. */
  private async retrying(write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= 60) throw error;
        await settledBy(this.options.redis.whenReady(), Date.now() + 1_000);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** Ends an operation that cannot run: its remaining items fail with `error`. */
  private async failRemaining(data: JobData, error: Error): Promise<void> {
    const stored = await this.state.storedItems(data.id).catch(() => new Map<number, string>());
    const failed = encodeResult({ error }, this.options.errors);
    for (let index = 0; index < data.total; index++) {
      if ((stored.get(index) ?? 'S') === 'S') await this.state.settle(data.id, index, failed).catch(() => undefined);
    }
  }

}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms).unref()),
  ]);
}
