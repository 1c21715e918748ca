import type { PennylaneSupplier } from '../../datasources/pennylane/purchases.js';
import { builder } from '../builder.js';
import { AddressRef } from '../shared/common-fields.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { addLookupField, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addRootListField, type ResourceList } from '../shared/list-fields.js';
import { SupplierRef } from './refs.js';

export const SupplierPaymentMethod = defineOpenEnum('SupplierPaymentMethod', 'How the company usually pays a supplier.', {
  AUTOMATIC_TRANSFER: { value: 'automatic_transfer', description: 'Automatic transfer.' },
  MANUAL_TRANSFER: { value: 'manual_transfer', description: 'Manual transfer.' },
  AUTOMATIC_DEBITING: { value: 'automatic_debiting', description: 'Direct debit by the supplier.' },
  BILL_OF_EXCHANGE: { value: 'bill_of_exchange', description: 'Bill of exchange.' },
  CHECK: { value: 'check', description: 'Cheque.' },
  CASH: { value: 'cash', description: 'Cash.' },
  CARD: { value: 'card', description: 'Card.' },
});

export const SupplierDueDateRule = defineOpenEnum('SupplierDueDateRule', 'How a supplier invoice\'s deadline is computed.', {
  DAYS: { value: 'days', description: 'A number of days after the invoice date.' },
  DAYS_OR_END_OF_MONTH: { value: 'days_or_end_of_month', description: 'Days, then end of month.' },
});

builder.node(SupplierRef, {
  description: 'A supplier of the company.',
  id: { resolve: (supplier) => String(supplier.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneSupplier>('suppliers').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    name: t.exposeString('name', { description: 'Supplier name.' }),
    establishmentNo: t.exposeString('establishment_no', {
      nullable: true,
      description: 'SIRET (SIREN 9 digits + NIC 5 digits), French suppliers only.',
    }),
    vatNumber: t.exposeString('vat_number', { nullable: true, description: 'Intra-EU VAT number.' }),
    emails: t.stringList({ description: 'E-mail addresses.', resolve: (s) => [...s.emails] }),
    iban: t.exposeString('iban', { nullable: true, description: 'IBAN the supplier is paid on.' }),
    postalAddress: t.field({ type: AddressRef, nullable: true, description: 'Postal address.', resolve: (s) => s.postal_address }),
    supplierPaymentMethod: t.field({
      type: SupplierPaymentMethod.ref,
      nullable: true,
      description: 'Usual payment method.',
      resolve: (s) => SupplierPaymentMethod.of(s.supplier_payment_method),
    }),
    supplierDueDateDelay: t.int({
      nullable: true,
      description: 'Payment delay in days.',
      resolve: (s) => s.supplier_due_date_delay,
    }),
    supplierDueDateRule: t.field({
      type: SupplierDueDateRule.ref,
      nullable: true,
      description: 'How the delay applies.',
      resolve: (s) => SupplierDueDateRule.of(s.supplier_due_date_rule),
    }),
    externalReference: t.exposeString('external_reference', { nullable: true, description: 'Your own unique reference.' }),
    ...timestampFields(t),
  }),
});

export const supplierFilter = defineListFilter('Supplier', 'suppliers', {
  id: { field: 'id', kind: 'id', of: ['Supplier'], operators: ALL_OPERATORS, description: 'The supplier\'s id.' },
  ledgerAccountId: {
    field: 'ledger_account_id',
    kind: 'id',
    of: ['LedgerAccount'],
    operators: ['eq', 'notEq'],
    description: 'The supplier\'s ledger account.',
  },
  name: { field: 'name', kind: 'string', operators: ['startWith'], description: 'Name prefix.' },
  externalReference: { field: 'external_reference', kind: 'string', operators: SET_OPERATORS, description: 'Your reference.' },
  emails: { field: 'emails', kind: 'string', operators: ['in'], description: 'Any of these e-mail addresses.' },
});

const supplierSort = defineListSort('Supplier', 'suppliers', ['id']);

export const SupplierConnection = builder.connectionObject(
  { type: SupplierRef, name: 'SupplierConnection', description: 'A page of suppliers.' },
  { name: 'SupplierEdge', description: 'One of a page of suppliers.' },
);

addLookupField('supplier', {
  type: SupplierRef,
  typenames: ['Supplier'],
  resource: 'suppliers',
  description: 'A supplier by id.',
  endpoints: ['GET /suppliers/{id}'],
});

/** The supplier list, from which every connection over it is made. */
export const supplierList: ResourceList<PennylaneSupplier> = {
  type: SupplierRef,
  connection: SupplierConnection,
  filter: supplierFilter,
  sort: supplierSort,
  path: '/suppliers',
  resource: 'suppliers',
};

addRootListField(supplierList, 'suppliers', 'Suppliers, newest first by default (`GET /suppliers`): one call per page.');
