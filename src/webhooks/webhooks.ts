import { randomBytes } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { SecretBox } from '../connections/secret-box.js';
import type { WebhookObserver } from '../datasources/observers.js';
import type { ChangeHub } from '../live/change-hub.js';
import type { Logger } from '../logger.js';
import type { InvalidationBus } from '../state/invalidation-bus.js';
import type { SharedRedis } from '../state/shared-redis.js';
import { hookContext, LocalHookStore, RedisHookStore, type WebhookHookStore } from './hook-store.js';
import { callbackOriginProblem, pathProblem, WEBHOOK_PATH, type WebhookConfig } from './webhook-config.js';
import { WebhookReceiver } from './webhook-receiver.js';

export { WEBHOOK_PATH } from './webhook-config.js';

export interface WebhooksSetup {
  readonly config: WebhookConfig;
  /** GATEWAY_ENCRYPTION_KEY (current first), or null: a throwaway key, hooks in memory only. */
  readonly encryptionKeys: readonly string[] | null;
  readonly redis: SharedRedis | null;
  readonly invalidations: InvalidationBus;
  readonly hub: ChangeHub;
  readonly logger: Logger;
  readonly observer: WebhookObserver | undefined;
}

/** Why a public URL cannot be used for a hook (the mutation turns it into a ValidationError). */
export class CallbackUrlProblem extends Error {}

/**
 * Webhooks from Pennylane: where the mutations keep each subscription's secret (sealed with
 * GATEWAY_ENCRYPTION_KEY; in Redis with REDIS_URL, else a 0600 file, else — no key — in memory
 * with a throwaway key, lost at restart), and the route that receives them.
 */
export class Webhooks {
  readonly receiver: WebhookReceiver;
  readonly plugin: Plugin;

  constructor(
    private readonly setup: WebhooksSetup,
    /** Public for tests that count its reads. */
    readonly store: WebhookHookStore,
    private readonly box: SecretBox,
    private readonly throwaway: boolean,
  ) {
    this.receiver = new WebhookReceiver({ ...setup, store, box });
    const receiver = this.receiver;
    const { logger } = setup;
    this.plugin = {
      async onRequest({ request, url, endResponse }) {
        if (!receiver.handles(url.pathname)) return;
        try {
          endResponse(await receiver.receive(request, url));
        } catch (error) {
          // The hook store (Redis) could not be read or written: not processed; Pennylane retries on a 5xx.
          logger.error({ err: (error as Error).message }, 'a webhook could not be checked: the hook store is unavailable');
          endResponse(new Response('{"error":"temporarily unavailable"}', { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '5' } }));
        }
      },
      onResponse({ request, response }) {
        // Server to server: no browser is ever told it may read or send here.
        if (!receiver.handles(new URL(request.url).pathname)) return;
        for (const name of [...response.headers.keys()]) if (name.startsWith('access-control-')) response.headers.delete(name);
      },
    };
  }

  /**
   * A new hook: its id and the callback URL to register (`<public URL>/webhooks/pennylane/<hook id>`).
   * A client's `publicUrl` never widens where events go: with GATEWAY_PUBLIC_URL set it must be
   * that origin; without, one of GATEWAY_WEBHOOK_ORIGINS. Either way an origin only, no path.
   */
  newHook(publicUrl: string | null): { hookId: string; callbackUrl: string } {
    const { config } = this.setup;
    let base: string;
    if (publicUrl === null) {
      if (config.publicUrl === null) throw new CallbackUrlProblem('This gateway has no GATEWAY_PUBLIC_URL: give publicUrl, the https origin Pennylane reaches it at (one of GATEWAY_WEBHOOK_ORIGINS).');
      base = config.publicUrl;
    } else {
      const problem = callbackOriginProblem(publicUrl) ?? pathProblem(publicUrl);
      if (problem) throw new CallbackUrlProblem(`publicUrl ${problem}.`);
      const origin = new URL(publicUrl).origin;
      if (config.publicUrl !== null && origin !== config.publicUrl) {
        throw new CallbackUrlProblem(`publicUrl must be this gateway's GATEWAY_PUBLIC_URL (${config.publicUrl}), or left out.`);
      }
      if (config.publicUrl === null && !config.allowedOrigins.includes(origin)) {
        throw new CallbackUrlProblem(`publicUrl ${origin} is not one of this gateway's origins: set GATEWAY_PUBLIC_URL, or list it in GATEWAY_WEBHOOK_ORIGINS.`);
      }
      base = origin;
    }
    const hookId = `wh_${randomBytes(16).toString('base64url')}`;
    return { hookId, callbackUrl: `${base}${WEBHOOK_PATH}/${hookId}` };
  }

  /** Keeps the secret Pennylane answered (sealed for this hook, tenant and subscription); the secret goes nowhere else. */
  async keep(tenantId: string, subscriptionId: string, hookId: string, secret: string): Promise<void> {
    const sealedSecret = this.box.seal(secret, hookContext({ hookId, tenantId, subscriptionId }));
    const previous = await this.store.bySubscription(tenantId, subscriptionId);
    if (previous) await this.store.delete(previous);
    await this.store.put({ hookId, tenantId, subscriptionId, sealedSecret, createdAt: new Date().toISOString() });
    this.receiver.known(hookId);
    if (this.throwaway) {
      this.setup.logger.warn(
        { subscription: subscriptionId },
        'webhook secret kept in memory with a throwaway key: after a restart its webhooks are refused; set GATEWAY_ENCRYPTION_KEY to keep secrets',
      );
    }
  }

  /** Forgets the secret of a deleted subscription (nothing when this gateway did not register it). */
  async forget(tenantId: string, subscriptionId: string): Promise<void> {
    const hook = await this.store.bySubscription(tenantId, subscriptionId);
    if (hook) await this.store.delete(hook);
  }

  /** Whether this gateway holds the secret of a subscription (it registered it). */
  async receives(tenantId: string, subscriptionId: string): Promise<boolean> {
    return (await this.store.bySubscription(tenantId, subscriptionId)) !== null;
  }

  get storeKind(): string {
    return this.store.kind;
  }
}

export function createWebhooks(setup: WebhooksSetup): Webhooks {
  const keys = setup.encryptionKeys;
  const box = SecretBox.fromConfig(keys ?? [randomBytes(32).toString('hex')]);
  // Without a key nothing sealed could be opened by another replica or after a restart: memory only.
  const store: WebhookHookStore = keys === null ? new LocalHookStore(null) : setup.redis ? new RedisHookStore(setup.redis) : new LocalHookStore(setup.config.file);
  return new Webhooks(setup, store, box, keys === null);
}
