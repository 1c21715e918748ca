import { FormData as UndiciFormData, Pool } from 'undici';
import { UpstreamBodyTooLargeError, UpstreamTransportError, type TransportFailure } from './upstream-errors.js';
import { settledBy } from '../../state/closing.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface UpstreamRequest {
  readonly method: HttpMethod;
  /** Path relative to the API base, query included, e.g. `/customers?limit=20`. */
  readonly path: string;
  /** Full `Authorization` header value; only ever placed on the wire. */
  readonly authorization: string;
  readonly json?: unknown;
  /** A multipart body (file uploads); undici sets the boundary. */
  readonly form?: FormData;
  /**
   * Epoch ms by which the whole exchange — connect, headers, every byte of the body — must be
   * over (the operation's deadline); past it the request is aborted as a timeout.
   */
  readonly deadline?: number;
  /** Aborts the request (nobody waits for the answer any more). */
  readonly signal?: AbortSignal;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the body is JSON, the raw text otherwise (429s are text/plain). */
  readonly body: unknown;
  /** Body length in bytes, used to size cache entries. */
  readonly bytes: number;
}

export interface PennylaneHttpOptions {
  readonly baseUrl: string;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** Longest time to receive the whole body once the headers arrived (not per chunk). */
  readonly bodyTimeoutMs: number;
  readonly connections: number;
  /** Largest response body accepted; protects memory from a runaway upstream (default 50 MiB). */
  readonly maxBodyBytes?: number;
}

/** Why an attempt was cut short by the gateway itself. */
const DEADLINE = Symbol('deadline');
const BODY_TIMEOUT = Symbol('body timeout');

/**
 * The HTTP door to Pennylane: one keep-alive undici Pool per origin, hard timeouts, and
 * errors that carry the failure kind but never the token. It does not retry: retries spend
 * rate budget, so only the scheduler decides them.
 */
export class PennylaneHttp {
  private readonly pools = new Map<string, Pool>();
  private readonly base: URL;

  constructor(private readonly options: PennylaneHttpOptions) {
    this.base = new URL(options.baseUrl);
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const pool = this.poolFor(this.base.origin);
    const headers: Record<string, string> = {
      authorization: req.authorization,
      accept: 'application/json',
      'x-use-2026-api-changes': 'true',
      'user-agent': 'pennylane-graphql',
    };
    let body: string | UndiciFormData | undefined;
    if (req.form) {
      body = toUndiciForm(req.form);
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    const maxBytes = this.options.maxBodyBytes ?? 50 * 1024 * 1024;
    const path = req.path.split('?')[0] ?? req.path;
    // One controller ends the attempt for every reason: the operation's deadline (a total
    // for connect, headers and body), the body timeout, or the caller giving up.
    const controller = new AbortController();
    const cut = (reason: symbol) => controller.abort(reason);
    const timers: NodeJS.Timeout[] = [];
    const at = (when: number, reason: symbol) => timers.push(setTimeout(() => cut(reason), Math.max(0, when - Date.now())));
    if (req.deadline !== undefined) at(req.deadline, DEADLINE);
    const onCallerAbort = () => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onCallerAbort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await pool.request({
        method: req.method,
        path: this.base.pathname.replace(/\/$/, '') + req.path,
        headers,
        body,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
        signal: controller.signal,
      });
      at(Date.now() + this.options.bodyTimeoutMs, BODY_TIMEOUT);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        throw new UpstreamBodyTooLargeError(req.method, path, maxBytes);
      }
      const text = await readText(res.body, maxBytes, () => new UpstreamBodyTooLargeError(req.method, path, maxBytes));
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const isJson = (flat['content-type'] ?? '').includes('json');
      let parsed: unknown = text;
      if (isJson && text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      return { status: res.statusCode, headers: flat, body: parsed, bytes: Buffer.byteLength(text) };
    } catch (error) {
      if (error instanceof UpstreamBodyTooLargeError) throw error;
      const reason: unknown = controller.signal.reason;
      const [failure, maybeSent] = reason === DEADLINE || reason === BODY_TIMEOUT ? (['timeout', true] as const) : classify(error);
      throw new UpstreamTransportError(failure, req.method, path, maybeSent, error);
    } finally {
      for (const timer of timers) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Lets calls in flight finish until `deadline` (epoch ms), then cuts off what is left: whether none was. */
  async close(deadline = Infinity): Promise<boolean> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    const finished = await settledBy(Promise.all(pools.map((pool) => pool.close())), deadline);
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => undefined)));
    return finished;
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections,
        connectTimeout: this.options.connectTimeoutMs,
        keepAliveTimeout: 4_000,
        pipelining: 1,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

async function readText(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether a failed request may have reached Pennylane decides if a write can be retried. */
function classify(error: unknown): [TransportFailure, boolean] {
  const code = (error as { code?: string } | null)?.code ?? '';
  if (NOT_SENT_CODES.has(code)) return ['connect', false];
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return ['timeout', true];
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') return ['reset', true];
  return ['other', true];
}

/** The platform FormData (from a GraphQL upload) as undici's, which its `request()` can send. */
function toUndiciForm(form: FormData): UndiciFormData {
  const copy = new UndiciFormData();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') copy.append(name, value);
    else copy.append(name, value, value.name);
  }
  return copy;
}
