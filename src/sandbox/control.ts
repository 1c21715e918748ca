/** SimulatorControl: drive a running simulator from tests and benchmarks (in-process). */
import type { Fault, FaultInfo } from './faults.js';
import type { SentEmail } from './outbox.js';
import type { FamilyLimits, RateLimitConfig } from './rate-window.js';
import type { RateStats, RequestFilter, RequestLogEntry } from './request-log.js';
import { invoiceLinesOf, paymentsOf } from './routes/customer-invoices.js';
import { serializeInvoiceLine, serializePayment } from './routes/customer-invoice-serializers.js';
import { ApiError } from './errors.js';
import { RESOURCES } from './routes/index.js';
import { trialBalance, type TrialBalanceRow } from './routes/trial-balance.js';
import type { SimulatorState } from './state.js';
import type { ChangeEvent } from './records.js';
import type { ChangelogResource, CompanyStore } from './store.js';
import { formatMicros } from './time.js';
import { ALL_SCOPES, DEMO_COMPANY, type AddTokenOptions } from './tokens.js';
import type { GrantInfo, OAuthClientOptions } from './oauth/authorization-server.js';
import { WebhookControl } from './webhooks/webhook-control.js';

export type {
  ChangeEvent, ChangelogResource, Fault, FaultInfo, RequestFilter, RequestLogEntry, RateStats, RateLimitConfig, FamilyLimits, AddTokenOptions,
  TrialBalanceRow, SentEmail,
};

/** An uploaded file as stored by the simulator (`control.file(id)`). */
export interface StoredFileInfo {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly filename: string;
}

export type SnapshotResource =
  | 'customers' | 'products' | 'customer_invoices' | 'ledger_accounts' | 'suppliers' | 'supplier_invoices' | 'quotes'
  | 'billing_subscriptions' | 'commercial_documents' | 'purchase_requests' | 'journals' | 'ledger_entries' | 'ledger_entry_lines'
  | 'fiscal_years' | 'bank_accounts' | 'bank_establishments' | 'transactions' | 'categories' | 'category_groups' | 'file_attachments'
  | 'sepa_mandates' | 'gocardless_mandates' | 'customer_invoice_templates' | 'numberings' | 'webhook_subscriptions' | 'pa_registrations'
  | (string & {});

export class SimulatorControl {
  /** Webhook events (e-invoicing status, supplier e-invoice, DMS file), their deliveries and the subscriptions' secrets. */
  readonly webhooks: WebhookControl;

  constructor(private readonly state: SimulatorState) {
    this.webhooks = new WebhookControl(state);
  }

  /** Data back to the seed; log, faults, rate-limit windows and settings cleared; default tokens only. */
  reset(): void {
    this.state.reset();
  }

  requests(filter?: RequestFilter): RequestLogEntry[] {
    return this.state.log.query(filter);
  }

  count(filter?: RequestFilter): number {
    return this.state.log.count(filter);
  }

  /** Requests per route template since the last clearLog()/reset(). */
  counters(): Record<string, number> {
    return this.state.log.counters();
  }

  clearLog(): void {
    this.state.log.clear();
  }

  /** A new token (all scopes by default); `company` other than 'demo' gets its own books. */
  addToken(token: string, opts: AddTokenOptions = {}): void {
    const company = opts.company ?? DEMO_COMPANY;
    const store = this.state.companies.ensure(company, opts.seed);
    if (opts.proAccount !== undefined) store.proAccount = opts.proAccount;
    this.state.tokens.set(token, { scopes: opts.scopes ? [...opts.scopes] : [...ALL_SCOPES], company });
  }

  /** A company of its own books (generated from `seed`, default derived from the key), for OAuth consent or tokens. */
  addCompany(company: string, seed?: number): { key: string; name: string } {
    const store = this.state.companies.ensure(company, seed);
    return { key: company, name: store.info.name };
  }

  /** Register an OAuth app (client id, secret, exact redirect URIs); kept across reset(), like the app's registration at Pennylane. */
  registerOAuthClient(client: OAuthClientOptions): void {
    this.state.oauth.registerClient(client);
  }

  /** Lifetime of the access tokens issued from now on (refreshes included). */
  setAccessTokenTtl(seconds: number): void {
    if (!(seconds > 0)) throw new Error('accessTokenTtlSeconds must be > 0');
    this.state.oauth.settings.accessTokenTtlSeconds = seconds;
  }

  /** The user withdraws the apps' access in Pennylane: every grant (of one company) is revoked; returns how many. */
  revokeOAuthGrants(company?: string): number {
    return this.state.oauth.revokeGrants(company);
  }

  /** The current OAuth access tokens (of one company) expire now; their refresh tokens still work. */
  expireOAuthAccessTokens(company?: string): number {
    return this.state.oauth.expireAccessTokens(company);
  }

  /** Every grant issued since the last reset(), with its refresh counts. */
  oauthGrants(): GrantInfo[] {
    return this.state.oauth.listGrants();
  }

  /** Give a company a Pennylane Pro Account (the pro_account routes then answer lists instead of 404). */
  setProAccount(enabled: boolean, company: string = DEMO_COMPANY): void {
    this.company(company).proAccount = enabled;
  }

  setScopes(token: string, scopes: readonly string[]): void {
    this.state.tokens.setScopes(token, scopes);
  }

  removeToken(token: string): boolean {
    return this.state.tokens.remove(token);
  }

  injectFault(fault: Fault): string {
    return this.state.faults.add(fault);
  }

  removeFault(id: string): boolean {
    return this.state.faults.remove(id);
  }

  faults(): FaultInfo[] {
    return this.state.faults.list();
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  setRateLimit(rateLimit: RateLimitConfig | false, familyLimits: FamilyLimits = {}): void {
    if (rateLimit !== false) checkLimit(rateLimit, 'rateLimit');
    for (const [name, cfg] of Object.entries(familyLimits)) if (cfg) checkLimit(cfg, `familyLimits.${name}`);
    this.state.limiter.configure(rateLimit, familyLimits);
  }

  rateLimit(): { rateLimit: RateLimitConfig | false; familyLimits: FamilyLimits } {
    return this.state.limiter.config;
  }

  /** Added to every API response from now on (reset() restores the start value). */
  setLatency(latencyMs: number): void {
    if (!(latencyMs >= 0)) throw new Error('latencyMs must be >= 0');
    this.state.latencyMs = latencyMs;
  }

  /** From the log; without a token: totals, and the worst token's maxInAnyWindow. */
  rateStats(token?: string): RateStats {
    return this.state.log.rateStats(token, this.state.statsWindowMs);
  }

  /** Every record, ascending id, serialized exactly as `GET /{resource}/{id}` returns it. */
  snapshot(resource: SnapshotResource, company: string = DEMO_COMPANY): unknown[] {
    const def = RESOURCES[resource];
    if (!def) throw new Error(`unknown resource "${resource}" (known: ${Object.keys(RESOURCES).join(', ')})`);
    const store = this.company(company);
    const ctx = { company: store, links: this.state.links };
    return def.rows(store).map((row) => def.serialize(row, ctx));
  }

  /** Lines of an invoice, ascending id, serialized like `GET /customer_invoices/{id}/invoice_lines` items. */
  invoiceLines(invoiceId: number, company: string = DEMO_COMPANY): unknown[] {
    const store = this.company(company);
    const invoice = store.tables.customer_invoices.get(invoiceId);
    if (!invoice) throw new Error(`unknown customer invoice ${invoiceId}`);
    const ctx = { company: store, links: this.state.links };
    return invoiceLinesOf(store, invoice).map((l) => serializeInvoiceLine(l, ctx));
  }

  /** Payments of an invoice, ascending id, serialized like `GET /customer_invoices/{id}/payments` items. */
  payments(invoiceId: number, company: string = DEMO_COMPANY): unknown[] {
    const store = this.company(company);
    const invoice = store.tables.customer_invoices.get(invoiceId);
    if (!invoice) throw new Error(`unknown customer invoice ${invoiceId}`);
    const ctx = { company: store, links: this.state.links };
    return paymentsOf(store, invoice).map((p) => serializePayment(p, ctx));
  }

  /**
   * A change event of record `id` written straight into a changelog at `processedAt` (RFC 3339,
   * not before the last event): e.g. two changes Pennylane processed at the same instant.
   */
  recordChange(resource: ChangelogResource, id: number, operation: ChangeEvent['operation'], processedAt: string, company: string = DEMO_COMPANY): void {
    this.company(company).recordChange(resource, { id, created_at: processedAt, updated_at: processedAt }, operation, processedAt);
  }

  /** Change events recorded for a changelog resource, in processed_at order. */
  changes(resource: ChangelogResource, company: string = DEMO_COMPANY): ChangeEvent[] {
    return this.company(company).changeEvents(resource).map((e) => ({ ...e }));
  }

  /**
   * Every item a list GET on `path` returns, all pages, ascending id; e.g.
   * `subList('/ledger_entries/123/ledger_entry_lines')`. A query string in `path`
   * is passed along (e.g. a filter). Throws on a non-200.
   */
  subList(path: string, company: string = DEMO_COMPANY): unknown[] {
    const [pathname = '', search = ''] = path.split('?');
    const match = this.state.router.match('GET', pathname);
    if (!match) throw new Error(`no GET route for ${pathname}`);
    const extra = Object.fromEntries(new URLSearchParams(search).entries());
    const store = this.company(company);
    const out: unknown[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10_000; guard++) {
      const query: Record<string, string> = { limit: '100', sort: 'id', ...extra, ...(cursor ? { cursor } : {}) };
      let body: unknown;
      try {
        const ctx = {
          company: store, links: this.state.links, params: match.params, query, body: undefined, scopes: ALL_SCOPES, settings: this.state.settings,
          outbox: this.state.outbox,
        };
        body = match.route.handler(ctx).body;
      } catch (err) {
        if (err instanceof ApiError) throw new Error(`GET ${path} → ${err.status} ${err.message}`);
        throw err;
      }
      const page = body as { items?: unknown; next_cursor?: unknown };
      if (!Array.isArray(page.items)) throw new Error(`GET ${path} is not a list`);
      out.push(...(page.items as unknown[]));
      cursor = typeof page.next_cursor === 'string' ? page.next_cursor : null;
      if (cursor === null) return out;
    }
    throw new Error(`GET ${path}: too many pages`);
  }

  /** Every row of `GET /trial_balance` for the period (rows sorted by number). */
  trialBalance(periodStart: string, periodEnd: string, isAuxiliary = false, company: string = DEMO_COMPANY): TrialBalanceRow[] {
    return trialBalance(this.company(company), periodStart, periodEnd, isAuxiliary);
  }

  /** Every API route template, e.g. `GET /customers/{id}`, sorted. */
  routes(): string[] {
    return [...this.state.router.templates].sort();
  }

  /** Make an export end in `error` (from now on). */
  failExport(id: number, company: string = DEMO_COMPANY): void {
    const store = this.company(company);
    const row = store.tables.exports.get(id);
    if (!row) throw new Error(`unknown export ${id}`);
    row.failed_micros = Math.max(store.clock.peekMicros(), row.created_micros);
  }

  /** The simulator clock of a company ("now" for retention and exports), ISO with microseconds. */
  now(company: string = DEMO_COMPANY): string {
    return formatMicros(this.company(company).clock.peekMicros());
  }

  /** Move every company's simulated clock forward by `ms` (exports, changelog retention). */
  advanceClock(ms: number): void {
    for (const key of this.state.companies.keys()) this.company(key).clock.advance(ms);
  }

  /** Company keys currently loaded ('demo' first). */
  companies(): string[] {
    return this.state.companies.keys();
  }

  /** E-mails queued by `send_by_email` (invoices and quotes) for a company, in sending order. */
  sentEmails(company: string = DEMO_COMPANY): SentEmail[] {
    return this.state.outbox.list(company);
  }

  /** Simulated time between finalisation (or a quote's creation/edit) and its PDF, from now on (reset() restores the option). */
  setPdfDelay(ms: number): void {
    if (!(ms >= 0)) throw new Error('pdfDelayMs must be >= 0');
    this.state.settings.pdfDelayMs = ms;
  }

  /** The bytes of an uploaded file attachment or appendix (undefined for seeded files and unknown ids). */
  file(id: number, company: string = DEMO_COMPANY): StoredFileInfo | undefined {
    const stored = this.company(company).files.get(id);
    return stored ? { bytes: Buffer.from(stored.bytes), contentType: stored.contentType, filename: stored.filename } : undefined;
  }

  private company(key: string): CompanyStore {
    const store = this.state.companies.get(key);
    if (!store) throw new Error(`unknown company "${key}"`);
    return store;
  }
}

function checkLimit(cfg: RateLimitConfig, name: string): void {
  if (!Number.isInteger(cfg.limit) || cfg.limit < 1) throw new Error(`${name}.limit must be a positive integer`);
  if (!(cfg.windowMs > 0)) throw new Error(`${name}.windowMs must be > 0`);
}
