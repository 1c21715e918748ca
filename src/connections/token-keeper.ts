import type { GraphQLError } from 'graphql';
import type { Logger } from '../logger.js';
import { renewalUnavailable, revokedConnection, storeUnavailable, unknownConnection } from './connection-errors.js';
import type { ConnectionRecord, ConnectionStore } from './connection-store.js';
import { OAuthGrantError, OAuthUnavailableError, type PennylaneOAuthClient, type TokenSet } from './oauth-client.js';
import { SecretBoxError, type SecretBox } from './secret-box.js';
import { connectionError } from './connection-errors.js';

/** A connection's pair, in clear, in this process's memory only. */
export interface LiveTokens {
  readonly generation: number;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessExpiresAt: number | null;
}

export interface TokenKeeperOptions {
  readonly store: ConnectionStore;
  readonly box: SecretBox;
  readonly oauth: PennylaneOAuthClient;
  readonly logger: Logger;
  /** Refresh this long before the access token expires. */
  readonly refreshLeewayMs: number;
  /** One token call's timeout: the refresh lock outlives it. */
  readonly timeoutMs: number;
  /** Where a person reconnects a revoked company (for the error). */
  readonly reconnectUrl: string;
}

/** How often a replica waiting for another's refresh looks at the store. */
const WAIT_POLL_MS = 50;
/** Rounds of "read, lock or wait" before giving up (each waits at most the lock's lifetime). */
const MAX_ROUNDS = 4;

/**
 * Refresh exactly once, everywhere. Pennylane rotates refresh tokens: a refresh kills the
 * old pair, so two replicas refreshing one connection at once would leave one of them with a
 * dead pair, and the loser's `invalid_grant` would look like a revoked grant. So:
 * - in this process, one refresh per connection at a time (single flight);
 * - across replicas, the store's lock (Redis SET NX PX): one holder calls the token endpoint;
 *   the others poll the store until the record's generation moves, and use the new pair;
 * - every write is fenced: the new pair is stored only if the record still has the generation
 *   it was read with, so a holder whose lock expired can never overwrite a newer pair;
 * - `invalid_grant` marks the connection REVOKED only after re-reading under the lock: the
 *   refresh token that was refused is the newest one stored.
 * Refreshes happen shortly before expiry (`usable`) and on a 401 (`afterUnauthorized`).
 */
export class TokenKeeper {
  private readonly live = new Map<string, LiveTokens>();
  private readonly refreshing = new Map<string, Promise<LiveTokens>>();

  constructor(private readonly options: TokenKeeperOptions) {}

  /** The pair last known in this process (for the Authorization header), if any. */
  current(id: string): LiveTokens | undefined {
    return this.live.get(id);
  }

  /** A pair to call Pennylane with now: loaded from the store, refreshed first when about to expire. */
  async usable(id: string): Promise<LiveTokens> {
    let tokens = this.live.get(id);
    if (!tokens) tokens = this.remember(id, await this.read(id));
    if (this.expiringSoon(tokens)) {
      try {
        tokens = await this.refresh(id, tokens.generation);
      } catch (error) {
        // Still valid for a while: serve with it and let the next call try the refresh again.
        if (isUnavailable(error) && tokens.accessExpiresAt !== null && tokens.accessExpiresAt > Date.now()) return tokens;
        throw error;
      }
    }
    return tokens;
  }

  /**
   * Pennylane answered 401 to `usedAccessToken`: the pair to retry with (renewed here or by
   * another replica), or null when there is nothing newer to try.
   */
  async afterUnauthorized(id: string, usedAccessToken: string): Promise<LiveTokens | null> {
    const known = this.live.get(id);
    if (known && known.accessToken !== usedAccessToken) return known;
    const stored = this.remember(id, await this.read(id));
    if (stored.accessToken !== usedAccessToken) return stored;
    return this.refresh(id, stored.generation);
  }

  /** A record just read elsewhere (the request's lookup): a newer pair than ours replaces it, saving a 401. */
  observe(record: ConnectionRecord): void {
    const known = this.live.get(record.id);
    if (known && known.generation < record.generation && record.state === 'ACTIVE') this.remember(record.id, record);
  }

  /** Forget a connection's pair (disconnected, or replaced by a new authorization). */
  forget(id: string): void {
    this.live.delete(id);
  }

  /** Tokens of a record, opened; the record must be ACTIVE. */
  open(record: ConnectionRecord): LiveTokens {
    if (record.state !== 'ACTIVE' || record.sealedTokens === null) throw revokedConnection(record, this.options.reconnectUrl);
    let pair: { a: string; r: string };
    try {
      pair = JSON.parse(this.options.box.open(record.sealedTokens, sealContext(record.id))) as { a: string; r: string };
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw connectionError(
        `The tokens of the connection "${record.id}" cannot be opened with this gateway's GATEWAY_ENCRYPTION_KEY (${error.message}). Put the key that sealed them back (GATEWAY_ENCRYPTION_KEY_PREVIOUS during a rotation), or connect the company again: open ${this.options.reconnectUrl}.`,
        'UNAUTHENTICATED',
        { connection: record.id, reconnectUrl: this.options.reconnectUrl },
      );
    }
    return { generation: record.generation, accessToken: pair.a, refreshToken: pair.r, accessExpiresAt: record.accessExpiresAt };
  }

  /** A token answer sealed into a record of the next generation. */
  seal(record: Omit<ConnectionRecord, 'sealedTokens' | 'accessExpiresAt'>, tokens: TokenSet, previousRefreshToken: string | null): ConnectionRecord {
    const refreshToken = tokens.refreshToken ?? previousRefreshToken;
    if (refreshToken === null) throw new OAuthGrantError('the authorization server gave no refresh token');
    return {
      ...record,
      sealedTokens: this.options.box.seal(JSON.stringify({ a: tokens.accessToken, r: refreshToken }), sealContext(record.id)),
      accessExpiresAt: tokens.expiresInSeconds === null ? null : Date.now() + tokens.expiresInSeconds * 1_000,
    };
  }

  private expiringSoon(tokens: LiveTokens): boolean {
    return tokens.accessExpiresAt !== null && Date.now() >= tokens.accessExpiresAt - this.options.refreshLeewayMs;
  }

  private refresh(id: string, staleGeneration: number): Promise<LiveTokens> {
    const running = this.refreshing.get(id);
    if (running) return running;
    const flight = this.refreshOnce(id, staleGeneration).finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, flight);
    return flight;
  }

  private async refreshOnce(id: string, staleGeneration: number): Promise<LiveTokens> {
    const lockMs = 2 * this.options.timeoutMs + 5_000;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const record = await this.read(id);
      // Another replica renewed it since we read our pair: use theirs.
      if (record.generation > staleGeneration) {
        const theirs = this.remember(id, record);
        if (!this.expiringSoon(theirs)) return theirs;
        staleGeneration = record.generation;
      }
      const lock = await this.options.store.lock(id, lockMs).catch(() => {
        throw storeUnavailable();
      });
      if (!lock) {
        await this.waitForChange(id, record.generation, Date.now() + lockMs);
        continue;
      }
      try {
        // Under the lock, from the newest record: the holder before us may have just finished.
        const current = await this.read(id);
        if (current.generation !== record.generation) continue;
        return await this.renew(current);
      } finally {
        await lock.release();
      }
    }
    throw renewalUnavailable(id);
  }

  /** The token call itself, and the fenced write of its answer. */
  private async renew(record: ConnectionRecord): Promise<LiveTokens> {
    const old = this.open(record);
    let answer: TokenSet;
    try {
      answer = await this.options.oauth.refresh(old.refreshToken);
    } catch (error) {
      if (error instanceof OAuthGrantError) {
        await this.markRevoked(record);
        throw revokedConnection(record, this.options.reconnectUrl);
      }
      if (error instanceof OAuthUnavailableError) {
        this.options.logger.warn({ connection: record.id, err: error.message }, 'connection token refresh failed: authorization server unavailable');
        throw renewalUnavailable(record.id);
      }
      this.options.logger.error({ connection: record.id, err: (error as Error).message }, 'connection token refresh refused');
      throw renewalUnavailable(record.id);
    }
    const next = this.seal(
      { ...record, generation: record.generation + 1, lastRefreshedAt: new Date().toISOString(), scopes: answer.scopes ?? record.scopes },
      answer,
      old.refreshToken,
    );
    if (!(await this.options.store.put(next, record.generation))) {
      // Only when our lock outlived itself: a newer record is there, and it wins.
      this.options.logger.warn({ connection: record.id }, 'connection refreshed while another writer changed it: keeping the stored pair');
      return this.remember(record.id, await this.read(record.id));
    }
    this.options.logger.info({ connection: record.id, generation: next.generation }, 'connection token refreshed');
    return this.remember(record.id, next);
  }

  private async markRevoked(record: ConnectionRecord): Promise<void> {
    this.live.delete(record.id);
    const revoked: ConnectionRecord = {
      ...record,
      state: 'REVOKED',
      sealedTokens: null,
      accessExpiresAt: null,
      generation: record.generation + 1,
      revokedAt: new Date().toISOString(),
    };
    const written = await this.options.store.put(revoked, record.generation).catch(() => false);
    this.options.logger.warn({ connection: record.id, company: record.companyId, stored: written }, 'connection revoked: Pennylane refused its refresh token (invalid_grant)');
  }

  private async waitForChange(id: string, generation: number, until: number): Promise<void> {
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      const record = await this.options.store.get(id).catch(() => null);
      if (!record || record.generation !== generation) return;
    }
  }

  private async read(id: string): Promise<ConnectionRecord> {
    let record: ConnectionRecord | null;
    try {
      record = await this.options.store.get(id);
    } catch {
      throw storeUnavailable();
    }
    if (!record) {
      this.live.delete(id);
      throw unknownConnection(id);
    }
    return record;
  }

  private remember(id: string, record: ConnectionRecord): LiveTokens {
    let tokens: LiveTokens;
    try {
      tokens = this.open(record);
    } catch (error) {
      this.live.delete(id);
      throw error;
    }
    this.live.set(id, tokens);
    return tokens;
  }
}

export function sealContext(id: string): string {
  return `connection:${id}`;
}

function isUnavailable(error: unknown): boolean {
  const code = (error as GraphQLError | null)?.extensions?.code;
  return code === 'OAUTH_UNAVAILABLE' || code === 'CONNECTION_STORE_UNAVAILABLE';
}
