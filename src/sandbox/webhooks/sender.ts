/**
 * Webhook deliveries: when an event happens in a company, every enabled subscription of that
 * company listening to it gets one signed POST (signing.ts), retried with the same
 * `webhook-id` until a 2xx or `attempts` tries. Only loopback callbacks other than the
 * simulator itself are called (callback-url.ts): the seeded subscriptions point at made-up
 * hosts and the simulator never reaches the internet; others are recorded as `skipped`. Every delivery is in the log (`control.webhooks.deliveries()`).
 */
import { randomUUID } from 'node:crypto';
import type { CompanyStore } from '../store.js';
import type { Sleeper } from '../state.js';
import type { WebhookEventName } from '../routes/webhook-subscriptions.js';
import { deliverable } from './callback-url.js';
import { signedHeaders } from './signing.js';

export interface WebhookDelivery {
  /** The `webhook-id` header (and the payload's `id`): the same on every retry. */
  readonly id: string;
  readonly company: string;
  readonly subscriptionId: number;
  readonly event: WebhookEventName;
  readonly url: string;
  /** The JSON body exactly as signed and sent. */
  readonly body: string;
  attempts: number;
  /** HTTP status of the last attempt (null: no answer, or not sent). */
  lastStatus: number | null;
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
}

export interface WebhookSenderOptions {
  /** Tries per delivery, the first included (default 3). */
  readonly attempts: number;
  /** Wait before the second try, doubled each time after (default 250 ms). */
  readonly backoffMs: number;
  /** Per attempt (default 5 s). */
  readonly timeoutMs: number;
}

export class WebhookSender {
  private log: WebhookDelivery[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly sleeper: Sleeper,
    private readonly closing: () => boolean,
    /** The simulator's own origin (never called back: see callback-url.ts). */
    private readonly selfOrigin: () => string,
    readonly options: WebhookSenderOptions = { attempts: 3, backoffMs: 250, timeoutMs: 5_000 },
  ) {}

  /** Starts one delivery per enabled subscription of `company` listening to `event`; returns them. */
  send(company: CompanyStore, event: WebhookEventName, data: Record<string, unknown>): WebhookDelivery[] {
    const started: WebhookDelivery[] = [];
    for (const subscription of company.tables.webhook_subscriptions.all()) {
      if (!subscription.enabled || !subscription.events.includes(event)) continue;
      const id = `msg_${randomUUID()}`;
      const body = JSON.stringify({ id, type: event, created_at: company.clock.nowIso(), company_id: company.info.id, data });
      const delivery: WebhookDelivery = {
        id, company: company.key, subscriptionId: subscription.id, event, url: subscription.callback_url, body, attempts: 0, lastStatus: null, state: 'pending',
      };
      this.log.push(delivery);
      started.push(delivery);
      if (!deliverable(subscription.callback_url, this.selfOrigin())) {
        delivery.state = 'skipped';
        continue;
      }
      const run = this.deliver(delivery, subscription.secret).finally(() => this.running.delete(run));
      this.running.add(run);
    }
    return started;
  }

  /** Every delivery (of one company), in sending order; copies. */
  deliveries(company?: string): WebhookDelivery[] {
    return this.log.filter((d) => company === undefined || d.company === company).map((d) => ({ ...d }));
  }

  /** Resolves once no delivery is pending (retries included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  clear(): void {
    this.log = [];
  }

  private async deliver(delivery: WebhookDelivery, secret: string): Promise<void> {
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      if (this.closing()) break;
      delivery.attempts = attempt;
      // Signed at each attempt: the timestamp is when it was sent, the id stays.
      const headers = signedHeaders(secret, delivery.id, Math.floor(Date.now() / 1000), delivery.body);
      try {
        const response = await fetch(delivery.url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'pennylane-simulator-webhooks' },
          body: delivery.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        delivery.lastStatus = response.status;
        await response.body?.cancel().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) {
          delivery.state = 'delivered';
          return;
        }
      } catch {
        delivery.lastStatus = null;
      }
      if (attempt < this.options.attempts) await this.sleeper.sleep(this.options.backoffMs * 2 ** (attempt - 1));
    }
    delivery.state = 'failed';
  }
}
