import type { Logger } from '../logger.js';

/**
 * What this replica says when Redis goes away and comes back: one line each way, however
 * many of its parts (the shared rate budget, the state connections) notice. A part reports
 * itself down or up; the replica is "on Redis" again once every part that noticed is back.
 */
export class RedisHealth {
  private readonly down = new Set<string>();

  constructor(private readonly logger: Logger) {}

  get healthy(): boolean {
    return this.down.size === 0;
  }

  reportDown(part: string, details: Record<string, unknown> = {}): void {
    if (this.down.has(part)) return;
    const first = this.down.size === 0;
    this.down.add(part);
    if (first) {
      this.logger.warn(
        { ...details, noticedBy: part },
        'Redis is unreachable: this replica keeps to a local share of the Pennylane rate limits, pauses its bulk operations, and keeps idempotency records and cache invalidation to itself until it returns',
      );
    }
  }

  reportUp(part: string): void {
    if (!this.down.delete(part) || this.down.size > 0) return;
    this.logger.info('Redis is reachable again: this replica shares the Pennylane rate budget, bulk operations, idempotency records and cache invalidation again');
  }
}
