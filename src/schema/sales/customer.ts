import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import { builder } from '../builder.js';
import { AddressRef } from '../shared/common-fields.js';
import { addLookupField, PENNYLANE_ID_DESCRIPTION } from '../shared/resource-fields.js';
import { ALL_OPERATORS, defineListFilter, SET_OPERATORS } from '../shared/filters.js';
import { defineOpenEnum } from '../shared/open-enum.js';
import { defineListSort } from '../shared/sorts.js';
import { addRootListField, type ResourceList } from '../shared/list-fields.js';
import { CUSTOMER_TYPENAMES, CustomerRef } from './refs.js';

export const PaymentConditions = defineOpenEnum('PaymentConditions', 'When a customer is expected to pay.', {
  UPON_RECEIPT: { value: 'upon_receipt', description: 'On receipt of the invoice.' },
  CUSTOM: { value: 'custom', description: 'Custom terms (no effect through the API).' },
  DAYS_15: { value: '15_days', description: '15 days.' },
  DAYS_30: { value: '30_days', description: '30 days (Pennylane\'s default).' },
  DAYS_45: { value: '45_days', description: '45 days.' },
  DAYS_60: { value: '60_days', description: '60 days.' },
});

export const CustomerTypeEnum = builder.enumType('CustomerType', {
  description: 'Whether a customer is a company or a person.',
  values: {
    COMPANY: { value: 'company', description: 'A company (has vatNumber and regNo).' },
    INDIVIDUAL: { value: 'individual', description: 'A person (has firstName and lastName).' },
  },
});

CustomerRef.implement({
  description: 'A customer of the company: a CompanyCustomer or an IndividualCustomer.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (customer) => (customer.customer_type === 'company' ? 'CompanyCustomer' : 'IndividualCustomer'),
  fields: (t) => ({
    pennylaneId: t.string({ description: PENNYLANE_ID_DESCRIPTION, resolve: (c) => String(c.id) }),
    customerType: t.field({ type: CustomerTypeEnum, description: 'Company or individual.', resolve: (c) => c.customer_type }),
    name: t.exposeString('name', { description: 'Display name (company name, or first and last name).' }),
    billingIban: t.exposeString('billing_iban', { nullable: true, description: 'IBAN used to collect payments.' }),
    paymentConditions: t.field({
      type: PaymentConditions.ref,
      nullable: true,
      description: 'Default payment terms of new invoices.',
      resolve: (c) => PaymentConditions.of(c.payment_conditions),
    }),
    recipient: t.exposeString('recipient', { nullable: true, description: 'Name the invoices are addressed to.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone number.' }),
    reference: t.exposeString('reference', { nullable: true, description: 'Internal reference set in Pennylane.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Free notes.' }),
    emails: t.stringList({ description: 'E-mail addresses invoices are sent to.', resolve: (c) => [...c.emails] }),
    billingAddress: t.field({ type: AddressRef, nullable: true, description: 'Billing address.', resolve: (c) => c.billing_address }),
    deliveryAddress: t.field({ type: AddressRef, nullable: true, description: 'Delivery address.', resolve: (c) => c.delivery_address }),
    externalReference: t.exposeString('external_reference', {
      nullable: true,
      description: 'Your own unique reference for this customer (unique per company).',
    }),
    billingLanguage: t.exposeString('billing_language', { nullable: true, description: 'Invoice language: fr_FR, en_GB or de_DE.' }),
    createdAt: t.field({ type: 'DateTime', description: 'Creation time.', resolve: (c) => c.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'Last change.', resolve: (c) => c.updated_at }),
  }),
});

export const customerFilter = defineListFilter('Customer', 'customers', {
  id: { field: 'id', kind: 'id', of: CUSTOMER_TYPENAMES, operators: ALL_OPERATORS, description: 'The customer\'s id.' },
  customerType: { field: 'customer_type', kind: 'enum', ref: CustomerTypeEnum, operators: ['eq', 'notEq'], description: 'Company or individual.' },
  ledgerAccountId: {
    field: 'ledger_account_id',
    kind: 'id',
    of: ['LedgerAccount'],
    operators: ['eq', 'notEq'],
    description: 'The customer\'s ledger account.',
  },
  name: { field: 'name', kind: 'string', operators: ['startWith'], description: 'Name prefix.' },
  externalReference: {
    field: 'external_reference',
    kind: 'string',
    operators: ['startWith', ...SET_OPERATORS],
    description: 'Your reference.',
  },
  regNo: { field: 'reg_no', kind: 'string', operators: SET_OPERATORS, description: 'Registration number (SIREN).' },
});

const customerSort = defineListSort('Customer', 'customers', ['id']);

export const CustomerConnection = builder.connectionObject(
  {
    type: CustomerRef,
    name: 'CustomerConnection',
    description: 'A page of customers.',
  },
  { name: 'CustomerEdge', description: 'One of a page of customers.' },
);

addLookupField('customer', {
  type: CustomerRef,
  typenames: CUSTOMER_TYPENAMES,
  resource: 'customers',
  description: 'A customer, company or individual, by id.',
  endpoints: ['GET /customers/{id}', 'GET /company_customers/{id}', 'GET /individual_customers/{id}'],
});

/** The customer list, from which every connection over it is made. */
export const customerList: ResourceList<PennylaneCustomer> = {
  type: CustomerRef,
  connection: CustomerConnection,
  filter: customerFilter,
  sort: customerSort,
  path: '/customers',
  resource: 'customers',
};

addRootListField(customerList, 'customers', 'Customers of both kinds, newest first by default (`GET /customers`): one call per page.');
