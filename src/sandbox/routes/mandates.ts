/**
 * Customer mandates (API.md §4.1 [2026]): SEPA, GoCardless and Pro Account.
 * The pro_account routes answer 404 unless the company has a Pro Account.
 */
import { notFound } from '../errors.js';
import type { ListSpec } from '../list-engine.js';
import type { GocardlessMandateRecord, ProAccountMandateRecord, SepaMandateRecord } from '../records-sales.js';
import { getRoute, listRoute, pageOf, ref } from './helpers.js';
import type { ResourceDef, RouteSpec, SerializeContext } from './types.js';

export function serializeSepaMandate(m: SepaMandateRecord, ctx: SerializeContext): Record<string, unknown> {
  return {
    id: m.id, customer: ref(ctx, 'customers', m.customer_id), reference: m.reference, iban: m.iban, signed_at: m.signed_at,
    status: m.status, created_at: m.created_at, updated_at: m.updated_at,
  };
}

export function serializeGocardlessMandate(m: GocardlessMandateRecord, ctx: SerializeContext): Record<string, unknown> {
  return { id: m.id, customer: ref(ctx, 'customers', m.customer_id), reference: m.reference, status: m.status, created_at: m.created_at, updated_at: m.updated_at };
}

export function serializeProAccountMandate(m: ProAccountMandateRecord, ctx: SerializeContext): Record<string, unknown> {
  return { id: m.id, customer: ref(ctx, 'customers', m.customer_id), status: m.status, created_at: m.created_at, updated_at: m.updated_at };
}

export const sepaMandateResource: ResourceDef<SepaMandateRecord> = { name: 'sepa_mandates', rows: (c) => c.tables.sepa_mandates.all(), serialize: serializeSepaMandate };
export const gocardlessMandateResource: ResourceDef<GocardlessMandateRecord> = {
  name: 'gocardless_mandates',
  rows: (c) => c.tables.gocardless_mandates.all(),
  serialize: serializeGocardlessMandate,
};

const scope = 'customer_mandates';
const proList: ListSpec<ProAccountMandateRecord> = {};

function proAccountRoute(path: string, table: 'pro_account_mandates' | 'mandate_migrations'): RouteSpec {
  return {
    method: 'GET',
    path,
    scope,
    handler: (ctx) => {
      if (!ctx.company.proAccount) throw notFound();
      return pageOf(ctx, ctx.company.tables[table].all(), proList, serializeProAccountMandate);
    },
  };
}

export const mandateRoutes: readonly RouteSpec[] = [
  listRoute({ path: '/sepa_mandates', scope, rows: sepaMandateResource.rows, list: {}, serialize: serializeSepaMandate }),
  getRoute({ path: '/sepa_mandates/{id}', scope, find: (c, id) => c.tables.sepa_mandates.get(id), serialize: serializeSepaMandate }),
  listRoute({ path: '/gocardless_mandates', scope, rows: gocardlessMandateResource.rows, list: {}, serialize: serializeGocardlessMandate }),
  getRoute({ path: '/gocardless_mandates/{id}', scope, find: (c, id) => c.tables.gocardless_mandates.get(id), serialize: serializeGocardlessMandate }),
  proAccountRoute('/pro_account/mandates', 'pro_account_mandates'),
  proAccountRoute('/pro_account/mandate_migrations', 'mandate_migrations'),
];
