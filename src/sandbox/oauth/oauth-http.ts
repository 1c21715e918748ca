/**
 * The authorization server's HTTP surface: metadata, the consent page, token and revoke
 * endpoints (RFC 8414, 6749, 7636, 7009), in the simulator's process beside the API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nowMs } from '../time.js';
import type { SimulatorState } from '../state.js';
import { ALL_SCOPES } from '../tokens.js';
import { AuthorizationServer, type OAuthClientOptions } from './authorization-server.js';
import { consentPage, errorPage } from './consent-page.js';

export const METADATA_PATH = '/.well-known/oauth-authorization-server';

/** Whether a path belongs to the authorization server rather than the API. */
export function isOAuthPath(pathname: string): boolean {
  return pathname === METADATA_PATH || pathname.startsWith('/oauth/');
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return new URLSearchParams();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function basicAuth(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: both parts are form-urlencoded inside the header.
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function send(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
const html = (res: ServerResponse, status: number, body: string) => send(res, status, body, 'text/html; charset=utf-8');

function redirect(res: ServerResponse, target: URL): void {
  res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store', 'content-length': '0' });
  res.end();
}

export function metadata(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    revocation_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    authorization_response_iss_parameter_supported: true,
    scopes_supported: [...ALL_SCOPES],
  };
}

/** What an authorization request asks, checked in RFC 6749's order. */
type Checked =
  | { readonly kind: 'page'; readonly status: number; readonly message: string }
  | { readonly kind: 'redirect'; readonly target: URL }
  | { readonly kind: 'ok'; readonly client: OAuthClientOptions; readonly params: URLSearchParams; readonly scopes: string[] };

function checkAuthorizationRequest(state: SimulatorState, params: URLSearchParams): Checked {
  const client = state.oauth.client(params.get('client_id') ?? '');
  if (!client) return { kind: 'page', status: 400, message: 'Unknown client_id: this application is not registered with Pennylane.' };
  const redirectUri = params.get('redirect_uri') ?? '';
  // An unregistered redirect URI gets a page, never a redirect (it could be an attacker's).
  if (!client.redirectUris.includes(redirectUri)) {
    return { kind: 'page', status: 400, message: 'redirect_uri is not one this application registered.' };
  }
  const back = (error: string, description: string): Checked => {
    const target = new URL(redirectUri);
    target.searchParams.set('error', error);
    target.searchParams.set('error_description', description);
    if (params.has('state')) target.searchParams.set('state', params.get('state')!);
    target.searchParams.set('iss', state.links.origin);
    return { kind: 'redirect', target };
  };
  if (params.get('response_type') !== 'code') return back('unsupported_response_type', 'response_type must be code.');
  if (!params.get('code_challenge')) return back('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
  if ((params.get('code_challenge_method') ?? 'plain') !== 'S256') return back('invalid_request', 'code_challenge_method must be S256.');
  const requested = (params.get('scope') ?? '').split(' ').filter(Boolean);
  const { granted, unknown } = AuthorizationServer.grantable(requested);
  if (unknown.length > 0) return back('invalid_scope', `Unknown scopes: ${unknown.join(' ')}.`);
  // No scope asked: every scope the app may have (a choice: Pennylane's default is not documented).
  return { kind: 'ok', client, params, scopes: requested.length === 0 ? [...ALL_SCOPES] : granted };
}

/** An authorization request that cannot go on: a page (bad client or redirect URI), else back to the app with the error. */
function refuseAuthorization(res: ServerResponse, checked: Exclude<Checked, { kind: 'ok' }>, log: (status: number) => void): void {
  if (checked.kind === 'page') {
    log(checked.status);
    return html(res, checked.status, errorPage(checked.message));
  }
  log(302);
  return redirect(res, checked.target);
}

export async function handleOAuth(state: SimulatorState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const route = `${method} ${url.pathname}`;
  const taken = state.faults.take({ method, route, path: url.pathname });
  const fault = taken?.fault;
  if (fault?.latencyMs) await state.sleeper.sleep(fault.latencyMs);
  if (state.closing || fault?.reset === 'before') {
    req.socket.destroy();
    return;
  }
  const form = method === 'POST' ? await readForm(req) : new URLSearchParams();
  const log = (status: number) =>
    state.log.append({
      at: nowMs(), method, path: url.pathname, route, query: form.has('grant_type') ? { grant_type: form.get('grant_type')! } : {}, status, family: null,
      tokenHash: '', counted: false, throttled: false, fault: taken?.id ?? null,
    });
  if (fault?.status !== undefined) {
    log(fault.status);
    return json(res, fault.status, { error: 'temporarily_unavailable', error_description: 'Injected fault.' });
  }
  switch (route) {
    case `GET ${METADATA_PATH}`:
      log(200);
      return json(res, 200, metadata(state.links.origin));
    case 'GET /oauth/authorize': {
      const checked = checkAuthorizationRequest(state, url.searchParams);
      if (checked.kind !== 'ok') return refuseAuthorization(res, checked, log);
      log(200);
      const companies = state.companies.keys().map((key) => ({ key, name: state.companies.get(key)!.info.name }));
      return html(res, 200, consentPage({ appName: checked.client.name ?? checked.client.clientId, scopes: checked.scopes, params: checked.params, companies }));
    }
    case 'POST /oauth/authorize': {
      const checked = checkAuthorizationRequest(state, form);
      if (checked.kind !== 'ok') return refuseAuthorization(res, checked, log);
      const target = new URL(form.get('redirect_uri')!);
      const company = form.get('company');
      if (form.get('decision') === 'deny' || company === null) {
        target.searchParams.set('error', 'access_denied');
        target.searchParams.set('error_description', 'The user denied access.');
      } else if (!state.companies.get(company)) {
        log(400);
        return html(res, 400, errorPage(`Unknown company "${company}".`));
      } else {
        const code = state.oauth.issueCode({
          clientId: checked.client.clientId,
          redirectUri: form.get('redirect_uri')!,
          codeChallenge: form.get('code_challenge'),
          company,
          scopes: checked.scopes,
        });
        target.searchParams.set('code', code);
      }
      if (form.has('state')) target.searchParams.set('state', form.get('state')!);
      target.searchParams.set('iss', state.links.origin);
      log(302);
      return redirect(res, target);
    }
    case 'POST /oauth/token': {
      const answer = state.oauth.token(form, basicAuth(req.headers.authorization));
      log(answer.status);
      return json(res, answer.status, answer.body);
    }
    case 'POST /oauth/revoke': {
      const answer = state.oauth.revoke(form, basicAuth(req.headers.authorization));
      log(answer.status);
      return json(res, answer.status, answer.body);
    }
    default:
      log(404);
      return json(res, 404, { error: 'Not Found', status: 404 });
  }
}
