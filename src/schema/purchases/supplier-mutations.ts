import type { PennylaneSupplier } from '../../datasources/pennylane/purchases.js';
import { addSetCategoriesMutation } from '../analytics/category-weights.js';
import { builder } from '../builder.js';
import { postalAddressBody, PostalAddressInputRef, type PostalAddressInput } from '../shared/common-fields.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addCreateMutation, addUpdateMutation, definePayload, type CreateMutation } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import { checkAddress, checkEmails, checkIban, checkKnownValue, checkSiret, compactIban } from './party-checks.js';
import { SupplierRef } from './refs.js';
import { SupplierDueDateRule, SupplierPaymentMethod } from './supplier.js';

/** Suppliers: `POST /suppliers`, `PUT /suppliers/{id}`, `PUT /suppliers/{id}/categories` (API.md §4.2). */
export interface SupplierInput {
  name?: string | null;
  establishmentNo?: string | null;
  vatNumber?: string | null;
  emails?: string[] | null;
  iban?: string | null;
  postalAddress?: PostalAddressInput | null;
  supplierPaymentMethod?: string | null;
  supplierDueDateDelay?: number | null;
  supplierDueDateRule?: string | null;
  ledgerAccountId?: string | null;
  externalReference?: string | null;
}

function supplierInput(name: string, creating: boolean) {
  return builder.inputRef<SupplierInput>(name).implement({
    description: creating
      ? 'A new supplier. Without `ledgerAccountId`, Pennylane opens a 401… auxiliary account for it.'
      : 'Fields of a supplier to change; the others keep their value. Null clears a nullable field.',
    fields: (t) => ({
      name: t.string({ required: creating, description: 'Supplier name.' }),
      establishmentNo: t.string({ required: false, description: 'SIRET: 14 digits (SIREN 9 + NIC 5), French suppliers only.' }),
      vatNumber: t.string({ required: false, description: 'Intra-EU VAT number.' }),
      emails: t.stringList({ required: false, description: 'E-mail addresses (replace the current ones).' }),
      iban: t.string({ required: false, description: 'IBAN the supplier is paid on; its check digits are verified (mod 97). Spaces are removed.' }),
      postalAddress: t.field({ type: PostalAddressInputRef, required: false, description: 'Postal address.' }),
      supplierPaymentMethod: t.field({ type: SupplierPaymentMethod.ref, required: false, description: 'Usual payment method (not OTHER).' }),
      supplierDueDateDelay: t.int({ required: false, description: 'Payment delay in days, 0 or more.' }),
      supplierDueDateRule: t.field({ type: SupplierDueDateRule.ref, required: false, description: 'How the delay applies (not OTHER).' }),
      ledgerAccountId: t.id({ required: false, description: "The supplier's 401… ledger account (global or Pennylane id)." }),
      externalReference: t.string({
        required: false,
        description: creating ? 'Your own unique reference; also the default idempotency key.' : 'Your own unique reference.',
      }),
    }),
  });
}

export const CreateSupplierInputRef = supplierInput('CreateSupplierInput', true);
export const UpdateSupplierInputRef = supplierInput('UpdateSupplierInput', false);

export const SupplierPayload = definePayload<PennylaneSupplier>('SupplierPayload', 'supplier', SupplierRef, 'A supplier as written.');

function checkSupplier(input: SupplierInput, checks: InputChecks, creating: boolean): void {
  if (creating || input.name !== undefined) checks.required(['input', 'name'], input.name, 'The name');
  checkSiret(checks, ['input', 'establishmentNo'], input.establishmentNo);
  checkIban(checks, ['input', 'iban'], input.iban);
  checkEmails(checks, ['input', 'emails'], input.emails);
  checkAddress(checks, ['input', 'postalAddress'], input.postalAddress);
  checkKnownValue(checks, ['input', 'supplierPaymentMethod'], input.supplierPaymentMethod);
  checkKnownValue(checks, ['input', 'supplierDueDateRule'], input.supplierDueDateRule);
  if (input.supplierDueDateDelay != null && input.supplierDueDateDelay < 0) {
    checks.add(['input', 'supplierDueDateDelay'], 'A payment delay cannot be negative.', 'NEGATIVE');
  }
  if (input.ledgerAccountId) checks.entityId(['input', 'ledgerAccountId'], input.ledgerAccountId, ['LedgerAccount']);
  if (input.externalReference !== undefined && input.externalReference !== null) {
    checks.required(['input', 'externalReference'], input.externalReference, 'The external reference');
  }
}

/** Only the fields given: an update must not reset the others. */
export function supplierBody(input: SupplierInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy = (from: keyof SupplierInput, to: string) => {
    if (input[from] !== undefined) body[to] = input[from];
  };
  copy('name', 'name');
  copy('establishmentNo', 'establishment_no');
  copy('vatNumber', 'vat_number');
  copy('supplierPaymentMethod', 'supplier_payment_method');
  copy('supplierDueDateDelay', 'supplier_due_date_delay');
  copy('supplierDueDateRule', 'supplier_due_date_rule');
  copy('externalReference', 'external_reference');
  if (input.emails !== undefined) body.emails = input.emails ?? [];
  if (input.iban !== undefined) body.iban = input.iban === null ? '' : compactIban(input.iban);
  if (input.postalAddress) body.postal_address = postalAddressBody(input.postalAddress);
  if (input.ledgerAccountId !== undefined) {
    body.ledger_account = input.ledgerAccountId === null ? null : { id: pennylaneIdOf(input.ledgerAccountId, ['LedgerAccount']) };
  }
  return body;
}

export const createSupplierDef: CreateMutation<SupplierInput, PennylaneSupplier> = addCreateMutation<SupplierInput, PennylaneSupplier>({
  name: 'createSupplier',
  description: 'Creates a supplier (`POST /suppliers`); without a ledger account given, Pennylane opens a 401… auxiliary account for it.',
  endpoint: 'POST /suppliers',
  input: CreateSupplierInputRef,
  payload: SupplierPayload,
  noun: 'supplier',
  resource: 'suppliers',
  path: '/suppliers',
  // A new 401… account joins the chart unless the supplier gets an existing one.
  alsoChanges: (input) => (input.ledgerAccountId ? [] : ['/ledger_accounts']),
  check: (input, checks) => checkSupplier(input, checks, true),
  toBody: (input, externalReference) => ({ ...supplierBody(input), external_reference: externalReference }),
  externalReferenceOf: (input) => input.externalReference,
});

addUpdateMutation<SupplierInput, PennylaneSupplier>({
  name: 'updateSupplier',
  description: 'Changes a supplier (`PUT /suppliers/{id}`).',
  endpoint: 'PUT /suppliers/{id}',
  input: UpdateSupplierInputRef,
  payload: SupplierPayload,
  noun: 'supplier',
  resource: 'suppliers',
  path: '/suppliers',
  typenames: ['Supplier'],
  check: (input, checks) => checkSupplier(input, checks, false),
  toBody: supplierBody,
});

addSetCategoriesMutation<PennylaneSupplier>({
  name: 'setSupplierCategories',
  endpoint: 'PUT /suppliers/{id}/categories',
  description: "Replaces a supplier's analytical categories (`PUT /suppliers/{id}/categories`).",
  payload: SupplierPayload,
  noun: 'supplier',
  resource: 'suppliers',
  path: '/suppliers',
  typenames: ['Supplier'],
});
