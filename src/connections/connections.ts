import { randomBytes } from 'node:crypto';
import type { Principal } from '../edge/principal.js';
import type { Logger } from '../logger.js';
import type { UpstreamDeps } from '../datasources/pennylane/client.js';
import { issueTicket } from './connect-ticket.js';
import { connectionError, forbiddenConnection, revokedConnection, storeUnavailable, unknownConnection } from './connection-errors.js';
import type { ConnectionRecord, ConnectionStore } from './connection-store.js';
import { ConnectionTenant } from './connection-tenant.js';
import { OAuthUnavailableError, PennylaneOAuthClient } from './oauth-client.js';
import type { OAuthConfig } from './oauth-config.js';
import { SecretBox } from './secret-box.js';
import { TokenKeeper } from './token-keeper.js';

export interface ConnectionsOptions {
  readonly config: OAuthConfig;
  readonly store: ConnectionStore;
  readonly logger: Logger;
  readonly upstream: UpstreamDeps;
  /** Client authentication is on: `/oauth/connect` needs a ticket from `connectUrl`. */
  readonly requireTicket: boolean;
}

/** Scopes look like `customers:readonly`; anything else in a URL or argument is refused. */
const SCOPE = /^[a-z_]+:[a-z_]+$/;
/** What `newId` makes; anything else is no connection, and is not looked up. */
export const CONNECTION_ID = /^cn_[\w-]{1,64}$/;

/**
 * The partner's companies: each connection is one OAuth grant (one company, one token pair,
 * one rate budget). Reading them, addressing them, disconnecting them; the authorization
 * flow that creates them is in authorization-flow.ts.
 */
export class Connections {
  readonly box: SecretBox;
  readonly oauth: PennylaneOAuthClient;
  readonly keeper: TokenKeeper;
  /** The gateway's public origin: the redirect URI's. */
  readonly origin: string;
  readonly connectEndpoint: string;
  private count = 0;

  constructor(readonly options: ConnectionsOptions) {
    const { config } = options;
    this.box = SecretBox.fromConfig(config.encryptionKeys);
    this.oauth = new PennylaneOAuthClient(config);
    this.origin = new URL(config.redirectUri).origin;
    this.connectEndpoint = `${this.origin}/oauth/connect`;
    this.keeper = new TokenKeeper({
      store: options.store,
      box: this.box,
      oauth: this.oauth,
      logger: options.logger,
      refreshLeewayMs: config.refreshLeewayMs,
      timeoutMs: config.timeoutMs,
      reconnectUrl: this.connectEndpoint,
    });
    void this.all().catch(() => undefined); // learns the count for the cost planner
  }

  get store(): ConnectionStore {
    return this.options.store;
  }

  static newId(): string {
    return `cn_${randomBytes(12).toString('base64url')}`;
  }

  static permits(principal: Principal, id: string): boolean {
    return principal.connections === 'all' || principal.connections.includes(id);
  }

  tenantFor(record: Pick<ConnectionRecord, 'id'>): ConnectionTenant {
    return new ConnectionTenant(record.id, this.keeper);
  }

  /** The connection a request names, if this client may use it and it is usable; else the refusal. */
  async resolve(id: string, principal: Principal, status?: number): Promise<ConnectionRecord> {
    if (!Connections.permits(principal, id)) throw forbiddenConnection(id, status && 403);
    const record = CONNECTION_ID.test(id) ? await this.read(id, status) : null;
    if (!record) throw unknownConnection(id, status && 404);
    if (record.state === 'REVOKED') throw revokedConnection(record, this.connectEndpoint, status && 401);
    this.keeper.observe(record);
    return record;
  }

  /** Connections this client may use, oldest first. */
  async list(principal: Principal): Promise<ConnectionRecord[]> {
    return (await this.all()).filter((record) => Connections.permits(principal, record.id));
  }

  /** A connection by id: null when there is none; FORBIDDEN when this client may not use it. */
  async get(id: string, principal: Principal): Promise<ConnectionRecord | null> {
    if (!Connections.permits(principal, id)) throw forbiddenConnection(id);
    return this.read(id);
  }

  /** How many connections a `portfolio` without ids spans for this client (the planner's guess, kept from the last listing). */
  knownCount(principal: Principal): number {
    return principal.connections === 'all' ? this.count : principal.connections.length;
  }

  /** The URL a person opens to connect a company: this gateway's `/oauth/connect`, with a ticket when clients authenticate. */
  connectUrl(principal: Principal, scopes: readonly string[] | null): string {
    const asked = scopes ?? this.options.config.defaultScopes;
    const bad = asked.find((scope) => !SCOPE.test(scope));
    if (bad !== undefined) throw connectionError(`"${bad}" is not a Pennylane scope (e.g. customers:readonly, customer_invoices:all).`, 'BAD_USER_INPUT');
    const url = new URL(this.connectEndpoint);
    if (this.options.requireTicket) {
      url.searchParams.set('ticket', issueTicket(this.ticketKey(), { scopes: asked, by: principal.name }, this.options.config.stateTtlMs));
    } else {
      url.searchParams.set('scope', asked.join(' '));
    }
    return url.toString();
  }

  ticketKey(): Buffer {
    return this.box.derive('connect-ticket');
  }

  /**
   * Revokes the grant at Pennylane, then forgets the tokens and the connection. When Pennylane
   * cannot be reached nothing is deleted (the grant would live on with no way to revoke it),
   * unless `force`.
   */
  async disconnect(id: string, principal: Principal, force: boolean): Promise<{ record: ConnectionRecord; revokedAtPennylane: boolean }> {
    const record = await this.get(id, principal);
    if (!record) throw unknownConnection(id);
    let revokedAtPennylane = false;
    if (record.state === 'ACTIVE' && record.sealedTokens !== null) {
      try {
        const tokens = this.keeper.open(record);
        // Revoking the refresh token ends the grant (RFC 7009 §2.1); the access token is tried too.
        await this.oauth.revoke(tokens.refreshToken);
        await this.oauth.revoke(tokens.accessToken).catch(() => undefined);
        revokedAtPennylane = true;
      } catch (error) {
        if (!force) {
          const why = error instanceof OAuthUnavailableError ? 'could not be reached' : 'refused the revocation';
          throw connectionError(
            `Pennylane's authorization server ${why}, so the connection "${id}" was kept (its grant is still alive). Retry, or pass force: true to forget it here anyway.`,
            'OAUTH_UNAVAILABLE',
            { connection: id },
          );
        }
      }
    }
    try {
      await this.store.delete(id);
    } catch {
      throw storeUnavailable();
    }
    this.keeper.forget(id);
    this.count = Math.max(0, this.count - 1);
    this.options.logger.info({ connection: id, company: record.companyId, revokedAtPennylane, by: principal.name }, 'connection disconnected');
    return { record: { ...record, state: 'REVOKED', sealedTokens: null, revokedAt: new Date().toISOString() }, revokedAtPennylane };
  }

  /** Every connection, oldest first. */
  async all(): Promise<ConnectionRecord[]> {
    let records: ConnectionRecord[];
    try {
      records = await this.store.list();
    } catch {
      throw storeUnavailable();
    }
    this.count = records.length;
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  noteCreated(): void {
    this.count += 1;
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  private async read(id: string, status?: number): Promise<ConnectionRecord | null> {
    try {
      return await this.store.get(id);
    } catch {
      throw storeUnavailable(status && 503);
    }
  }
}
