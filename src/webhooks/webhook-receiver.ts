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
 * `POST /webhooks/pennylane/<hook id>`, the only thing served under that path. In order, each
 * refusal before anything is processed: POST only (405), JSON only (415), the three signature
 * headers (401), a timestamp within the tolerance (401), the body within its limit (413, read
 * no further), a hook this gateway registered (401), its secret's signature over the exact
 * bytes received (401, constant-time), a webhook id not seen before (200, not processed again:
 * a retry of one whose answer was lost must not fail, or Pennylane would keep sending it), a
 * JSON object (400). Then it answers 200 at once and does the work after: drop the record
 * from every replica's cache, then tell the subscribers. 401s all say the same, so a prober
 * learns nothing about which hooks exist.
 */
export class WebhookReceiver {
  private readonly pending = new Set<Promise<void>>();

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
    const body = await readLimited(request, this.deps.config.maxBodyBytes);
    if (!body) return this.refuse('too_large', 413, `A webhook body is at most ${this.deps.config.maxBodyBytes} bytes.`);
    const hookId = url.pathname.slice(WEBHOOK_PATH.length + 1);
    const hook = HOOK_ID.test(hookId) ? await this.deps.store.get(hookId) : null;
    const secret = hook ? this.secretOf(hook) : null;
    if (!hook || secret === null) return this.refuse('unknown_hook', 401);
    if (!signatureMatches(secret, signed, body)) return this.refuse('bad_signature', 401);
    if (!(await this.deps.store.firstSighting(hook.hookId, signed.id, SEEN_FOR_MS))) {
      this.deps.observer?.refused('replayed');
      return json(200, { received: true, duplicate: true });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      payload = null;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return this.refuse('not_json', 400, 'The body is not a JSON object.');
    const event = String((payload as Record<string, unknown>)['type'] ?? (payload as Record<string, unknown>)['event'] ?? '');
    this.deps.observer?.received(KNOWN_EVENTS.has(event) ? event : 'other');
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.process(hook, signed.id, event, payload as Record<string, unknown>))
      .catch((error: unknown) => this.deps.logger.error({ err: (error as Error).message, subscription: hook.subscriptionId }, 'a webhook could not be processed'))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
    return json(200, { received: true });
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

  private secretOf(hook: WebhookHook): string | null {
    try {
      return this.deps.box.open(hook.sealedSecret, hookContext(hook));
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      this.deps.logger.warn({ subscription: hook.subscriptionId, tenant: hook.tenantId, err: error.message }, 'a webhook hook secret does not open: its webhooks are refused');
      return null;
    }
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

/** The body, or null as soon as it is longer than `max` (declared or streamed). */
async function readLimited(request: Request, max: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > max) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
