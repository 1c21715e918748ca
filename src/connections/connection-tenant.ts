import { createHash } from 'node:crypto';
import { Tenant, tenantIdOf } from '../datasources/tenant.js';
import { connectionError } from './connection-errors.js';
import type { TokenKeeper } from './token-keeper.js';

/**
 * The tenant id of a connection: a hash of its id, never of a token. Its access token changes
 * at every refresh, but its company's data does not, and Redis-shared rate windows are keyed
 * by tenant id on every replica: so the cache and the budget stay the connection's across
 * rotations and replicas. (Pennylane counts budget per access token; keeping one window
 * across a rotation can only make the gateway send less than allowed for a few seconds.)
 */
export function connectionTenantId(connectionId: string): string {
  return 'c_' + createHash('sha256').update(`connection:${connectionId}`).digest('base64url').slice(0, 22);
}

/** A request's Pennylane identity when it addresses a connection: the connection's current access token. */
export class ConnectionTenant extends Tenant {
  constructor(
    readonly connectionId: string,
    private readonly keeper: TokenKeeper,
  ) {
    super('', connectionTenantId(connectionId));
  }

  override authorization(): string {
    const tokens = this.keeper.current(this.connectionId);
    if (!tokens) throw new Error(`connection ${this.connectionId} has no token loaded (ready() was not awaited)`);
    return `Bearer ${tokens.accessToken}`;
  }

  override credentialId(): string {
    const tokens = this.keeper.current(this.connectionId);
    return tokens ? tenantIdOf(tokens.accessToken) : this.id;
  }

  override async ready(): Promise<void> {
    await this.keeper.usable(this.connectionId);
  }

  override async renew(authorization: string): Promise<boolean> {
    const used = authorization.replace(/^Bearer /, '');
    return (await this.keeper.afterUnauthorized(this.connectionId, used)) !== null;
  }

  override toJSON(): { tenant: string; connection: string } {
    return { tenant: this.id, connection: this.connectionId };
  }
}

/**
 * The tenant of a request that names no Pennylane company on a gateway that has only OAuth
 * connections: the request may read its connections, but any Pennylane call is refused
 * before it leaves (0 upstream calls), saying how to pick a company.
 */
export class NoCompanyTenant extends Tenant {
  constructor() {
    super('', 'none');
  }

  override authorization(): string {
    throw new Error('no Pennylane token for this request');
  }

  override async ready(): Promise<void> {
    throw connectionError(
      'This request names no Pennylane company: send the header "x-pennylane-connection: <connection id>" (the `connections` query lists them), or ask across companies with `portfolio`.',
      'UNAUTHENTICATED',
    );
  }
}
