/**
 * The node:http server: routing, auth, scopes, rate limiting, faults, common
 * headers and the request log, in the order Pennylane applies them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleControl } from './control-http.js';
import { ApiError, INVALID_TOKEN_BODY, NOT_FOUND_BODY, badRequest, bodyForStatus, forbidden, rateLimitText } from './errors.js';
import { familyOf, type Family } from './families.js';
import { serveFile } from './files.js';
import { corruptBody, type Fault } from './faults.js';
import type { WindowState } from './rate-window.js';
import { hashToken } from './request-log.js';
import { API_PREFIX, type RouteMatch } from './router.js';
import { externalReferenceOf, isMultipart, parseMultipart } from './body.js';
import { hasScope, requiredScope, type UploadForm } from './routes/types.js';
import type { SimulatorState } from './state.js';
import { nowMs } from './time.js';
import { handleOAuth, isOAuthPath } from './oauth/oauth-http.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Room for the multipart framing around an upload of the maximum size. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

interface Outcome {
  status: number;
  body?: unknown;
  text?: string;
  /** Content type of `text` (default text/plain). */
  contentType?: string;
  headers: Record<string, string>;
  rate: WindowState | null;
  counted: boolean;
  throttled: boolean;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bearer(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1] ?? '';
}

function rateHeaders(state: WindowState | null): Record<string, string> {
  if (!state) return {};
  return { 'ratelimit-limit': String(state.limit), 'ratelimit-remaining': String(state.remaining), 'ratelimit-reset': String(state.reset) };
}

function throttledOutcome(retryAfter: number, state: WindowState): Outcome {
  return {
    status: 429,
    text: rateLimitText(retryAfter),
    headers: { 'retry-after': String(retryAfter) },
    rate: { ...state, remaining: 0 },
    counted: false,
    throttled: false,
  };
}

function render(o: Outcome, padTo = 0): { headers: Record<string, string>; payload: Buffer } {
  const headers: Record<string, string> = { 'Api-Version-Expires-At': '', ...rateHeaders(o.rate), ...o.headers };
  let payload = '';
  if (o.text !== undefined) {
    headers['content-type'] = o.contentType ?? 'text/plain; charset=utf-8';
    payload = o.text;
  } else if (o.body !== undefined && o.status !== 204) {
    headers['content-type'] = 'application/json; charset=utf-8';
    payload = JSON.stringify(o.body);
  }
  const bytes = Buffer.byteLength(payload);
  const body = Buffer.from(bytes < padTo ? payload + ' '.repeat(padTo - bytes) : payload);
  headers['content-length'] = String(body.length);
  return { headers, payload: body };
}

function write(res: ServerResponse, o: Outcome, padTo = 0): void {
  if (res.destroyed || res.writableEnded) return;
  const { headers, payload } = render(o, padTo);
  res.writeHead(o.status, headers);
  res.end(payload);
}

/** Answers nothing for `ms`, or until the client leaves. */
function hold(state: SimulatorState, res: ServerResponse, ms: number): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return Promise.race([state.sleeper.sleep(ms), new Promise<void>((resolve) => res.once('close', () => resolve()))]);
}

/** The status and headers at once, then the body `rate` bytes a second, until done or the client leaves. */
async function trickle(state: SimulatorState, res: ServerResponse, o: Outcome, rate: number, padTo = 0): Promise<void> {
  if (res.destroyed || res.writableEnded) return;
  const { headers, payload } = render(o, padTo);
  res.writeHead(o.status, headers);
  res.flushHeaders();
  for (let offset = 0; offset < payload.length; offset += rate) {
    if (res.destroyed || state.closing) return;
    res.write(payload.subarray(offset, offset + rate));
    await state.sleeper.sleep(1_000);
  }
  if (!res.destroyed) res.end();
}

function faultOutcome(state: SimulatorState, fault: Fault, match: RouteMatch | undefined, tokenHash: string, family: Family | null, now: number): Outcome {
  const status = fault.status ?? 200;
  const rate = state.limiter.peek(tokenHash, family, now);
  if (fault.body !== undefined) {
    const base = { status, headers: {}, rate, counted: false, throttled: false };
    return typeof fault.body === 'string' ? { ...base, text: fault.body, contentType: fault.contentType ?? 'text/html; charset=utf-8' } : { ...base, body: fault.body };
  }
  if (status === 429) {
    const retryAfter = Math.max(1, Math.ceil(fault.retryAfter ?? 1));
    const limit = rate?.limit ?? 25;
    return throttledOutcome(retryAfter, { limit, remaining: 0, reset: Math.ceil(now / 1000) + retryAfter });
  }
  const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(Math.ceil(fault.retryAfter)) } : {};
  const scope = match ? (requiredScope(match.route) ?? undefined) : undefined;
  return { status, body: status === 204 ? undefined : bodyForStatus(status, scope), headers, rate, counted: false, throttled: false };
}

interface ApiRequest {
  readonly method: string;
  readonly match: RouteMatch | undefined;
  readonly query: Record<string, string>;
  readonly raw: Buffer;
  readonly contentType: string;
  readonly token: string;
  readonly family: Family | null;
  readonly now: number;
  readonly exportError: boolean;
}

/** Auth → rate limit → route → scope → body → handler. */
async function processApiRequest(state: SimulatorState, r: ApiRequest): Promise<Outcome> {
  const { method, match, query, raw, token, family, now, exportError } = r;
  const tokenHash = hashToken(token);
  const record = state.tokens.lookup(token);
  if (!record) {
    // Unknown tokens have no budget: not counted, never throttled.
    return { status: 401, body: { ...INVALID_TOKEN_BODY }, headers: {}, rate: state.limiter.peek(tokenHash, family, now), counted: false, throttled: false };
  }
  const verdict = state.limiter.check(tokenHash, family, now);
  if (verdict && !verdict.accepted) {
    return { ...throttledOutcome(verdict.retryAfter, verdict.state), throttled: true };
  }
  const base = { headers: {}, rate: verdict?.state ?? null, counted: verdict !== null, throttled: false };
  const company = state.companies.get(record.company);
  if (!match || !company) return { ...base, status: 404, body: { ...NOT_FOUND_BODY } };
  try {
    if (!hasScope(match.route, record.scopes)) throw forbidden(requiredScope(match.route) ?? '');
    let body: unknown;
    let upload: UploadForm | undefined;
    if (raw.length > 0 && method !== 'GET') {
      if (isMultipart(r.contentType)) upload = await parseMultipart(raw, r.contentType);
      else {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw badRequest('Request body is not valid JSON');
        }
      }
    }
    const res = match.route.handler({
      company, links: state.links, params: match.params, query, body, scopes: record.scopes, settings: state.settings, outbox: state.outbox,
      ...(upload ? { upload } : {}), ...(exportError ? { exportError } : {}),
    });
    return { ...base, status: res.status, body: res.body, headers: { ...(res.headers ?? {}) } };
  } catch (err) {
    if (err instanceof ApiError) return { ...base, status: err.status, body: err.body };
    console.error('[sandbox] handler error', err);
    return { ...base, status: 500, body: bodyForStatus(500) };
  }
}

async function handle(state: SimulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const pathname = url.pathname;
  if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/')) return handleControl(state, req, res, url);
  if (isOAuthPath(pathname)) return handleOAuth(state, req, res, url);
  const method = (req.method ?? 'GET').toUpperCase();
  if (pathname.startsWith('/__files/') && method === 'GET') {
    const file = serveFile(state, pathname);
    res.writeHead(file.status, { 'content-type': file.contentType, 'content-length': String(Buffer.byteLength(file.body)) });
    res.end(file.body);
    return;
  }
  const contentType = req.headers['content-type'] ?? '';
  const raw = await readBody(req, isMultipart(contentType) ? state.settings.maxUploadBytes + MULTIPART_OVERHEAD_BYTES : MAX_BODY_BYTES);
  const inApi = pathname.startsWith(`${API_PREFIX}/`);
  const path = inApi ? pathname.slice(API_PREFIX.length) : pathname;
  const match = inApi ? state.router.match(method, path) : undefined;
  const route = match?.template ?? `${method} <unmatched>`;
  const query = Object.fromEntries(url.searchParams.entries());
  let filter: unknown;
  if (query['filter'] !== undefined) {
    try {
      filter = JSON.parse(query['filter']);
    } catch {
      filter = undefined;
    }
  }
  const family = inApi ? familyOf(path) : null;
  const token = bearer(req.headers.authorization);
  const tokenHash = hashToken(token);
  const taken = state.faults.take({ method, route, path });
  const fault = taken?.fault;
  const latency = state.latencyMs + (fault?.latencyMs ?? 0);
  if (latency > 0) await state.sleeper.sleep(latency);
  if (state.closing) {
    res.destroy();
    return;
  }
  const now = nowMs();
  const externalReference = externalReferenceOf(raw, contentType);
  const log = (status: number, counted: boolean, throttled: boolean) =>
    state.log.append({
      at: now, method, path, route, query, ...(filter !== undefined ? { filter } : {}), status, family, tokenHash,
      counted, throttled, fault: taken?.id ?? null, ...(externalReference !== undefined ? { externalReference } : {}),
    });
  if (fault?.reset === 'before') {
    log(0, false, false);
    req.socket.destroy();
    return;
  }
  const hangBefore = fault?.hangMs !== undefined && fault.hang !== 'after';
  if (hangBefore) {
    await hold(state, res, fault.hangMs!);
    if (res.destroyed || req.socket.destroyed || state.closing) {
      // The client gave up while the request hung: it was never processed.
      log(0, false, false);
      return;
    }
  }
  let outcome: Outcome;
  if (raw === null) outcome = { status: 413, body: bodyForStatus(413), headers: {}, rate: null, counted: false, throttled: false };
  else if (fault?.status !== undefined || fault?.body !== undefined) outcome = faultOutcome(state, fault, match, tokenHash, family, now);
  else outcome = await processApiRequest(state, { method, match, query, raw, contentType, token, family, now, exportError: fault?.exportError === true });
  if (fault?.reset === 'after') {
    log(0, outcome.counted, outcome.throttled);
    req.socket.destroy();
    return;
  }
  if (fault?.corrupt && outcome.status < 300) outcome = { ...outcome, body: corruptBody(outcome.body, fault.corrupt) };
  log(outcome.status, outcome.counted, outcome.throttled);
  // Processed (writes applied), then nothing answered for a while.
  if (fault?.hangMs !== undefined && !hangBefore) await hold(state, res, fault.hangMs);
  if (fault?.trickleBytesPerSecond !== undefined) await trickle(state, res, outcome, fault.trickleBytesPerSecond, fault.bodyBytes);
  else write(res, outcome, fault?.bodyBytes);
}

export interface ApiServer {
  readonly server: Server;
  /** Stop accepting connections and destroy every open socket. */
  close(): Promise<void>;
}

export function createApiServer(state: SimulatorState): ApiServer {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      console.error('[sandbox] request failed', err);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'Api-Version-Expires-At': '' });
        res.end(JSON.stringify(bodyForStatus(500)));
      }
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      state.closing = true;
      state.sleeper.cancelAll();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
    });
  return { server, close };
}
