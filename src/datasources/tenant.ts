import { createHash } from 'node:crypto';

/**
 * Whose Pennylane budget and cache partition a request uses. The id is a hash of the token,
 * so it can appear in cache keys and logs; the token itself is a private field that no
 * serialisation (JSON, util.inspect, pino) can reach.
 */
export class Tenant {
  readonly id: string;
  readonly #token: string;

  constructor(token: string) {
    this.#token = token;
    this.id = tenantIdOf(token);
  }

  /** The value of the Authorization header sent to Pennylane. */
  authorization(): string {
    return `Bearer ${this.#token}`;
  }

  toJSON(): { tenant: string } {
    return { tenant: this.id };
  }
}

export function tenantIdOf(token: string): string {
  return 't_' + createHash('sha256').update(token).digest('base64url').slice(0, 22);
}
