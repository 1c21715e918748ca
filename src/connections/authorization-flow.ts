import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { CostMeter } from '../datasources/cost-meter.js';
import { PennylaneClient } from '../datasources/pennylane/client.js';
import { getMe, type PennylaneMe } from '../datasources/pennylane/me.js';
import { Tenant } from '../datasources/tenant.js';
import { readTicket } from './connect-ticket.js';
import type { ConnectionRecord } from './connection-store.js';
import { connectionTenantId } from './connection-tenant.js';
import { Connections } from './connections.js';
import { OAuthAuthorizationError, OAuthGrantError, OAuthUnavailableError, type TokenSet } from './oauth-client.js';
import { connectedPage, failurePage, htmlResponse, type Page } from './pages.js';

/** What `/oauth/connect` remembers until the callback: kept sealed, read once. */
interface PendingAuthorization {
  /** sha256 of the browser nonce held in the cookie: the state works only in the browser that started. */
  readonly n: string;
  /** PKCE code verifier. */
  readonly v: string;
  readonly s: readonly string[];
  readonly b: string;
}

const SCOPE = /^[a-z_]+:[a-z_]+$/;

/**
 * `GET /oauth/connect` and `GET /oauth/callback`: the authorization code flow with `state`
 * and PKCE S256. The state is random, single-use (taken from the store as it is checked),
 * expires (PENNYLANE_OAUTH_STATE_TTL_SECONDS), and is bound to the browser that started it by
 * an HttpOnly cookie holding a nonce whose hash is stored with it. Every failure ends on a
 * page that says what happened and offers to start again; none shows a stack.
 */
export class AuthorizationFlow {
  constructor(private readonly connections: Connections) {}

  async connect(url: URL): Promise<Response> {
    const { config } = this.connections.options;
    let scopes: readonly string[] = config.defaultScopes;
    let by = 'anonymous';
    const ticketText = url.searchParams.get('ticket');
    if (this.connections.options.requireTicket || ticketText !== null) {
      const ticket = ticketText === null ? null : readTicket(this.connections.ticketKey(), ticketText);
      if (!ticket) {
        return htmlResponse(
          failurePage(
            401,
            'This connection link is not valid',
            'This gateway authenticates its clients, so a connection starts from a link your application gets from the gateway (the connectUrl field of its GraphQL API). Links last a few minutes; this one is missing, altered or expired.',
            null,
          ),
        );
      }
      ({ scopes, by } = ticket);
    } else if (url.searchParams.has('scope')) {
      scopes = (url.searchParams.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
      const bad = scopes.find((scope) => !SCOPE.test(scope));
      if (bad !== undefined || scopes.length === 0) {
        return htmlResponse(failurePage(400, 'These scopes are not valid', `"${bad ?? ''}" is not a Pennylane scope (e.g. customers:readonly).`, this.connections.connectEndpoint));
      }
    }
    const state = oauth.generateRandomState();
    const verifier = oauth.generateRandomCodeVerifier();
    const nonce = randomBytes(32).toString('base64url');
    const key = stateKey(state);
    const pending: PendingAuthorization = { n: sha256(nonce), v: verifier, s: scopes, b: by };
    const target = await this.connections.oauth.authorizationUrl({ state, codeChallenge: await oauth.calculatePKCECodeChallenge(verifier), scopes });
    await this.connections.store.putPending(key, this.connections.box.seal(JSON.stringify(pending), `pending:${key}`), config.stateTtlMs);
    return new Response(null, {
      status: 302,
      headers: {
        location: target.toString(),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'set-cookie': this.cookie(key, nonce, Math.floor(config.stateTtlMs / 1_000)),
      },
    });
  }

  async callback(request: Request, url: URL): Promise<Response> {
    const restart = this.connections.connectEndpoint;
    const state = url.searchParams.get('state');
    if (!state) {
      return htmlResponse(failurePage(400, 'This is not a Pennylane answer', 'The callback is where Pennylane sends the browser back after consent, with a state parameter; this request has none.', restart));
    }
    const key = stateKey(state);
    const clearCookie = { 'set-cookie': this.cookie(key, '', 0) };
    const sealed = await this.connections.store.takePending(key);
    if (sealed === null) {
      return htmlResponse(
        failurePage(400, 'This authorization has expired or was already used', 'Each connection attempt works once, for a few minutes. Start again from the beginning.', restart),
        clearCookie,
      );
    }
    const pending = JSON.parse(this.connections.box.open(sealed, `pending:${key}`)) as PendingAuthorization;
    const nonce = cookieValue(request.headers.get('cookie'), cookieName(key));
    if (nonce === null || !sameHash(sha256(nonce), pending.n)) {
      return htmlResponse(
        failurePage(
          403,
          'This authorization was started in another browser',
          `The answer from Pennylane does not belong to this browser, so it was not used: it was started in another one, at another address than ${this.connections.origin}, or its cookie was blocked. Start again from ${restart} in the browser you will finish in.`,
          restart,
        ),
        clearCookie,
      );
    }
    let tokens: TokenSet;
    try {
      tokens = await this.connections.oauth.exchangeCode(url, state, pending.v);
    } catch (error) {
      return htmlResponse(this.exchangeFailure(error), clearCookie);
    }
    const page = await this.store(tokens, pending).catch((error: unknown) => {
      this.connections.options.logger.error({ err: (error as Error).message }, 'connection could not be stored after the code exchange');
      return failurePage(503, 'The connection could not be saved', 'Pennylane approved it, but the gateway could not store it now. Start again in a moment.', restart);
    });
    return htmlResponse(page, clearCookie);
  }

  /** Reads the company with the new token (`GET /me`, through the scheduler), then stores the connection. */
  private async store(tokens: TokenSet, pending: PendingAuthorization): Promise<Page> {
    const { connections } = this;
    const existingAll = await connections.all();
    const provisionalId = Connections.newId();
    let me: PennylaneMe;
    try {
      me = await getMe(this.client(tokens.accessToken, provisionalId));
    } catch (error) {
      connections.options.logger.warn({ err: (error as Error).message }, 'GET /me failed with a new connection token');
      await connections.oauth.revoke(tokens.refreshToken ?? tokens.accessToken).catch(() => undefined);
      return failurePage(502, 'Pennylane did not say which company this is', 'The authorization worked, but GET /me failed, so nothing was kept (the authorization was withdrawn). Start again.', connections.connectEndpoint);
    }
    const companyId = String(me.company.id);
    const existing = existingAll.find((record) => record.companyId === companyId);
    const now = new Date().toISOString();
    const base: Omit<ConnectionRecord, 'sealedTokens' | 'accessExpiresAt'> = existing
      ? { ...existing, state: 'ACTIVE', generation: existing.generation + 1, lastRefreshedAt: now, revokedAt: null }
      : {
          id: provisionalId,
          companyId,
          companyName: me.company.name,
          state: 'ACTIVE',
          createdAt: now,
          lastRefreshedAt: null,
          generation: 1,
          createdBy: pending.b,
          revokedAt: null,
          scopes: [],
        };
    const record = connections.keeper.seal(
      { ...base, companyName: me.company.name, scopes: tokens.scopes ?? me.scopes ?? pending.s },
      tokens,
      null,
    );
    if (!(await connections.store.put(record, existing ? existing.generation : null))) {
      throw new Error('the connection changed while it was being stored');
    }
    connections.keeper.forget(record.id);
    if (!existing) connections.noteCreated();
    connections.options.logger.info({ connection: record.id, company: companyId, replaced: Boolean(existing), by: pending.b }, 'company connected');
    return connectedPage({ id: record.id, companyName: record.companyName, replaced: Boolean(existing) }, `${connections.origin}/graphql`);
  }

  private client(accessToken: string, id: string): PennylaneClient {
    return new PennylaneClient(this.connections.options.upstream, {
      tenant: new Tenant(accessToken, connectionTenantId(id)),
      meter: new CostMeter(),
      priority: () => 'interactive',
      deadline: Date.now() + this.connections.options.config.timeoutMs * 3,
      flow: `oauth-callback:${id}`,
    });
  }

  private exchangeFailure(error: unknown): Page {
    const restart = this.connections.connectEndpoint;
    if (error instanceof OAuthAuthorizationError) {
      if (error.oauthError === 'access_denied') return failurePage(403, 'Access was declined', 'The company was not connected because access was declined on Pennylane\'s consent page.', restart);
      return failurePage(400, 'Pennylane ended the authorization', `Pennylane answered ${error.oauthError}${error.description ? `: ${error.description}` : ''}.`, restart);
    }
    if (error instanceof OAuthGrantError) {
      return failurePage(400, 'The authorization code is no longer valid', 'It expired or was already used (codes last about a minute and work once). Start again.', restart);
    }
    if (error instanceof OAuthUnavailableError) return failurePage(502, 'Pennylane could not be reached', 'Its authorization server did not answer in time or failed. Start again in a moment.', restart);
    this.connections.options.logger.error({ err: (error as Error).message }, 'OAuth code exchange failed');
    return failurePage(502, 'Pennylane\'s answer could not be used', (error as Error).message, restart);
  }

  private cookie(key: string, value: string, maxAgeSeconds: number): string {
    const secure = new URL(this.connections.options.config.redirectUri).protocol === 'https:' ? '; Secure' : '';
    return `${cookieName(key)}=${value}; Path=/oauth/callback; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Pending authorizations are stored by a hash of their state. */
function stateKey(state: string): string {
  return sha256(`state:${state}`);
}

function cookieName(key: string): string {
  return `pgql_oauth_${key.slice(0, 16)}`;
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}
