import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import { builder } from '../builder.js';
import { ValidationError } from '../../datasources/writes/write-errors.js';
import { createRecord, updateRecord } from '../shared/record-writes.js';
import { CustomerTypeEnum } from '../sales/customer.js';
import { checkCustomer, checkCustomerCreatable, commonFields, customerBody, type CustomerInput } from '../sales/customer-inputs.js';
import {
  createCompanyCustomerDef,
  createIndividualCustomerDef,
  updateCompanyCustomerDef,
  updateIndividualCustomerDef,
} from '../sales/customer-mutations.js';
import { addBulkMutation, refuseUnlessCreatable } from './bulk-mutations.js';
import { upsertCalls, upsertItem, type UpsertTarget } from './upserts.js';

type UpsertCustomerInput = CustomerInput & { customerType: 'company' | 'individual'; externalReference: string };

const UpsertCustomerInputRef = builder.inputRef<UpsertCustomerInput>('UpsertCustomerInput').implement({
  description:
    'A customer matched by its external reference: updated if it exists, created otherwise (a billing address and a name, or first and last names, are then needed).',
  fields: (t) => ({
    customerType: t.field({ type: CustomerTypeEnum, required: true, description: 'Company or individual; must match an existing customer\'s kind.' }),
    name: t.string({ required: false, description: 'Company name (companies).' }),
    vatNumber: t.string({ required: false, description: 'Intra-EU VAT number (companies).' }),
    regNo: t.string({ required: false, description: 'Registration number, SIREN in France (companies).' }),
    firstName: t.string({ required: false, description: 'First name (individuals).' }),
    lastName: t.string({ required: false, description: 'Last name (individuals).' }),
    ...commonFields(t, false),
    externalReference: t.string({ required: true, description: 'Your reference, which identifies the customer.' }),
  }),
});

const DEFS = {
  company: { create: createCompanyCustomerDef, update: updateCompanyCustomerDef, names: ['name'] as const },
  individual: { create: createIndividualCustomerDef, update: updateIndividualCustomerDef, names: ['firstName', 'lastName'] as const },
};

addBulkMutation<UpsertCustomerInput>({
  name: 'upsertCustomers',
  description:
    'Syncs customers from another tool (CRM, e-commerce): each item is matched by external reference (one `external_reference in` call per 100 items), then created, updated, or left alone when the customer already holds its values (no call), as a company or an individual. Items naming the same customer apply in input order: the last one wins.',
  endpoints: ['GET /customers', 'POST /company_customers', 'POST /individual_customers', 'PUT /company_customers/{id}', 'PUT /individual_customers/{id}'],
  input: UpsertCustomerInputRef,
  noun: 'customer',
  check: (input, checks) => {
    checks.required(['input', 'externalReference'], input.externalReference, 'The external reference');
    checkCustomer(input, checks, DEFS[input.customerType].names, false);
  },
  backgroundCalls: upsertCalls,
  write: async (ctx, _input, key, index, all) => {
    const { record, change, replayed } = await upsertItem(ctx, customersTarget(index), all, index, key);
    return { record, typename: typenameOf(record), replayed, change };
  },
});

/** Created and updated as the item's kind; an existing customer of the other kind is refused. */
const customersTarget = (index: number): UpsertTarget<UpsertCustomerInput, PennylaneCustomer> => ({
  path: '/customers',
  resource: 'customers',
  body: (input) => ({ customer_type: input.customerType, ...customerBody(input) }),
  create: (ctx, input, key) => {
    refuseUnlessCreatable(index, (checks) => checkCustomerCreatable(input, checks, DEFS[input.customerType].names));
    return createRecord(ctx, DEFS[input.customerType].create, input, key, { referenceIsKey: false });
  },
  update: async (ctx, existing, input) => {
    if (existing.customer_type !== input.customerType) {
      throw new ValidationError(
        [{ path: ['inputs', String(index), 'customerType'], message: `The customer with this external reference is ${existing.customer_type === 'company' ? 'a company' : 'an individual'}.`, code: 'KIND_MISMATCH' }],
        'GATEWAY',
      );
    }
    return (await updateRecord(ctx, DEFS[input.customerType].update, existing.id, input)).record;
  },
});

const typenameOf = (customer: PennylaneCustomer) => (customer.customer_type === 'company' ? 'CompanyCustomer' : 'IndividualCustomer');
