import type { ObjectRef } from '@pothos/core';
import type { PennylaneMandate, PennylaneProAccountMandate } from '../../datasources/pennylane/sales-documents.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import type { GatewayContext } from '../../context.js';
import { builder, type BuilderTypes } from '../builder.js';
import type { Connection, ConnectionArgs } from '../shared/connection.js';
import { nodesOrRejections } from '../shared/ids.js';
import {
  addSingleLookupField,
  endpoints,
  pennylaneIdField,
  subCollectionResolver,
  timestampFields,
} from '../shared/resource-fields.js';
import { customerField } from './document-fields.js';

/**
 * Direct-debit mandates of customers (API.md §4.1, scope customer_mandates): SEPA and
 * GoCardless mandates, and the Pro Account's. None has an id filter, so lookups cost one
 * `GET /{resource}/{id}` each.
 */

type Fields<T> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>;

function mandateFields(t: Fields<PennylaneMandate>, kind: string) {
  return {
    pennylaneId: pennylaneIdField(t),
    reference: t.string({ nullable: true, description: `Unique mandate reference (RUM) of the ${kind} mandate.`, resolve: (m) => m.reference ?? null }),
    status: t.exposeString('status', { description: `Status of the ${kind} mandate, as Pennylane reports it (e.g. active, cancelled).` }),
    iban: t.string({ nullable: true, description: 'IBAN of the debited account, as Pennylane shows it.', resolve: (m) => m.iban ?? null }),
    bic: t.string({ nullable: true, description: 'BIC of the debited account.', resolve: (m) => m.bic ?? null }),
    signedAt: t.field({ type: 'Date', nullable: true, description: 'Signature date.', resolve: (m) => m.signed_at ?? null }),
    ...timestampFields(t),
    customer: customerField(t, 'mandate'),
  };
}

export const SepaMandateRef = builder.objectRef<PennylaneMandate>('SepaMandate');
export const GocardlessMandateRef = builder.objectRef<PennylaneMandate>('GocardlessMandate');

builder.node(SepaMandateRef, {
  description: 'A SEPA direct-debit mandate signed by a customer.',
  id: { resolve: (mandate) => String(mandate.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.single<PennylaneMandate>('sepa_mandates').loadMany(ids)),
  fields: (t) => mandateFields(t, 'SEPA'),
});

builder.node(GocardlessMandateRef, {
  description: 'A GoCardless direct-debit mandate of a customer (billing subscriptions may collect through it).',
  id: { resolve: (mandate) => String(mandate.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.single<PennylaneMandate>('gocardless_mandates').loadMany(ids)),
  fields: (t) => mandateFields(t, 'GoCardless'),
});

const ProAccountMandateRef = builder.objectRef<PennylaneProAccountMandate>('ProAccountMandate').implement({
  description: 'A direct-debit mandate collected through the Pennylane Pro Account.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    reference: t.string({ nullable: true, description: 'Unique mandate reference (RUM).', resolve: (m) => m.reference ?? null }),
    status: t.exposeString('status', { description: 'Status, as Pennylane reports it.' }),
    customer: customerField(t, 'mandate'),
    ...timestampFields(t),
  }),
});

const ProAccountMandateMigrationRef = builder.objectRef<PennylaneProAccountMandate>('ProAccountMandateMigration').implement({
  description: 'An existing mandate that can be migrated to the Pro Account (only `available` ones can).',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    reference: t.string({ nullable: true, description: 'Unique mandate reference (RUM).', resolve: (m) => m.reference ?? null }),
    status: t.exposeString('status', { description: 'Migration status, e.g. available.' }),
    customer: customerField(t, 'mandate'),
    ...timestampFields(t),
  }),
});

const connection = <T extends object>(type: ObjectRef<BuilderTypes, T>, name: string, noun: string) =>
  builder.connectionObject({ type, name: `${name}Connection`, description: `A page of ${noun}.` }, {
    name: `${name}Edge`,
    description: `One of a page of ${noun}.`,
  });

const SepaMandateConnection = connection(SepaMandateRef, 'SepaMandate', 'SEPA mandates');
const GocardlessMandateConnection = connection(GocardlessMandateRef, 'GocardlessMandate', 'GoCardless mandates');
const ProAccountMandateConnection = connection(ProAccountMandateRef, 'ProAccountMandate', 'Pro Account mandates');
const ProAccountMandateMigrationConnection = connection(
  ProAccountMandateMigrationRef,
  'ProAccountMandateMigration',
  'mandates that can migrate to the Pro Account',
);

const EMPTY_PAGE_INFO = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } as const;

/** Pennylane answers 404 to Pro Account lists when the company has no Pro Account: that is an empty list. */
function proAccountList<T extends { id: number }>(path: string) {
  const read = subCollectionResolver<unknown, T>({ path: () => path, resource: 'mandates' });
  return async (parent: unknown, args: ConnectionArgs, ctx: GatewayContext): Promise<Connection<T>> => {
    try {
      return await read(parent, args, ctx);
    } catch (error) {
      if (error instanceof UpstreamHttpError && error.status === 404) return { edges: [], pageInfo: EMPTY_PAGE_INFO };
      throw error;
    }
  };
}

builder.queryFields((t) => ({
  sepaMandates: t.connection(
    {
      type: SepaMandateRef,
      ...endpoints('GET /sepa_mandates'),
      description: 'SEPA direct-debit mandates (`GET /sepa_mandates`): one call per page. Pennylane offers no filter on this list.',
      resolve: subCollectionResolver<unknown, PennylaneMandate>({ path: () => '/sepa_mandates', resource: 'mandates' }),
    },
    SepaMandateConnection,
  ),
  gocardlessMandates: t.connection(
    {
      type: GocardlessMandateRef,
      ...endpoints('GET /gocardless_mandates'),
      description: 'GoCardless mandates (`GET /gocardless_mandates`): one call per page. Pennylane offers no filter on this list.',
      resolve: subCollectionResolver<unknown, PennylaneMandate>({ path: () => '/gocardless_mandates', resource: 'mandates' }),
    },
    GocardlessMandateConnection,
  ),
  proAccountMandates: t.connection(
    {
      type: ProAccountMandateRef,
      ...endpoints('GET /pro_account/mandates'),
      description:
        'Mandates collected through the Pennylane Pro Account (`GET /pro_account/mandates`): one call per page. Empty when the company has no Pro Account (Pennylane answers 404 then).',
      resolve: proAccountList<PennylaneProAccountMandate>('/pro_account/mandates'),
    },
    ProAccountMandateConnection,
  ),
  proAccountMandateMigrations: t.connection(
    {
      type: ProAccountMandateMigrationRef,
      ...endpoints('GET /pro_account/mandate_migrations'),
      description:
        'Mandates that can be migrated to the Pro Account (`GET /pro_account/mandate_migrations`): one call per page. Empty when the company has no Pro Account (Pennylane answers 404 then).',
      resolve: proAccountList<PennylaneProAccountMandate>('/pro_account/mandate_migrations'),
    },
    ProAccountMandateMigrationConnection,
  ),
}));

addSingleLookupField('sepaMandate', {
  type: SepaMandateRef,
  typenames: ['SepaMandate'],
  resource: 'sepa_mandates',
  description: 'A SEPA mandate by id.',
  endpoints: ['GET /sepa_mandates/{id}'],
});

addSingleLookupField('gocardlessMandate', {
  type: GocardlessMandateRef,
  typenames: ['GocardlessMandate'],
  resource: 'gocardless_mandates',
  description: 'A GoCardless mandate by id.',
  endpoints: ['GET /gocardless_mandates/{id}'],
});
