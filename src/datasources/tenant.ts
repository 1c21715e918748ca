import { createHash } from 'node:crypto';

/**
 * Whose Pennylane budget and cache partition a request uses. The id is a hash of the token,
 * so it can appear in cache keys and logs; the token itself is a private field that no
 * serialisation (JSON, util.inspect, pino) can reach. Tenants whose token changes (OAuth
 * connections, src/connections) keep a stable id of their own and override the hooks below.
 */
export class Tenant {
  readonly id: string;
  readonly #token: string;

  constructor(token: string, id: string = tenantIdOf(token)) {
    this.#token = token;
    this.id = id;
  }

  /** The value of the Authorization header sent to Pennylane. */
  authorization(): string {
    return `Bearer ${this.#token}`;
  }

  /**
   * A hash of the credential this tenant sends now: what a Pennylane 401 refuses. For a token
   * it is the tenant id; a tenant whose token rotates (an OAuth connection) keeps its id but
   * changes credential, so a refused old token never shuts out the new one.
   */
  credentialId(): string {
    return this.id;
  }

  /** Awaited before each upstream call (an OAuth connection renews a token about to expire here). */
  async ready(): Promise<void> {}

  /** Pennylane answered 401 to `authorization`: true when a new credential is there to retry with, once. */
  async renew(_authorization: string): Promise<boolean> {
    return false;
  }

  toJSON(): { tenant: string } {
    return { tenant: this.id };
  }
}

export function tenantIdOf(token: string): string {
  return 't_' + createHash('sha256').update(token).digest('base64url').slice(0, 22);
}
