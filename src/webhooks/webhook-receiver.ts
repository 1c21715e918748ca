import { LRUCache } from 'lru-cache';
import type { WebhookObserver, WebhookRefusal } from '../datasources/observers.js';
import type { ChangeHub } from '../live/change-hub.js';
import type { Logger } from '../logger.js';
import type { InvalidationBus } from '../state/invalidation-bus.js';
import { SecretBoxError, type SecretBox } from '../connections/secret-box.js';
import { hookContext, type WebhookHook, type WebhookHookStore } from './hook-store.js';
import { signatureMatches, signedHeadersOf } from './signature.js';
import type { WebhookConfig } from './webhook-config.js';
import { WEBHOOK_PATH } from './webhook-config.js';
import { effectsOf, KNOWN_EVENTS } from './webhook-events.js';

export interface WebhookReceiverDeps {
  readonly config: WebhookConfig;
  readonly store: WebhookHookStore;
  readonly box: SecretBox;
  readonly invalidations: InvalidationBus;
  readonly hub: ChangeHub;
  readonly logger: Logger;
  readonly observer: WebhookObserver | undefined;
}

const HOOK_ID = /^wh_[A-Za-z0-9_-]{22}$/;
/**
 * How long a webhook id is remembered: past the tolerance a replay is stale anyway, but the
 * sender's own retries (same id, fresh timestamp) may come hours later. Only verified
 * webhooks are remembered, so nobody else can fill this.
 */
const SEEN_FOR_MS = 24 * 3_600_000;
/**
 * Hook ids the store did not know, remembered briefly so a flood on one made-up id costs one
 * store read, not one per request. Short: a hook registered on another replica just after a
 * probe of its (unguessable, never before seen) id is refused at most this long, and Pennylane
 * retries.
 */
const UNKNOWN_FOR_MS = 60_000;
const UNKNOWN_REMEMBERED = 10_000;

/**
 * `POST /webhooks/pennylane/<hook id>`, the only thing served under that path. In order, each
 * refusal before anything is processed: POST only (405), JSON only (415), the three signature
 * headers (401), a timestamp within the tolerance (401), a declared length within the limit
 * (413), a hook this gateway registered (401, its body never read), the body within its limit
 * as it streams (413, read no further) and its read deadline (408), the hook's secret opening
 * and its signature over the exact bytes received (401, constant-time), a JSON object (400), a
 * webhook id not seen before (200, not processed again: a retry of one whose answer was lost
 * must not fail, or Pennylane would keep sending it). Then it drops the record from every
 * replica's cache and tells the subscribers, and only then answers 200; when that fails the id
 * is forgotten and the answer is 503, so Pennylane's retry is processed. 401s all say the
 * same, so a prober learns nothing about which hooks exist.
 */
export class WebhookReceiver {
  private readonly pending = new Set<Promise<void>>();
  private readonly unknown = new LRUCache<string, true>({ max: UNKNOWN_REMEMBERED, ttl: UNKNOWN_FOR_MS });

  constructor(private readonly deps: WebhookReceiverDeps) {}

  handles(pathname: string): boolean {
    return pathname === WEBHOOK_PATH || pathname.startsWith(`${WEBHOOK_PATH}/`);
  }

  async receive(request: Request, url: URL): Promise<Response> {
    if (request.method !== 'POST') return this.refuse('method', 405, 'Only POST is served here.', { allow: 'POST' });
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return this.refuse('content_type', 415, 'Webhooks are JSON (content-type: application/json).');
    const signed = signedHeadersOf(request.headers);
    if (!signed) return this.refuse('missing_headers', 401);
    if (Math.abs(Date.now() - Number(signed.timestamp) * 1_000) > this.deps.config.toleranceMs) return this.refuse('stale_timestamp', 401);
    const { maxBodyBytes, readTimeoutMs } = this.deps.config;
    if (Number(request.headers.get('content-length') ?? '0') > maxBodyBytes) return this.tooLarge();
    // The hook before the body: a request for no hook is refused without reading a byte of it.
    const hook = await this.hookOf(url.pathname.slice(WEBHOOK_PATH.length + 1));
    if (!hook) return this.refuse('unknown_hook', 401);
    const body = await readLimited(request, maxBodyBytes, readTimeoutMs);
    if (body === 'too_large') return this.tooLarge();
    if (body === 'too_slow') return this.refuse('too_slow', 408, `A webhook body must arrive within ${readTimeoutMs} ms of its headers.`, { connection: 'close' });
    const secret = this.secretOf(hook);
    if (secret === null) return this.refuse('unknown_hook', 401);
    if (!signatureMatches(secret, signed, body)) return this.refuse('bad_signature', 401);
    // Only once verified: a request nobody signed writes nothing.
    await this.resealIfStale(hook, secret);
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      payload = null;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return this.refuse('not_json', 400, 'The body is not a JSON object.');
    if (!(await this.deps.store.firstSighting(hook.hookId, signed.id, SEEN_FOR_MS))) {
      this.deps.observer?.refused('replayed');
      return json(200, { received: true, duplicate: true });
    }
    const event = String((payload as Record<string, unknown>)['type'] ?? (payload as Record<string, unknown>)['event'] ?? '');
    this.deps.observer?.received(KNOWN_EVENTS.has(event) ? event : 'other');
    // Processed before the answer: a 200 tells Pennylane it may forget the event, and a DMS file has no changelog to fall back on.
    const work = this.process(hook, signed.id, event, payload as Record<string, unknown>);
    this.pending.add(work);
    try {
      await work;
    } catch (error) {
      this.deps.logger.error({ err: (error as Error).message, subscription: hook.subscriptionId }, 'a webhook could not be processed: answered 503 so Pennylane sends it again');
      await this.deps.store.forgetSighting(hook.hookId, signed.id);
      return this.refuse('unprocessed', 503, 'The webhook could not be processed; send it again.', { 'retry-after': '5' });
    } finally {
      this.pending.delete(work);
    }
    return json(200, { received: true });
  }

  /** The hook a path names, or null (a malformed id costs nothing; an unknown one a store read, then nothing for a while). */
  private async hookOf(hookId: string): Promise<WebhookHook | null> {
    if (!HOOK_ID.test(hookId) || this.unknown.has(hookId)) return null;
    const hook = await this.deps.store.get(hookId);
    if (!hook) this.unknown.set(hookId, true);
    return hook;
  }

  /** A hook registered here may have been probed just before: it is known from now on. */
  known(hookId: string): void {
    this.unknown.delete(hookId);
  }

  private tooLarge(): Response {
    return this.refuse('too_large', 413, `A webhook body is at most ${this.deps.config.maxBodyBytes} bytes.`, { connection: 'close' });
  }

  /** Resolves once every accepted webhook was processed (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async process(hook: WebhookHook, webhookId: string, event: string, payload: Record<string, unknown>): Promise<void> {
    const effects = effectsOf(event, payload);
    this.deps.logger.info({ tenant: hook.tenantId, subscription: hook.subscriptionId, webhookId, event, record: effects?.notice.pennylaneId ?? null }, 'webhook received');
    if (!effects) return;
    if (effects.lists.length > 0 || effects.records.length > 0) {
      await this.deps.invalidations.publish({ kind: 'changed', tenantId: hook.tenantId, lists: effects.lists, records: effects.records, source: 'webhook' });
    }
    await this.deps.hub.publish(hook.tenantId, { ...effects.notice, cursor: webhookId, source: 'webhook' });
  }

  /** The hook's secret, or null when it does not open. */
  private secretOf(hook: WebhookHook): string | null {
    try {
      return this.deps.box.open(hook.sealedSecret, hookContext(hook));
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      this.deps.logger.warn({ subscription: hook.subscriptionId, tenant: hook.tenantId, err: error.message }, 'a webhook hook secret does not open: its webhooks are refused');
      return null;
    }
  }

  /** Seals a secret an older key sealed again with the current one, so the older key can be dropped (GATEWAY_ENCRYPTION_KEY_PREVIOUS). */
  private async resealIfStale(hook: WebhookHook, secret: string): Promise<void> {
    const { box, store, logger } = this.deps;
    if (!box.isStale(hook.sealedSecret)) return;
    await store.put({ ...hook, sealedSecret: box.seal(secret, hookContext(hook)) });
    logger.info({ subscription: hook.subscriptionId }, 'a webhook hook secret was sealed again with the current GATEWAY_ENCRYPTION_KEY');
  }

  private refuse(reason: WebhookRefusal, status: number, message = 'The webhook signature was not verified.', headers: Record<string, string> = {}): Response {
    this.deps.observer?.refused(reason);
    this.deps.logger.debug({ reason, status }, 'webhook refused');
    return json(status, { error: message }, headers);
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** The body; `too_large` as soon as it is longer than `max` (declared or streamed); `too_slow` when it is not all there within `timeoutMs`. */
async function readLimited(request: Request, max: number, timeoutMs: number): Promise<Uint8Array | 'too_large' | 'too_slow'> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'too_slow'>((resolve) => {
    timer = setTimeout(() => resolve('too_slow'), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'too_slow' || next.done) {
        if (next === 'too_slow') {
          await reader.cancel().catch(() => undefined);
          return next;
        }
        break;
      }
      size += next.value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        return 'too_large';
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}
