/**
 * The simulator as Pennylane's OAuth 2.0 authorization server (API.md §1.2): registered apps,
 * authorization codes bound to PKCE S256, expiring access tokens, rotating refresh tokens.
 * Access tokens it issues are ordinary simulator tokens (TokenRegistry), so the API serves
 * them like any other, for the one company the user chose on the consent page.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TokenRegistry } from '../tokens.js';
import { ALL_SCOPES } from '../tokens.js';
import { nowMs } from '../time.js';

export interface OAuthClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Exact redirect URIs this app registered (no prefix matching, as RFC 6749 §3.1.2 wants). */
  readonly redirectUris: readonly string[];
  /** Shown on the consent page. */
  readonly name?: string;
}

export interface OAuthSettings {
  /** Lifetime of the access tokens it issues (`expires_in`), default 3600 s. */
  accessTokenTtlSeconds: number;
  /** Lifetime of an authorization code, default 60 s. */
  codeTtlSeconds: number;
}

export const OAUTH_DEFAULTS: Readonly<OAuthSettings> = { accessTokenTtlSeconds: 3600, codeTtlSeconds: 60 };

interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string | null;
  readonly company: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  used: boolean;
  /** The grant this code produced, revoked if the code is replayed (RFC 6749 §4.1.2). */
  grantId: string | null;
}

export interface GrantInfo {
  readonly id: string;
  readonly clientId: string;
  readonly company: string;
  readonly scopes: readonly string[];
  readonly revoked: boolean;
  /** Successful refreshes so far. */
  readonly refreshes: number;
  /** Token endpoint answers of this grant that were `invalid_grant` (reused or revoked refresh tokens). */
  readonly refusedRefreshes: number;
}

interface Grant {
  readonly id: string;
  readonly clientId: string;
  readonly company: string;
  readonly scopes: readonly string[];
  accessToken: string;
  refreshToken: string;
  revoked: boolean;
  refreshes: number;
  refusedRefreshes: number;
}

export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const oauthError = (status: number, error: string, description: string): TokenAnswer => ({
  status,
  body: { error, error_description: description },
});

const secret = (bytes = 24) => randomBytes(bytes).toString('base64url');

function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export class AuthorizationServer {
  private readonly clients = new Map<string, OAuthClientOptions>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants = new Map<string, Grant>();
  /** Every refresh token ever issued → its grant; only the grant's current one works. */
  private readonly refreshTokens = new Map<string, string>();
  readonly settings: OAuthSettings;

  constructor(
    private readonly tokens: TokenRegistry,
    private readonly defaults: OAuthSettings,
    startClients: readonly OAuthClientOptions[],
  ) {
    this.settings = { ...defaults };
    for (const client of startClients) this.registerClient(client);
  }

  registerClient(client: OAuthClientOptions): void {
    if (!client.clientId || !client.clientSecret) throw new Error('an OAuth client needs a clientId and a clientSecret');
    for (const uri of client.redirectUris) new URL(uri); // throws on a malformed URI
    this.clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
  }

  client(clientId: string): OAuthClientOptions | undefined {
    return this.clients.get(clientId);
  }

  /** Grants back to none, settings back to the start (registered apps are kept: they are configuration). */
  reset(): void {
    this.codes.clear();
    this.grants.clear();
    this.refreshTokens.clear();
    Object.assign(this.settings, this.defaults);
  }

  /** The consent page approved `company`: a single-use code for the app's redirect. */
  issueCode(request: { clientId: string; redirectUri: string; codeChallenge: string | null; company: string; scopes: readonly string[] }): string {
    const code = secret();
    this.codes.set(code, { ...request, expiresAt: nowMs() + this.settings.codeTtlSeconds * 1_000, used: false, grantId: null });
    return code;
  }

  /** The token endpoint: `authorization_code` and `refresh_token` grants, form fields as sent. */
  token(form: URLSearchParams, basicAuth: { id: string; secret: string } | null): TokenAnswer {
    const clientId = basicAuth?.id ?? form.get('client_id') ?? '';
    const clientSecret = basicAuth?.secret ?? form.get('client_secret') ?? '';
    const client = this.clients.get(clientId);
    if (!client || !sameSecret(client.clientSecret, clientSecret)) return oauthError(401, 'invalid_client', 'Unknown client or wrong client secret.');
    switch (form.get('grant_type')) {
      case 'authorization_code':
        return this.exchangeCode(client, form);
      case 'refresh_token':
        return this.refresh(client, form.get('refresh_token') ?? '');
      default:
        return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
    }
  }

  /** RFC 7009: revoking either token of a grant ends the grant; unknown tokens are not an error. */
  revoke(form: URLSearchParams, basicAuth: { id: string; secret: string } | null): TokenAnswer {
    const clientId = basicAuth?.id ?? form.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    if (!client || !sameSecret(client.clientSecret, basicAuth?.secret ?? form.get('client_secret') ?? '')) {
      return oauthError(401, 'invalid_client', 'Unknown client or wrong client secret.');
    }
    const token = form.get('token') ?? '';
    const grant = [...this.grants.values()].find(
      (g) => g.clientId === client.clientId && (g.accessToken === token || this.refreshTokens.get(token) === g.id),
    );
    if (grant) this.endGrant(grant);
    return { status: 200, body: {} };
  }

  /** What a user does in Pennylane's settings: withdraw every app's access to a company (or all). */
  revokeGrants(company?: string): number {
    let revoked = 0;
    for (const grant of this.grants.values()) {
      if (grant.revoked || (company !== undefined && grant.company !== company)) continue;
      this.endGrant(grant);
      revoked += 1;
    }
    return revoked;
  }

  /** Make the current access tokens expire now (of one company, or all): the next API call answers 401. */
  expireAccessTokens(company?: string): number {
    let expired = 0;
    for (const grant of this.grants.values()) {
      if (grant.revoked || (company !== undefined && grant.company !== company)) continue;
      if (this.tokens.remove(grant.accessToken)) expired += 1;
    }
    return expired;
  }

  listGrants(): GrantInfo[] {
    return [...this.grants.values()].map((g) => ({
      id: g.id,
      clientId: g.clientId,
      company: g.company,
      scopes: [...g.scopes],
      revoked: g.revoked,
      refreshes: g.refreshes,
      refusedRefreshes: g.refusedRefreshes,
    }));
  }

  /** Scopes a request may ask for: the 2026 ones, and `x:readonly` for every `x:all` (the dead `ledger` grants nothing here either). */
  static grantable(requested: readonly string[]): { granted: string[]; unknown: string[] } {
    const known = new Set(ALL_SCOPES);
    const grantable = (scope: string) => known.has(scope) || (scope.endsWith(':readonly') && known.has(`${scope.slice(0, -':readonly'.length)}:all`));
    return { granted: requested.filter(grantable), unknown: requested.filter((s) => !grantable(s)) };
  }

  private exchangeCode(client: OAuthClientOptions, form: URLSearchParams): TokenAnswer {
    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'Unknown authorization code.');
    if (code.used) {
      // A replayed code may be stolen: the grant it produced ends too.
      const grant = code.grantId ? this.grants.get(code.grantId) : undefined;
      if (grant) this.endGrant(grant);
      return oauthError(400, 'invalid_grant', 'This authorization code was already used.');
    }
    code.used = true;
    if (nowMs() > code.expiresAt) return oauthError(400, 'invalid_grant', 'This authorization code has expired.');
    if ((form.get('redirect_uri') ?? '') !== code.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request.');
    if (code.codeChallenge !== null) {
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (verifier === '' || challenge !== code.codeChallenge) return oauthError(400, 'invalid_grant', 'PKCE verification failed (code_verifier).');
    }
    const grant: Grant = {
      id: `grant_${secret(9)}`,
      clientId: client.clientId,
      company: code.company,
      scopes: [...code.scopes],
      accessToken: '',
      refreshToken: '',
      revoked: false,
      refreshes: 0,
      refusedRefreshes: 0,
    };
    this.grants.set(grant.id, grant);
    code.grantId = grant.id;
    return this.issuePair(grant);
  }

  private refresh(client: OAuthClientOptions, refreshToken: string): TokenAnswer {
    const grant = this.grants.get(this.refreshTokens.get(refreshToken) ?? '');
    if (!grant || grant.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'Unknown refresh token.');
    if (grant.revoked || grant.refreshToken !== refreshToken) {
      // Rotation: a refresh token works once. The grant itself lives on with its newest pair.
      grant.refusedRefreshes += 1;
      return oauthError(400, 'invalid_grant', grant.revoked ? 'The grant was revoked.' : 'This refresh token was already used.');
    }
    this.tokens.remove(grant.accessToken); // the old pair stops working
    grant.refreshes += 1;
    return this.issuePair(grant);
  }

  private issuePair(grant: Grant): TokenAnswer {
    grant.accessToken = `oat_${secret()}`;
    grant.refreshToken = `ort_${secret()}`;
    this.refreshTokens.set(grant.refreshToken, grant.id);
    const ttl = this.settings.accessTokenTtlSeconds;
    this.tokens.set(grant.accessToken, { scopes: [...grant.scopes], company: grant.company, expiresAt: nowMs() + ttl * 1_000 });
    return {
      status: 200,
      body: {
        access_token: grant.accessToken,
        token_type: 'Bearer',
        expires_in: ttl,
        refresh_token: grant.refreshToken,
        scope: grant.scopes.join(' '),
      },
    };
  }

  private endGrant(grant: Grant): void {
    grant.revoked = true;
    this.tokens.remove(grant.accessToken);
  }
}
