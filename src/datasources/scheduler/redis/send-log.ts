import type { SharedBucket } from '../shared-window.js';

interface Send {
  /** Local clock, ms: the send, then the answer once it arrived. */
  at: number;
  readonly member: string;
  /** False when Redis never saw it (sent while Redis was unreachable). */
  shared: boolean;
}

/**
 * What this replica itself sent in the last window of each tenant's buckets. It sizes the
 * local share while Redis is unreachable, and puts back into Redis, on return, the sends
 * Redis did not see.
 */
export class SendLog {
  private readonly sends = new Map<string, Send[]>();

  record(tenantId: string, buckets: readonly SharedBucket[], send: Send): void {
    for (const bucket of buckets) {
      const key = `${tenantId}|${bucket.name}`;
      let list = this.sends.get(key);
      if (!list) this.sends.set(key, (list = []));
      list.push(send);
    }
  }

  /** The request of `member` was answered: its slot counts from now. */
  complete(tenantId: string, buckets: readonly SharedBucket[], member: string, now = Date.now()): void {
    for (const bucket of buckets) {
      const send = this.sends.get(`${tenantId}|${bucket.name}`)?.find((candidate) => candidate.member === member);
      if (send) send.at = now;
    }
  }

  /** Sends of the last `windowMs` in one bucket, oldest first. */
  recent(tenantId: string, bucket: string, windowMs: number, now = Date.now()): readonly Send[] {
    const key = `${tenantId}|${bucket}`;
    const list = this.sends.get(key);
    if (!list) return [];
    const first = list.findIndex((send) => send.at > now - windowMs);
    if (first === -1) {
      this.sends.delete(key);
      return [];
    }
    if (first > 0) list.splice(0, first);
    return list;
  }

  /** Every bucket's sends Redis has not seen, still inside `windowMs`. */
  *unshared(windowMsOf: (bucket: string) => number, now = Date.now()): Generator<{ tenantId: string; bucket: string; sends: Send[] }> {
    for (const key of [...this.sends.keys()]) {
      const [tenantId = '', bucket = ''] = key.split('|');
      const sends = this.recent(tenantId, bucket, windowMsOf(bucket), now).filter((send) => !send.shared);
      if (sends.length > 0) yield { tenantId, bucket, sends };
    }
  }

  /** Marks everything as seen by Redis (after it was reported). */
  markShared(): void {
    for (const list of this.sends.values()) for (const send of list) send.shared = true;
  }

  /** Drops windows that have fully passed; called now and then so idle tenants leave no trace. */
  sweep(windowMsOf: (bucket: string) => number, now = Date.now()): void {
    for (const key of [...this.sends.keys()]) {
      const [tenantId = '', bucket = ''] = key.split('|');
      this.recent(tenantId, bucket, windowMsOf(bucket), now);
    }
  }
}

/**
 * The part of a bucket one replica may spend alone when it cannot reach Redis: 1/peers of
 * the limit, over a longer window when that is less than one request (2/s shared by three
 * replicas: 1 request per 1.5 s each).
 */
export function localShare(bucket: SharedBucket, peers: number): { limit: number; windowMs: number } {
  const limit = Math.floor(bucket.limit / peers);
  if (limit >= 1) return { limit, windowMs: bucket.windowMs };
  return { limit: 1, windowMs: Math.ceil((bucket.windowMs * peers) / bucket.limit) };
}
