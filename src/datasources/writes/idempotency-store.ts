import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Tenant } from '../tenant.js';
import { ConflictError } from './write-errors.js';

/**
 * Results of creates by idempotency key, per tenant. A repeated mutation with the same key
 * returns the first result without writing again; the same key with a different input is
 * refused; a repeat arriving while the first is still running waits for it.
 *
 * Held in process memory (bounded, 24 h by default): a key is honoured by the replica that
 * saw it. Pennylane's own duplicate check on `external_reference` (409) still protects
 * writes that reach another replica.
 */
export interface IdempotentResult<T> {
  readonly value: T;
  readonly replayed: boolean;
}

interface Entry {
  readonly fingerprint: string;
  readonly promise: Promise<unknown>;
}

export class IdempotencyStore {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: { ttlMs?: number; max?: number } = {}) {
    this.entries = new LRUCache<string, Entry>({ max: options.max ?? 50_000, ttl: options.ttlMs ?? 24 * 3_600_000 });
  }

  async run<T>(tenant: Tenant, scope: string, key: string, input: unknown, execute: () => Promise<T>): Promise<IdempotentResult<T>> {
    const storeKey = `${tenant.id}|${scope}|${key}`;
    const fingerprint = fingerprintOf(input);
    const existing = this.entries.get(storeKey);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new ConflictError(
          `The idempotency key "${key}" was already used for ${scope} with a different input. Use a new key for a new record.`,
          'GATEWAY',
        );
      }
      return { value: (await existing.promise) as T, replayed: true };
    }
    const promise = execute();
    this.entries.set(storeKey, { fingerprint, promise });
    try {
      return { value: await promise, replayed: false };
    } catch (error) {
      // Nothing was created (or we could not tell): the next attempt must be free to try again.
      this.entries.delete(storeKey);
      throw error;
    }
  }
}

/** Stable hash of an input: key order does not matter. */
function fingerprintOf(input: unknown): string {
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
