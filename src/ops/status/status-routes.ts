import { readFile } from 'node:fs/promises';
import type { StatusModel } from './status-model.js';

/**
 * The status page, served by the gateway itself (no CDN): `/status` and its two assets hold
 * no data and are public; every number comes from `/status/events`, a stream of server-sent
 * events that is authenticated like the rest of the edge (the page sends the operator's API
 * key or JWT from sessionStorage on that request: a plain page load cannot carry a header).
 */
export const STATUS_PATH = '/status';

const ASSETS: Readonly<Record<string, string>> = {
  'status.js': 'text/javascript; charset=utf-8',
  'status.css': 'text/css; charset=utf-8',
};

/** Nothing but our own files: no inline script, no other origin, never framed. */
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Open streams at once; more are answered 503 (each costs a reading of every budget per interval). */
export const MAX_STREAMS = 100;

const cache = new Map<string, Promise<string>>();

/** Read once from beside this module (src/ops/status/assets, or dist/ops/status/assets once built). */
function asset(name: string): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = readFile(new URL(`./assets/${name}`, import.meta.url), 'utf8');
    cache.set(name, text);
    text.catch(() => cache.delete(name));
  }
  return text;
}

export interface StatusRoutesOptions {
  readonly model: StatusModel;
  readonly intervalMs: number;
  /** Null when the request may read the status; else the refusal to answer. */
  readonly authorize: (request: Request) => Promise<Response | null>;
}

export class StatusRoutes {
  private readonly streams = new Set<() => void>();
  /** One reading per interval, shared by every open stream. */
  private latest: { readonly at: number; readonly text: Promise<string> } | null = null;

  constructor(private readonly options: StatusRoutesOptions) {}

  /** The answer to a request under `/status`, or null when the path is not one of ours. */
  async handle(request: Request, pathname: string): Promise<Response | null> {
    if (pathname !== STATUS_PATH && !pathname.startsWith(`${STATUS_PATH}/`)) return null;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    if (pathname === STATUS_PATH || pathname === `${STATUS_PATH}/`) {
      return new Response(await asset('status.html'), {
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_POLICY, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
      });
    }
    const name = pathname.slice(`${STATUS_PATH}/assets/`.length);
    if (pathname.startsWith(`${STATUS_PATH}/assets/`) && ASSETS[name]) {
      return new Response(await asset(name), { headers: { 'content-type': ASSETS[name]!, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } });
    }
    if (pathname === `${STATUS_PATH}/events`) {
      const refusal = await this.options.authorize(request);
      if (refusal) return refusal;
      if (this.streams.size >= MAX_STREAMS) {
        return new Response(`Too many status streams are open (${MAX_STREAMS}); retry shortly.`, { status: 503, headers: { 'retry-after': '5' } });
      }
      return this.events(request);
    }
    if (pathname === `${STATUS_PATH}/snapshot`) {
      return (await this.options.authorize(request)) ?? Response.json(await this.options.model.snapshot(), { headers: { 'cache-control': 'no-store' } });
    }
    return new Response('Not Found', { status: 404 });
  }

  private reading(): Promise<string> {
    const now = Date.now();
    if (!this.latest || now - this.latest.at >= this.options.intervalMs / 2) {
      const text = this.options.model.snapshot().then((snapshot) => JSON.stringify(snapshot));
      text.catch(() => (this.latest = null));
      this.latest = { at: now, text };
    }
    return this.latest.text;
  }

  /** Ends every open stream (the gateway drains: open streams would hold its HTTP server open). */
  closeAll(): void {
    for (const end of [...this.streams]) end();
  }

  private events(request: Request): Response {
    const encoder = new TextEncoder();
    const { intervalMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    let end = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        let open = true;
        end = () => {
          if (!open) return;
          open = false;
          clearTimeout(timer);
          this.streams.delete(end);
          request.signal?.removeEventListener('abort', end);
          try {
            controller.close();
          } catch {
            // already closed by the reader
          }
        };
        this.streams.add(end);
        request.signal?.addEventListener('abort', end, { once: true });
        const push = async () => {
          if (!open) return;
          try {
            const text = await this.reading();
            if (open) controller.enqueue(encoder.encode(`event: status\ndata: ${text}\n\n`));
          } catch {
            // a snapshot that failed is skipped; the next interval tries again
          }
          if (open) timer = setTimeout(() => void push(), intervalMs);
        };
        controller.enqueue(encoder.encode(`retry: 2000\n\n`));
        void push();
      },
      cancel: () => end(),
    });
    return new Response(stream, {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' },
    });
  }
}
