/** Mandates, numberings, the PA registration, the webhook subscription and purchase requests. */
import { formatCents } from '../money.js';
import { webhookSecret } from '../webhooks/signing.js';
import { GOCARDLESS_STATUSES, type NumberingRecord, type SepaMandateStatus } from '../records-sales.js';
import type { PurchaseRequestStatus } from '../records-purchases.js';
import { ID_BASES, COMPANY_ID_STRIDE } from '../store.js';
import { addDays, daysBetween } from '../time.js';
import { iso, stampOn, type SeedContext } from './context.js';
import { frenchIban, slugify } from './identity.js';

const mask = (iban: string) => `${iban.slice(0, 4)} **** **** ${iban.slice(-4)}`;

export function seedMandates(ctx: SeedContext): void {
  const { store, rng } = ctx;
  const customers = store.tables.customers.all();
  const withIban = customers.filter((c) => c.billing_iban !== null);
  const pool = rng.shuffle([...withIban, ...rng.shuffle(customers.filter((c) => c.billing_iban === null))]);
  const sepa: SepaMandateStatus[] = ['active', 'active', 'active', 'revoked', 'expired'];
  sepa.forEach((status, i) => {
    const c = pool[i];
    if (!c) return;
    const signed = addDays(c.created_at.slice(0, 10), rng.int(1, 120));
    const at = iso(stampOn(ctx, signed < ctx.today ? signed : addDays(ctx.today, -1)));
    store.tables.sepa_mandates.put({
      id: store.ids.next('sepa_mandates'), customer_id: c.id, reference: `RUM-${rng.digits(8)}`, iban: mask(c.billing_iban ?? frenchIban(rng)),
      signed_at: at.slice(0, 10), status, created_at: at, updated_at: at,
    });
  });
  GOCARDLESS_STATUSES.forEach((status, i) => {
    const c = pool[sepa.length + i];
    if (!c) return;
    const at = iso(stampOn(ctx, addDays(ctx.today, -rng.int(5, 300))));
    store.tables.gocardless_mandates.put({ id: store.ids.next('gocardless_mandates'), customer_id: c.id, reference: `MD${rng.hex(12).toUpperCase()}`, status, created_at: at, updated_at: at });
  });
  for (const [i, status] of (['active', 'active', 'pending'] as const).entries()) {
    const c = pool[sepa.length + GOCARDLESS_STATUSES.length + i];
    if (!c) continue;
    const at = iso(stampOn(ctx, addDays(ctx.today, -rng.int(5, 200))));
    store.tables.pro_account_mandates.put({ id: store.ids.next('pro_account_mandates'), customer_id: c.id, status, created_at: at, updated_at: at });
  }
  for (const c of pool.slice(0, 2)) {
    const at = iso(stampOn(ctx, addDays(ctx.today, -rng.int(5, 60))));
    store.tables.mandate_migrations.put({ id: store.ids.next('mandate_migrations'), customer_id: c.id, status: 'available', created_at: at, updated_at: at });
  }
}

export function seedNumberings(ctx: SeedContext): void {
  const { store } = ctx;
  const year = ctx.today.slice(0, 4);
  const next = (prefix: string, numbers: readonly string[]) =>
    numbers.filter((n) => n.startsWith(`${prefix}-${year}-`)).map((n) => Number(n.slice(-4))).reduce((m, n) => Math.max(m, n), 0) + 1;
  const invoices = store.tables.customer_invoices.all().map((i) => i.invoice_number);
  const quotes = store.tables.quotes.all().map((q) => q.quote_number);
  const specs: ReadonlyArray<readonly [string, NumberingRecord['document_type'], string, number]> = [
    ['Factures', 'invoice', 'F-{YYYY}-{NNNN}', next('F', invoices)],
    ['Avoirs', 'credit_note', 'AV-{YYYY}-{NNNN}', next('AV', invoices)],
    ['Devis', 'quote', 'D-{YYYY}-{NNNN}', next('D', quotes)],
  ];
  for (const [name, document_type, format, next_number] of specs) {
    const at = iso(stampOn(ctx, addDays(ctx.originDate, ctx.rng.int(0, 5))));
    store.tables.numberings.put({ id: store.ids.next('numberings'), name, document_type, format, next_number, created_at: at, updated_at: at });
  }
}

export function seedPlatformSettings(ctx: SeedContext): void {
  const { store, rng } = ctx;
  const registered = iso(stampOn(ctx, addDays(ctx.today, -rng.int(30, 90))));
  store.tables.pa_registrations.put({ id: store.ids.next('pa_registrations'), siret: null, status: 'registered', platform_name: 'Pennylane', created_at: registered, updated_at: registered });
  const hooked = iso(stampOn(ctx, addDays(ctx.today, -rng.int(10, 60))));
  store.tables.webhook_subscriptions.put({
    id: store.ids.next('webhook_subscriptions'),
    callback_url: `https://hooks.${slugify(store.info.name)}.fr/pennylane`,
    events: ['customer_invoice.e_invoicing_status_updated', 'supplier_invoice.e_invoicing_received'],
    enabled: true,
    secret: webhookSecret(),
    created_at: hooked,
    updated_at: hooked,
  });
}

const REQUESTS = [
  'Licences logicielles', 'Écrans pour la nouvelle équipe', 'Billets salon professionnel', 'Mobilier salle de réunion',
  'Prestation de traduction', 'Campagne publicitaire', 'Formation sécurité', 'Fournitures de bureau', 'Hébergement serveur',
  'Matériel vidéo', 'Abonnement documentation',
] as const;

export function seedPurchaseRequests(ctx: SeedContext): void {
  const { store, rng, today } = ctx;
  const base = ID_BASES.users + store.slot * COMPANY_ID_STRIDE;
  const colleagues = [store.user.id, base + 1101, base + 1107, base + 1113];
  const suppliers = store.tables.suppliers.all();
  const dates = Array.from({ length: 20 }, () => addDays(today, -rng.int(1, 240))).sort();
  for (const date of dates) {
    const age = daysBetween(date, today);
    const status: PurchaseRequestStatus = age < 10 ? 'pending' : rng.weighted([['approved', 7], ['rejected', 2], ['pending', 1]] as const);
    const created = iso(stampOn(ctx, date));
    const reviewed = status === 'pending' ? created : iso(stampOn(ctx, addDays(date, rng.int(1, Math.min(9, Math.max(1, age - 1))))));
    store.tables.purchase_requests.put({
      id: store.ids.next('purchase_requests'),
      label: rng.pick(REQUESTS),
      status,
      currency: 'EUR',
      amount: formatCents(BigInt(rng.int(50, 5000) * 100)),
      supplier_id: rng.chance(0.7) && suppliers.length > 0 ? rng.pick(suppliers).id : null,
      user_id: rng.pick(colleagues.slice(1)),
      reviewed_by_id: status === 'pending' ? null : store.user.id,
      created_at: created,
      updated_at: reviewed > created ? reviewed : created,
    });
  }
}
