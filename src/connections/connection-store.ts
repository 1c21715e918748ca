/**
 * Where connections live: Redis when REDIS_URL is set (every replica sees the same ones),
 * else a local file (one gateway process). Records hold their tokens sealed (secret-box.ts);
 * nothing here ever sees a token in clear.
 */

export type ConnectionState = 'ACTIVE' | 'REVOKED';

export interface ConnectionRecord {
  /** `cn_…`: what clients send in `x-pennylane-connection` and grants name. Not a secret. */
  readonly id: string;
  readonly companyId: string;
  readonly companyName: string;
  /** Scopes Pennylane granted (its token answer, else `GET /me`). */
  readonly scopes: readonly string[];
  readonly state: ConnectionState;
  readonly createdAt: string;
  /** Last time the token pair was renewed; null until the first refresh. */
  readonly lastRefreshedAt: string | null;
  /** When the access token expires (epoch ms), when Pennylane said (`expires_in`). */
  readonly accessExpiresAt: number | null;
  /**
   * Fencing number: +1 every time the stored pair changes. A writer states the generation it
   * read; a store refuses the write when another writer changed the record first.
   */
  readonly generation: number;
  /** The access and refresh tokens, sealed for this record's id; null once revoked. */
  readonly sealedTokens: string | null;
  /** The client (principal name) that started the connection. */
  readonly createdBy: string;
  readonly revokedAt: string | null;
}

export interface StoreLock {
  release(): Promise<void>;
}

export interface ConnectionStore {
  /** `redis` or `file`, for the start-up line. */
  readonly kind: string;
  get(id: string): Promise<ConnectionRecord | null>;
  list(): Promise<ConnectionRecord[]>;
  /**
   * Writes `record` if the stored one still has `expectedGeneration` (null: only if there is
   * none). False when another writer got there first: re-read and decide again.
   */
  put(record: ConnectionRecord, expectedGeneration: number | null): Promise<boolean>;
  delete(id: string): Promise<void>;
  /** A short-lived value read once (pending authorizations): `take` returns it and forgets it. */
  putPending(key: string, value: string, ttlMs: number): Promise<void>;
  takePending(key: string): Promise<string | null>;
  /** The right to refresh one connection for `ttlMs`; null while another holder (here or on another replica) has it. */
  lock(id: string, ttlMs: number): Promise<StoreLock | null>;
  close(): Promise<void>;
}

/** The record as stored (JSON), checked when read back: a damaged entry is skipped, never trusted. */
export function parseRecord(text: string): ConnectionRecord | null {
  try {
    const value = JSON.parse(text) as Partial<ConnectionRecord>;
    if (typeof value.id !== 'string' || typeof value.generation !== 'number' || (value.state !== 'ACTIVE' && value.state !== 'REVOKED')) return null;
    return value as ConnectionRecord;
  } catch {
    return null;
  }
}
