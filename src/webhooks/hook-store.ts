import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LRUCache } from 'lru-cache';
import { readJsonFile, writeFileAtomically } from '../state/json-file.js';
import type { SharedRedis } from '../state/shared-redis.js';

/**
 * A hook: one webhook subscription this gateway registered with Pennylane, and where its
 * webhooks arrive (`/webhooks/pennylane/<hookId>`). The id in the path says whose secret
 * verifies the request, so nothing in the (untrusted) body is used before it is verified.
 */
export interface WebhookHook {
  /** `wh_` + 128 random bits (base64url): unguessable, and no tenant or token in the URL. */
  readonly hookId: string;
  /** Tenant.id (a hash of the token), never the token. */
  readonly tenantId: string;
  /** Pennylane's webhook subscription id. */
  readonly subscriptionId: string;
  /** The signing secret, sealed (SecretBox) for `hookContext(...)`. */
  readonly sealedSecret: string;
  readonly createdAt: string;
}

/** What the secret is sealed for: a sealed value copied onto another hook, tenant or subscription does not open. */
export function hookContext(hook: Pick<WebhookHook, 'hookId' | 'tenantId' | 'subscriptionId'>): string {
  return `webhook:${hook.hookId}:${hook.tenantId}:${hook.subscriptionId}`;
}

export interface WebhookHookStore {
  readonly kind: 'redis' | 'file' | 'memory';
  get(hookId: string): Promise<WebhookHook | null>;
  bySubscription(tenantId: string, subscriptionId: string): Promise<WebhookHook | null>;
  put(hook: WebhookHook): Promise<void>;
  delete(hook: WebhookHook): Promise<void>;
  /** True the first time `webhookId` is seen for the hook within `ttlMs` (every replica included); false for a replay. */
  firstSighting(hookId: string, webhookId: string, ttlMs: number): Promise<boolean>;
  /** Undoes `firstSighting`: the webhook was not processed, so its retry must be. */
  forgetSighting(hookId: string, webhookId: string): Promise<void>;
}

/** Webhook ids remembered by one process at most (each for its TTL); past it the oldest go first. */
const SEEN_REMEMBERED = 100_000;

const indexKey = (tenantId: string, subscriptionId: string) => `${tenantId}:${subscriptionId}`;
const seenKey = (hookId: string, webhookId: string) => `${hookId}:${createHash('sha256').update(webhookId).digest('base64url')}`;

function parseHook(text: string | null | undefined): WebhookHook | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<WebhookHook>;
    const ok = ['hookId', 'tenantId', 'subscriptionId', 'sealedSecret'].every((k) => typeof value[k as keyof WebhookHook] === 'string');
    return ok ? (value as WebhookHook) : null;
  } catch {
    return null;
  }
}

/**
 * One process: hooks in memory, and in a 0600 JSON file when `file` is given (created at the
 * first hook, rewritten whole and atomically). One process per file: replicas share hooks through Redis.
 */
export class LocalHookStore implements WebhookHookStore {
  readonly kind: 'file' | 'memory';
  private readonly hooks = new Map<string, WebhookHook>();
  private readonly seen = new LRUCache<string, true>({ max: SEEN_REMEMBERED, ttl: 1, ttlAutopurge: false });
  private writing: Promise<void> = Promise.resolve();
  private readonly path: string | null;

  constructor(file: string | null) {
    this.kind = file ? 'file' : 'memory';
    this.path = file ? resolve(file) : null;
    if (!this.path) return;
    const list = readJsonFile(this.path, 'it is not a webhooks file; move it away or set PENNYLANE_WEBHOOKS_FILE');
    for (const entry of Array.isArray(list) ? list : []) {
      const hook = parseHook(JSON.stringify(entry));
      if (hook) this.hooks.set(hook.hookId, hook);
    }
  }

  async get(hookId: string): Promise<WebhookHook | null> {
    return this.hooks.get(hookId) ?? null;
  }

  async bySubscription(tenantId: string, subscriptionId: string): Promise<WebhookHook | null> {
    return [...this.hooks.values()].find((h) => indexKey(h.tenantId, h.subscriptionId) === indexKey(tenantId, subscriptionId)) ?? null;
  }

  async put(hook: WebhookHook): Promise<void> {
    this.hooks.set(hook.hookId, hook);
    try {
      await this.persist();
    } catch (error) {
      // Not on disk, not kept: a hook only this process knew would vanish at the next restart.
      this.hooks.delete(hook.hookId);
      throw error;
    }
  }

  async delete(hook: WebhookHook): Promise<void> {
    this.hooks.delete(hook.hookId);
    await this.persist();
  }

  async firstSighting(hookId: string, webhookId: string, ttlMs: number): Promise<boolean> {
    const key = seenKey(hookId, webhookId);
    if (this.seen.has(key)) return false;
    this.seen.set(key, true, { ttl: ttlMs });
    return true;
  }

  async forgetSighting(hookId: string, webhookId: string): Promise<void> {
    this.seen.delete(seenKey(hookId, webhookId));
  }

  private persist(): Promise<void> {
    const path = this.path;
    if (!path) return Promise.resolve();
    const text = JSON.stringify([...this.hooks.values()], null, 2);
    // After a failed write the next one still runs (a rejected chain would refuse every later write).
    this.writing = this.writing.catch(() => undefined).then(async () => {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      await writeFileAtomically(path, text);
    });
    return this.writing;
  }
}

/** Every replica's hooks in Redis: a hash of hooks, an index by subscription, and one short-lived key per webhook id seen. */
export class RedisHookStore implements WebhookHookStore {
  readonly kind = 'redis';

  constructor(private readonly redis: SharedRedis) {}

  async get(hookId: string): Promise<WebhookHook | null> {
    return parseHook(await this.redis.command.hget(this.redis.key('webhook-hooks'), hookId));
  }

  async bySubscription(tenantId: string, subscriptionId: string): Promise<WebhookHook | null> {
    const hookId = await this.redis.command.hget(this.redis.key('webhook-hook-index'), indexKey(tenantId, subscriptionId));
    return hookId ? this.get(hookId) : null;
  }

  async put(hook: WebhookHook): Promise<void> {
    await this.redis.command
      .multi()
      .hset(this.redis.key('webhook-hooks'), hook.hookId, JSON.stringify(hook))
      .hset(this.redis.key('webhook-hook-index'), indexKey(hook.tenantId, hook.subscriptionId), hook.hookId)
      .exec();
  }

  async delete(hook: WebhookHook): Promise<void> {
    await this.redis.command
      .multi()
      .hdel(this.redis.key('webhook-hooks'), hook.hookId)
      .hdel(this.redis.key('webhook-hook-index'), indexKey(hook.tenantId, hook.subscriptionId))
      .exec();
  }

  async firstSighting(hookId: string, webhookId: string, ttlMs: number): Promise<boolean> {
    const answer = await this.redis.command.set(this.redis.key('webhook-seen', seenKey(hookId, webhookId)), '1', 'PX', Math.ceil(ttlMs), 'NX');
    return answer === 'OK';
  }

  async forgetSighting(hookId: string, webhookId: string): Promise<void> {
    await this.redis.command.del(this.redis.key('webhook-seen', seenKey(hookId, webhookId)));
  }
}
