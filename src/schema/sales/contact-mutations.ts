import type { GatewayContext } from '../../context.js';
import type { PennylaneContact } from '../../datasources/pennylane/sales-documents.js';
import { MAX_PAGE_SIZE } from '../../datasources/pennylane/common.js';
import { builder } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addCreateMutation, addUpdateMutation, definePayload, type RecordRef } from '../shared/mutation-fields.js';
import type { InputChecks } from '../shared/validation.js';
import { ContactRef, CUSTOMER_TYPENAMES } from './refs.js';
import { checkEmail, checkNotNull } from './sales-checks.js';
import { addDeleteMutation, defineDeletePayload } from './sales-writes.js';

/**
 * A customer's contacts (`/customers/{id}/contacts`, API.md §4.1 [2026]). Each write also
 * touches the customer (its `updated_at`), so the customer and its list change too.
 */
export interface ContactInput {
  customerId: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  jobTitle?: string | null;
}

const FIELDS: [keyof ContactInput, string][] = [
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['jobTitle', 'job_title'],
];

const contactInput = (name: string, description: string, customerDescription: string) =>
  builder.inputRef<ContactInput>(name).implement({
    description,
    fields: (t) => ({
      customerId: t.id({ required: true, description: customerDescription }),
      firstName: t.string({ required: false, description: 'First name.' }),
      lastName: t.string({ required: false, description: 'Last name.' }),
      email: t.string({ required: false, description: 'E-mail address.' }),
      phone: t.string({ required: false, description: 'Phone number.' }),
      jobTitle: t.string({ required: false, description: 'Job title.' }),
    }),
  });

const CreateContactInputRef = contactInput(
  'CreateCustomerContactInput',
  'A new contact at a customer: it needs a first name, a last name or an e-mail.',
  'The customer (global or Pennylane id).',
);
const UpdateContactInputRef = contactInput(
  'UpdateCustomerContactInput',
  'Fields of a contact to change; the others keep their value.',
  'The customer the contact belongs to (global or Pennylane id); it does not change.',
);

export const ContactPayload = definePayload<PennylaneContact>('ContactPayload', 'contact', ContactRef, 'A contact as written.');

function checkContact(input: ContactInput, checks: InputChecks, creating: boolean): void {
  checks.entityId(['input', 'customerId'], input.customerId, CUSTOMER_TYPENAMES);
  checkNotNull(checks, input, FIELDS.map(([field]) => field));
  checkEmail(checks, ['input', 'email'], input.email);
  const named = [input.firstName, input.lastName, input.email];
  const blank = (value: string | null | undefined) => !value?.trim();
  if (creating ? named.every(blank) : named.every((value) => value !== undefined && blank(value))) {
    checks.add(['input'], 'A contact needs a first name, a last name or an e-mail.', 'REQUIRED');
  }
}

function contactBody(input: ContactInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [from, to] of FIELDS) if (input[from] != null) body[to] = input[from];
  return body;
}

const customerOf = (input: ContactInput) => pennylaneIdOf(input.customerId, CUSTOMER_TYPENAMES);
/** The customer's record: its entity, and every sub-collection under it (its contacts). */
const customerRecord = (customerId: number): RecordRef => ({ resource: 'customers', path: '/customers', id: customerId });

/** Contacts have no external reference: after an unknown outcome, the newest contact with exactly these fields. */
async function findContact(ctx: GatewayContext, input: ContactInput): Promise<PennylaneContact | null> {
  const page = await ctx.pennylane.list<PennylaneContact>(
    `/customers/${customerOf(input)}/contacts`,
    { limit: MAX_PAGE_SIZE, sort: '-id' },
    { resource: 'contacts', cacheResponse: false, primeEntities: false },
  );
  const sent = contactBody(input) as Partial<Record<keyof PennylaneContact, unknown>>;
  return page.items.find((contact) => Object.entries(sent).every(([key, value]) => contact[key as keyof PennylaneContact] === value)) ?? null;
}

export const createCustomerContactDef = addCreateMutation<ContactInput, PennylaneContact>({
  name: 'createCustomerContact',
  description:
    'Adds a contact to a customer (`POST /customers/{id}/contacts`). Contacts have no external reference: pass an `idempotencyKey` to make a retry safe.',
  endpoint: 'POST /customers/{id}/contacts',
  input: CreateContactInputRef,
  payload: ContactPayload,
  noun: 'contact',
  resource: 'contacts',
  path: '/customers',
  postPath: (input) => `/customers/${customerOf(input)}/contacts`,
  alsoChangesRecords: (input) => [customerRecord(customerOf(input))],
  check: (input, checks) => checkContact(input, checks, true),
  toBody: (input) => contactBody(input),
  externalReferenceOf: () => null,
  find: (ctx, _ref, input) => findContact(ctx, input),
});

export const updateCustomerContactDef = addUpdateMutation<ContactInput, PennylaneContact>({
  name: 'updateCustomerContact',
  description: "Changes a customer's contact (`PUT /customers/{id}/contacts/{contact_id}`).",
  endpoint: 'PUT /customers/{id}/contacts/{contact_id}',
  input: UpdateContactInputRef,
  payload: ContactPayload,
  noun: 'contact',
  resource: 'contacts',
  path: '/customers',
  typenames: ['Contact'],
  pathOf: (id, input) => `/customers/${customerOf(input)}/contacts/${id}`,
  alsoChangesRecords: (input) => [customerRecord(customerOf(input))],
  check: (input, checks) => checkContact(input, checks, false),
  toBody: contactBody,
});

const DeleteContactPayload = defineDeletePayload(
  'DeleteCustomerContactPayload',
  'A contact that was deleted.',
  'The Pennylane id of the deleted contact (contacts have no global id).',
);

addDeleteMutation({
  name: 'deleteCustomerContact',
  description: "Deletes a customer's contact (`DELETE /customers/{id}/contacts/{contact_id}`).",
  endpoint: 'DELETE /customers/{id}/contacts/{contact_id}',
  noun: 'contact',
  resource: 'contacts',
  payload: DeleteContactPayload,
  args: (t) => ({
    customerId: t.arg.id({ required: true, description: 'The customer the contact belongs to: global id or Pennylane id.' }),
    id: t.arg.id({ required: true, description: 'Pennylane id of the contact.' }),
  }),
  locate: (args, checks) => {
    const customerId = checks.entityId(['customerId'], args.customerId, CUSTOMER_TYPENAMES);
    const id = checks.entityId(['id'], args.id, ['Contact']);
    if (customerId === null || id === null) return null;
    return {
      path: `/customers/${customerId}/contacts/${id}`,
      effects: { lists: ['/customers'], records: [customerRecord(customerId)] },
      deleted: { deletedId: String(id), pennylaneId: String(id) },
    };
  },
});
