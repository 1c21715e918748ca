import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Tenant } from '../tenant.js';
import { ConflictError, OutcomeUnknownError } from './write-errors.js';

/**
 * Results of writes by idempotency key, per tenant. A repeated mutation with the same key
 * returns the first result without writing again; the same key with a different input is
 * refused; a repeat arriving while the first is still running waits for it. When an earlier
 * attempt may have written without anyone knowing (its outcome was unknown, or the replica
 * running it stopped), the next attempt runs with `resumed`: it checks before writing.
 *
 * Two implementations: this process's memory (the embedded default, below) and Redis
 * (redis-idempotency-store.ts), where every replica finds every key. Values must survive
 * JSON (Pennylane records do).
 */
export interface IdempotentResult<T> {
  readonly value: T;
  readonly replayed: boolean;
}

export interface IdempotentAttempt {
  /** An earlier attempt with this key may have written: look before writing. */
  readonly resumed: boolean;
}

export interface IdempotencyStore {
  run<T>(tenant: Tenant, scope: string, key: string, input: unknown, execute: (attempt: IdempotentAttempt) => Promise<T>): Promise<IdempotentResult<T>>;
}

/** How long a key is honoured. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

type Entry = { readonly fingerprint: string; readonly promise: Promise<unknown> } | { readonly fingerprint: string; readonly unknown: true };

/** Held in process memory (bounded, 24 h): a key is honoured by this process only. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: { ttlMs?: number; max?: number } = {}) {
    this.entries = new LRUCache<string, Entry>({ max: options.max ?? 50_000, ttl: options.ttlMs ?? IDEMPOTENCY_TTL_MS });
  }

  async run<T>(tenant: Tenant, scope: string, key: string, input: unknown, execute: (attempt: IdempotentAttempt) => Promise<T>): Promise<IdempotentResult<T>> {
    const storeKey = `${tenant.id}|${scope}|${key}`;
    const fingerprint = fingerprintOf(input);
    const existing = this.entries.get(storeKey);
    if (existing && existing.fingerprint !== fingerprint) throw conflict(scope, key);
    if (existing && 'promise' in existing) return { value: (await existing.promise) as T, replayed: true };
    const promise = execute({ resumed: existing !== undefined });
    this.entries.set(storeKey, { fingerprint, promise });
    try {
      return { value: await promise, replayed: false };
    } catch (error) {
      // Nothing was written: the next attempt is free to try again. Perhaps written: it looks first.
      if (error instanceof OutcomeUnknownError) this.entries.set(storeKey, { fingerprint, unknown: true });
      else this.entries.delete(storeKey);
      throw error;
    }
  }
}

export function conflict(scope: string, key: string): ConflictError {
  return new ConflictError(`The idempotency key "${key}" was already used for ${scope} with a different input. Use a new key for a new record.`, 'GATEWAY');
}

/** Stable hash of an input: key order does not matter. */
export function fingerprintOf(input: unknown): string {
  return createHash('sha256').update(stableJson(input)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  // An uploaded file has no enumerable fields: it is told apart by its name, type and size.
  if (value instanceof Blob || (value && typeof value === 'object' && typeof (value as Blob).arrayBuffer === 'function')) {
    const file = value as Partial<File> & Blob;
    return stableJson({ file: file.name ?? '', type: file.type, size: file.size });
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
