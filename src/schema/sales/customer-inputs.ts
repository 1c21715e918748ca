import { builder, type BuilderTypes } from '../builder.js';
import { checkEmails, checkIban, checkKnownValue, compactIban } from '../purchases/party-checks.js';
import { postalAddressBody, PostalAddressInputRef, type PostalAddressInput } from '../shared/common-fields.js';
import { pennylaneIdOf } from '../shared/ids.js';
import type { InputChecks } from '../shared/validation.js';
import { PaymentConditions } from './customer.js';
import { checkAddress, checkNotNull } from './sales-checks.js';

/**
 * Inputs of the customer writes (`POST`/`PUT /company_customers`, `/individual_customers`,
 * API.md §4.1), their gateway checks and their Pennylane bodies.
 */

export const BillingLanguageEnum = builder.enumType('BillingLanguage', {
  description: 'Language of the documents sent to a customer.',
  values: {
    FR_FR: { value: 'fr_FR', description: 'French.' },
    EN_GB: { value: 'en_GB', description: 'English.' },
    DE_DE: { value: 'de_DE', description: 'German.' },
  },
});

/** Fields both kinds of customer share. */
export interface CustomerInput {
  name?: string | null;
  vatNumber?: string | null;
  regNo?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  billingAddress?: PostalAddressInput | null;
  deliveryAddress?: PostalAddressInput | null;
  billingIban?: string | null;
  paymentConditions?: string | null;
  recipient?: string | null;
  phone?: string | null;
  reference?: string | null;
  notes?: string | null;
  emails?: string[] | null;
  externalReference?: string | null;
  billingLanguage?: string | null;
  ledgerAccountId?: string | null;
}

type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

/** The optional fields of both kinds, for creates (`creating`) and updates. */
export function commonFields(t: InputFields, creating: boolean) {
  return {
    billingAddress: t.field({
      type: PostalAddressInputRef,
      required: creating,
      description: creating ? 'Billing address (required).' : 'Billing address (replaces the whole address).',
    }),
    deliveryAddress: t.field({
      type: PostalAddressInputRef,
      required: false,
      description: creating ? 'Delivery address; defaults to the billing address.' : 'Delivery address (replaces the whole address).',
    }),
    billingIban: t.string({ required: false, description: 'IBAN to collect payments from (checked with its mod-97 digits); null clears it.' }),
    paymentConditions: t.field({
      type: PaymentConditions.ref,
      required: false,
      description: creating ? 'Default payment terms of new invoices; Pennylane defaults to DAYS_30.' : 'Default payment terms of new invoices.',
    }),
    recipient: t.string({ required: false, description: 'Name the invoices are addressed to.' }),
    phone: t.string({ required: false, description: 'Phone number.' }),
    reference: t.string({ required: false, description: 'Internal reference; null clears it.' }),
    notes: t.string({ required: false, description: 'Free notes; null clears them.' }),
    emails: t.stringList({ required: false, description: 'E-mail addresses invoices are sent to (replaces the list).' }),
    externalReference: t.string({
      required: false,
      description: creating ? 'Your own unique reference; also the default idempotency key.' : 'Your own unique reference.',
    }),
    billingLanguage: t.field({ type: BillingLanguageEnum, required: false, description: 'Language of the documents sent to the customer.' }),
    ledgerAccountId: t.id({
      required: false,
      description: creating
        ? 'An existing 411… customer account (global or Pennylane id); without it Pennylane creates an auxiliary account.'
        : 'Another 411… customer account (global or Pennylane id).',
    }),
  };
}

export const CreateCompanyCustomerInputRef = builder.inputRef<CustomerInput>('CreateCompanyCustomerInput').implement({
  description: 'A new customer that is a company.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Company name.' }),
    vatNumber: t.string({ required: false, description: 'Intra-EU VAT number.' }),
    regNo: t.string({ required: false, description: 'Registration number (SIREN in France).' }),
    ...commonFields(t, true),
  }),
});

export const UpdateCompanyCustomerInputRef = builder.inputRef<CustomerInput>('UpdateCompanyCustomerInput').implement({
  description: 'Fields of a company customer to change; the others keep their value.',
  fields: (t) => ({
    name: t.string({ required: false, description: 'Company name.' }),
    vatNumber: t.string({ required: false, description: 'Intra-EU VAT number.' }),
    regNo: t.string({ required: false, description: 'Registration number (SIREN in France).' }),
    ...commonFields(t, false),
  }),
});

export const CreateIndividualCustomerInputRef = builder.inputRef<CustomerInput>('CreateIndividualCustomerInput').implement({
  description: 'A new customer that is a person.',
  fields: (t) => ({
    firstName: t.string({ required: true, description: 'First name.' }),
    lastName: t.string({ required: true, description: 'Last name.' }),
    ...commonFields(t, true),
  }),
});

export const UpdateIndividualCustomerInputRef = builder.inputRef<CustomerInput>('UpdateIndividualCustomerInput').implement({
  description: 'Fields of an individual customer to change; the others keep their value.',
  fields: (t) => ({
    firstName: t.string({ required: false, description: 'First name.' }),
    lastName: t.string({ required: false, description: 'Last name.' }),
    ...commonFields(t, false),
  }),
});

/** Fields Pennylane cannot set to null (text and lists; send "" or [] to empty them). */
const NOT_NULL = [
  'name', 'vatNumber', 'regNo', 'firstName', 'lastName', 'billingAddress', 'deliveryAddress', 'paymentConditions',
  'recipient', 'phone', 'emails', 'externalReference', 'billingLanguage', 'ledgerAccountId',
];

/** Checks of both kinds; `names` are the fields that must not be blank when given (or on create). */
export function checkCustomer(input: CustomerInput, checks: InputChecks, names: readonly ('name' | 'firstName' | 'lastName')[], creating: boolean): void {
  for (const field of names) {
    if (creating || (input[field] !== undefined && input[field] !== null)) checks.required(['input', field], input[field], 'This name');
  }
  checkNotNull(checks, input, NOT_NULL);
  checkAddress(checks, ['input', 'billingAddress'], input.billingAddress);
  checkAddress(checks, ['input', 'deliveryAddress'], input.deliveryAddress);
  checkIban(checks, ['input', 'billingIban'], input.billingIban);
  checkKnownValue(checks, ['input', 'paymentConditions'], input.paymentConditions);
  checkEmails(checks, ['input', 'emails'], input.emails);
  if (input.externalReference !== undefined) checks.required(['input', 'externalReference'], input.externalReference, 'An external reference');
  if (input.ledgerAccountId) checks.entityId(['input', 'ledgerAccountId'], input.ledgerAccountId, ['LedgerAccount']);
}

/**
 * What Pennylane requires to create a customer (API.md §4.1), for inputs whose GraphQL type
 * cannot require it (an upsert that turns out to be a create).
 */
export function checkCustomerCreatable(input: CustomerInput, checks: InputChecks, names: readonly ('name' | 'firstName' | 'lastName')[]): void {
  for (const field of names) checks.required(['input', field], input[field], 'This name');
  if (!input.billingAddress) checks.add(['input', 'billingAddress'], 'A billing address is required to create a customer.', 'REQUIRED');
}

/** Only the fields given: an update must not reset the others. */
export function customerBody(input: CustomerInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy: [keyof CustomerInput, string][] = [
    ['name', 'name'], ['vatNumber', 'vat_number'], ['regNo', 'reg_no'], ['firstName', 'first_name'], ['lastName', 'last_name'],
    ['paymentConditions', 'payment_conditions'], ['recipient', 'recipient'], ['phone', 'phone'], ['reference', 'reference'],
    ['notes', 'notes'], ['externalReference', 'external_reference'], ['billingLanguage', 'billing_language'],
  ];
  for (const [from, to] of copy) if (input[from] !== undefined) body[to] = input[from];
  if (input.emails) body.emails = [...input.emails];
  if (input.billingIban !== undefined) body.billing_iban = input.billingIban === null ? null : compactIban(input.billingIban);
  if (input.billingAddress) body.billing_address = postalAddressBody(input.billingAddress);
  if (input.deliveryAddress) body.delivery_address = postalAddressBody(input.deliveryAddress);
  if (input.ledgerAccountId) body.ledger_account = { id: pennylaneIdOf(input.ledgerAccountId, ['LedgerAccount']) };
  return body;
}
