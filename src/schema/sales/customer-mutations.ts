import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import { addSetCategoriesMutation } from '../analytics/category-weights.js';
import { addCreateMutation, addUpdateMutation, definePayload, type CreateMutation, type UpdateMutation } from '../shared/mutation-fields.js';
import {
  checkCustomer,
  CreateCompanyCustomerInputRef,
  CreateIndividualCustomerInputRef,
  customerBody,
  UpdateCompanyCustomerInputRef,
  UpdateIndividualCustomerInputRef,
  type CustomerInput,
} from './customer-inputs.js';
import { CUSTOMER_TYPENAMES, CustomerRef } from './refs.js';

/** Customers: create and update both kinds, and set their analytical categories (API.md §4.1, §4.5). */

export const CustomerPayload = definePayload<PennylaneCustomer>('CustomerPayload', 'customer', CustomerRef, 'A customer as written.');

/** A customer created without a ledger account gets a new 411… auxiliary account. */
const newAccountLists = (input: CustomerInput) => (input.ledgerAccountId ? [] : ['/ledger_accounts']);

const createDef = (kind: 'company' | 'individual'): Omit<CreateMutation<CustomerInput, PennylaneCustomer>, 'name' | 'description' | 'endpoint' | 'input' | 'check'> => ({
  payload: CustomerPayload,
  noun: `${kind} customer`,
  resource: 'customers',
  path: '/customers',
  postPath: `/${kind}_customers`,
  alsoChanges: newAccountLists,
  toBody: (input, externalReference) => ({ ...customerBody(input), external_reference: externalReference }),
  externalReferenceOf: (input) => input.externalReference,
});

export const createCompanyCustomerDef = addCreateMutation<CustomerInput, PennylaneCustomer>({
  ...createDef('company'),
  name: 'createCompanyCustomer',
  description:
    'Creates a customer that is a company (`POST /company_customers`). Without `ledgerAccountId`, Pennylane also creates its 411… auxiliary account.',
  endpoint: 'POST /company_customers',
  input: CreateCompanyCustomerInputRef,
  check: (input, checks) => checkCustomer(input, checks, ['name'], true),
});

export const createIndividualCustomerDef = addCreateMutation<CustomerInput, PennylaneCustomer>({
  ...createDef('individual'),
  name: 'createIndividualCustomer',
  description:
    'Creates a customer that is a person (`POST /individual_customers`). Without `ledgerAccountId`, Pennylane also creates its 411… auxiliary account.',
  endpoint: 'POST /individual_customers',
  input: CreateIndividualCustomerInputRef,
  check: (input, checks) => checkCustomer(input, checks, ['firstName', 'lastName'], true),
});

const updateDef = (kind: 'company' | 'individual'): Omit<UpdateMutation<CustomerInput, PennylaneCustomer>, 'name' | 'description' | 'endpoint' | 'input' | 'check'> => ({
  payload: CustomerPayload,
  noun: `${kind} customer`,
  resource: 'customers',
  path: `/${kind}_customers`,
  typenames: [kind === 'company' ? 'CompanyCustomer' : 'IndividualCustomer'],
  // Customers are listed (and looked up in batches) through `/customers`.
  alsoChanges: ['/customers'],
  toBody: customerBody,
});

export const updateCompanyCustomerDef = addUpdateMutation<CustomerInput, PennylaneCustomer>({
  ...updateDef('company'),
  name: 'updateCompanyCustomer',
  description: 'Changes a company customer (`PUT /company_customers/{id}`); an individual customer\'s id is refused (not found).',
  endpoint: 'PUT /company_customers/{id}',
  input: UpdateCompanyCustomerInputRef,
  check: (input, checks) => checkCustomer(input, checks, ['name'], false),
});

export const updateIndividualCustomerDef = addUpdateMutation<CustomerInput, PennylaneCustomer>({
  ...updateDef('individual'),
  name: 'updateIndividualCustomer',
  description: 'Changes an individual customer (`PUT /individual_customers/{id}`); a company customer\'s id is refused (not found).',
  endpoint: 'PUT /individual_customers/{id}',
  input: UpdateIndividualCustomerInputRef,
  check: (input, checks) => checkCustomer(input, checks, ['firstName', 'lastName'], false),
});

addSetCategoriesMutation<PennylaneCustomer>({
  name: 'setCustomerCategories',
  endpoint: 'PUT /customers/{id}/categories',
  description: "Replaces a customer's analytical categories (`PUT /customers/{id}/categories`); one more (batched) call returns the customer.",
  payload: CustomerPayload,
  noun: 'customer',
  resource: 'customers',
  path: '/customers',
  typenames: CUSTOMER_TYPENAMES,
});
