import * as oauth from 'oauth4webapi';
import { isLoopback } from '../edge/edge-config.js';

/**
 * The gateway as an OAuth 2.0 client of Pennylane, on oauth4webapi: authorization code with
 * `state` and PKCE S256, the code exchange, refreshes and revocation. These calls go to the
 * authorization server, not the API: they spend no API budget, each has a timeout, and no
 * error built here holds a token (only OAuth error codes and bounded descriptions).
 */
export interface TokenSet {
  readonly accessToken: string;
  /** Absent from a refresh answer: the old refresh token stays (RFC 6749 §6). */
  readonly refreshToken: string | null;
  readonly expiresInSeconds: number | null;
  readonly scopes: readonly string[] | null;
}

export interface OAuthClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly serverUrl: string;
  readonly timeoutMs: number;
}

/** The authorization server answered no (`invalid_grant`): the grant is revoked or the refresh token is dead. */
export class OAuthGrantError extends Error {
  override readonly name = 'OAuthGrantError';
}

/** The authorization server could not be reached, timed out or failed (5xx): nothing is known, try later. */
export class OAuthUnavailableError extends Error {
  override readonly name = 'OAuthUnavailableError';
}

/** Any other refusal (a wrong client secret, a malformed answer): a configuration problem to report. */
export class OAuthProtocolError extends Error {
  override readonly name = 'OAuthProtocolError';
  constructor(
    message: string,
    readonly oauthError: string | null = null,
  ) {
    super(message);
  }
}

/** The user or Pennylane ended the authorization with an error on the redirect (`access_denied`…). */
export class OAuthAuthorizationError extends Error {
  override readonly name = 'OAuthAuthorizationError';
  constructor(
    readonly oauthError: string,
    readonly description: string | null,
  ) {
    super(`authorization ended with ${oauthError}`);
  }
}

/** Pennylane's metadata is fetched again at most this often, after a failure. */
const METADATA_RETRY_MS = 5 * 60_000;

export class PennylaneOAuthClient {
  private readonly client: oauth.Client;
  private readonly auth: oauth.ClientAuth;
  private readonly issuer: URL;
  private metadata: oauth.AuthorizationServer | null = null;
  private metadataTriedAt = 0;

  constructor(private readonly options: OAuthClientOptions) {
    this.client = { client_id: options.clientId };
    // API.md §1.2: client_id and client_secret are sent in the token request's body.
    this.auth = oauth.ClientSecretPost(options.clientSecret);
    this.issuer = new URL(options.serverUrl);
  }

  /** Where the browser goes to consent, with this authorization's state and PKCE challenge. */
  async authorizationUrl(request: { state: string; codeChallenge: string; scopes: readonly string[] }): Promise<URL> {
    const as = await this.server();
    const url = new URL(as.authorization_endpoint!);
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('redirect_uri', this.options.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', request.scopes.join(' '));
    url.searchParams.set('state', request.state);
    url.searchParams.set('code_challenge', request.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url;
  }

  /** The callback's parameters checked against the expected state, then the code exchanged (PKCE verifier). */
  async exchangeCode(callback: URL, expectedState: string, codeVerifier: string): Promise<TokenSet> {
    const as = await this.server();
    let params: URLSearchParams;
    try {
      params = oauth.validateAuthResponse(as, this.client, callback.searchParams, expectedState);
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError) throw new OAuthAuthorizationError(error.error, clean(error.error_description));
      throw new OAuthProtocolError(`the authorization answer is not valid: ${clean((error as Error).message) ?? 'unreadable'}`);
    }
    return this.tokenCall(async () => {
      const response = await oauth.authorizationCodeGrantRequest(as, this.client, this.auth, params, this.options.redirectUri, codeVerifier, this.http());
      return oauth.processAuthorizationCodeResponse(as, this.client, this.checked(response));
    });
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const as = await this.server();
    return this.tokenCall(async () => {
      const response = await oauth.refreshTokenGrantRequest(as, this.client, this.auth, refreshToken, this.http());
      return oauth.processRefreshTokenResponse(as, this.client, this.checked(response));
    });
  }

  /** RFC 7009: revoking a token the server no longer knows is a success too. */
  async revoke(token: string): Promise<void> {
    const as = await this.server();
    if (!as.revocation_endpoint) throw new OAuthProtocolError('the authorization server has no revocation endpoint');
    try {
      const response = await oauth.revocationRequest(as, this.client, this.auth, token, this.http());
      await oauth.processRevocationResponse(this.checked(response));
    } catch (error) {
      throw classify(error);
    }
  }

  /** The server's metadata (RFC 8414), or the endpoints API.md documents when it has none to give. */
  private async server(): Promise<oauth.AuthorizationServer> {
    if (this.metadata) return this.metadata;
    const fallback: oauth.AuthorizationServer = {
      issuer: this.issuer.href.replace(/\/$/, ''),
      authorization_endpoint: new URL('/oauth/authorize', this.issuer).href,
      token_endpoint: new URL('/oauth/token', this.issuer).href,
      revocation_endpoint: new URL('/oauth/revoke', this.issuer).href,
    };
    if (Date.now() - this.metadataTriedAt < METADATA_RETRY_MS) return fallback;
    this.metadataTriedAt = Date.now();
    try {
      const response = await oauth.discoveryRequest(this.issuer, { ...this.http(), algorithm: 'oauth2' });
      const found = await oauth.processDiscoveryResponse(this.issuer, response);
      // Metadata without the endpoints we need (Pennylane's lists its MCP surface) fills in from the documented ones.
      this.metadata = {
        ...fallback,
        ...found,
        authorization_endpoint: found.authorization_endpoint ?? fallback.authorization_endpoint,
        token_endpoint: found.token_endpoint ?? fallback.token_endpoint,
        revocation_endpoint: found.revocation_endpoint ?? fallback.revocation_endpoint,
      };
      return this.metadata;
    } catch {
      return fallback;
    }
  }

  private http(): { signal: () => AbortSignal; [oauth.allowInsecureRequests]?: boolean } {
    return {
      signal: () => AbortSignal.timeout(this.options.timeoutMs),
      // http:// only for a loopback server (the embedded simulator); config refuses it elsewhere.
      ...(this.issuer.protocol === 'http:' && isLoopback(this.issuer.hostname) ? { [oauth.allowInsecureRequests]: true } : {}),
    };
  }

  /** A 5xx says nothing about the grant: unavailable, never "revoked". */
  private checked(response: Response): Response {
    if (response.status >= 500) throw new OAuthUnavailableError(`the authorization server answered HTTP ${response.status}`);
    return response;
  }

  private async tokenCall(call: () => Promise<oauth.TokenEndpointResponse>): Promise<TokenSet> {
    let answer: oauth.TokenEndpointResponse;
    try {
      answer = await call();
    } catch (error) {
      throw classify(error);
    }
    return {
      accessToken: answer.access_token,
      refreshToken: typeof answer.refresh_token === 'string' ? answer.refresh_token : null,
      expiresInSeconds: typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : null,
      scopes: typeof answer.scope === 'string' ? answer.scope.split(' ').filter(Boolean) : null,
    };
  }
}

function classify(error: unknown): Error {
  if (error instanceof OAuthUnavailableError || error instanceof OAuthGrantError || error instanceof OAuthProtocolError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    if (error.error === 'invalid_grant') return new OAuthGrantError(clean(error.error_description) ?? 'invalid_grant');
    if (error.status >= 500 || error.error === 'temporarily_unavailable') return new OAuthUnavailableError(`the authorization server answered ${error.error}`);
    return new OAuthProtocolError(`the authorization server refused: ${error.error}${error.error_description ? ` (${clean(error.error_description)})` : ''}`, error.error);
  }
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError' || error instanceof TypeError) {
    return new OAuthUnavailableError(name === 'TimeoutError' ? 'the authorization server did not answer in time' : 'the authorization server could not be reached');
  }
  return new OAuthProtocolError(`the authorization server's answer is not usable: ${clean((error as Error).message) ?? 'unreadable'}`);
}

/** A server's text, as far as it may reach a page or a log: one line, bounded. */
function clean(text: string | undefined | null): string | null {
  if (!text) return null;
  return text.replace(/\s+/g, ' ').trim().slice(0, 300) || null;
}
