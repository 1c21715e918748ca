/**
 * A rate window shared with other gateway processes (Redis): a token's real budget when
 * several replicas spend it. Each process's own buckets still pace and order its queue;
 * the shared window has the last word on whether a request may leave now.
 */
export interface SharedBucket {
  /** `token` or an API family name. */
  readonly name: string;
  readonly limit: number;
  /** The window, margin included. */
  readonly windowMs: number;
}

export interface SharedGrant {
  /** 0 when the request may leave now (its slot is taken in every bucket); else ms to wait. */
  readonly waitMs: number;
  /** The bucket that refused, when one did. */
  readonly blockedBy?: string;
  /** The slot taken, when granted: pass it to `complete` once the answer arrived. */
  readonly id?: string;
}

export interface SharedWindow {
  /** Takes one slot in each bucket of this tenant at once, or none and says how long to wait. */
  tryAcquire(tenantId: string, buckets: readonly SharedBucket[]): Promise<SharedGrant>;
  /**
   * The request of slot `id` was answered: its slot now counts from this moment, since
   * Pennylane counted it somewhere between send and answer. Never rejects.
   */
  complete(tenantId: string, buckets: readonly SharedBucket[], id: string): Promise<void>;
  close(): Promise<void>;
  /** For operators: how this replica shares the budget right now. */
  state?(): SharedWindowState;
}

export interface SharedWindowState {
  /** `shared`: every send is counted in Redis; `local`: Redis is unreachable, this replica keeps to its share; `connecting`: not yet joined. */
  readonly mode: 'connecting' | 'shared' | 'local';
  /** This replica's id in the shared window. */
  readonly replica: string;
  /** Live replicas last counted (this one included). */
  readonly replicas: number;
}
