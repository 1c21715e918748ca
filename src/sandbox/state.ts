/** Everything a running simulator holds; shared by the HTTP server and the control API. */
import { CompanyRegistry } from './companies.js';
import { FaultRegistry } from './faults.js';
import { Outbox } from './outbox.js';
import { RateLimiter, type FamilyLimits, type RateLimitConfig } from './rate-window.js';
import { RequestLog } from './request-log.js';
import { Router } from './router.js';
import { ROUTES } from './routes/index.js';
import type { Links, RuntimeSettings } from './routes/types.js';
import { ALL_SCOPES, DEMO_COMPANY, TokenRegistry } from './tokens.js';
import { WebhookSender } from './webhooks/sender.js';
import { AuthorizationServer, type OAuthClientOptions, type OAuthSettings } from './oauth/authorization-server.js';

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  readonly today: string;
  readonly demoToken: string;
  readonly rateLimit: RateLimitConfig | false;
  readonly familyLimits: FamilyLimits;
  readonly latencyMs: number;
  readonly exportDelayMs: number;
  readonly pdfDelayMs: number;
  readonly maxUploadBytes: number;
  readonly oauth: { readonly settings: OAuthSettings; readonly clients: readonly OAuthClientOptions[] };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Cancellable sleeps, so close() does not wait for injected latencies. */
export class Sleeper {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.pending.add(entry);
    });
  }

  cancelAll(): void {
    for (const e of this.pending) {
      clearTimeout(e.timer);
      e.resolve();
    }
    this.pending.clear();
  }
}

export class SimulatorState {
  readonly companies: CompanyRegistry;
  readonly tokens = new TokenRegistry();
  readonly log = new RequestLog();
  readonly faults = new FaultRegistry();
  readonly limiter: RateLimiter;
  readonly router = new Router(ROUTES);
  readonly sleeper = new Sleeper();
  latencyMs: number;
  links: Links = { origin: '', base: '' };
  /** Handlers read it as RuntimeSettings; control.setPdfDelay() changes it, reset() restores it. */
  readonly settings: Mutable<RuntimeSettings>;
  readonly outbox = new Outbox();
  /** The OAuth 2.0 authorization server (consent, codes, rotating refresh tokens). */
  readonly oauth: AuthorizationServer;
  /** Signed webhook deliveries to the subscriptions (webhooks/sender.ts). */
  readonly webhooks: WebhookSender;
  closing = false;

  constructor(readonly options: ResolvedOptions) {
    this.companies = new CompanyRegistry(options.seed, options.today);
    this.limiter = new RateLimiter(options.rateLimit, options.familyLimits);
    this.latencyMs = options.latencyMs;
    this.settings = { exportDelayMs: options.exportDelayMs, pdfDelayMs: options.pdfDelayMs, maxUploadBytes: options.maxUploadBytes };
    this.oauth = new AuthorizationServer(this.tokens, options.oauth.settings, options.oauth.clients);
    this.webhooks = new WebhookSender(this.sleeper, () => this.closing, () => this.links.origin);
    this.resetTokens();
  }

  resetTokens(): void {
    this.tokens.clear();
    this.tokens.set(this.options.demoToken, { scopes: [...ALL_SCOPES], company: DEMO_COMPANY });
  }

  /** Data, log, faults, rate-limit windows and configuration, PDF delay, sent e-mails, webhook deliveries, tokens, OAuth grants: all back to the start. */
  reset(): void {
    this.companies.reset();
    this.log.clear();
    this.faults.clear();
    this.limiter.configure(this.options.rateLimit, this.options.familyLimits);
    this.limiter.clear();
    this.latencyMs = this.options.latencyMs;
    this.settings.pdfDelayMs = this.options.pdfDelayMs;
    this.outbox.clear();
    this.webhooks.clear();
    this.resetTokens();
    this.oauth.reset();
  }

  /** Window used by rateStats(): the global one, else the default 5 s. */
  get statsWindowMs(): number {
    const { rateLimit } = this.limiter.config;
    return rateLimit ? rateLimit.windowMs : 5000;
  }
}
