/**
 * Customer contacts [2026] (API.md §4.1): POST, PUT, DELETE. Fields are unverified
 * upstream (id, first_name, last_name, email, phone, job_title); a contact needs a
 * name or an e-mail. Contacts have no changelog: each write is an `update` of the customer.
 */
import { notFound, unprocessable } from '../errors.js';
import type { ContactRecord } from '../records-sales.js';
import type { CustomerRecord } from '../records.js';
import type { CompanyStore } from '../store.js';
import { obj, str, validateBody, type Json } from '../validate.js';
import { idParam, ok } from './helpers.js';
import { serializeContact } from './sales-extras.js';
import { pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const props = { first_name: str(), last_name: str(), email: str({ format: 'email' }), phone: str(), job_title: str() };
const schema = obj(props);
const FIELDS = ['first_name', 'last_name', 'email', 'phone', 'job_title'] as const;

function customerTouched(company: CompanyStore, customer: CustomerRecord, at: string): void {
  customer.updated_at = company.clock.after(at);
  company.tables.customers.put(customer);
  company.recordChange('customers', customer, 'update');
}

function apply(row: ContactRecord, body: Json): void {
  for (const key of FIELDS) if (typeof body[key] === 'string') row[key] = body[key] as string;
  if (`${row.first_name}${row.last_name}${row.email}`.trim() === '') throw unprocessable('A contact needs a first name, a last name or an email');
}

function contactOf(ctx: RouteContext): { customer: CustomerRecord; contact: ContactRecord } {
  const customer = pathRecord(ctx, ctx.company.tables.customers);
  const contact = ctx.company.tables.contacts.get(idParam(ctx, 'contact_id'));
  if (!contact || contact.customer_id !== customer.id) throw notFound();
  return { customer, contact };
}

function create(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const customer = pathRecord(ctx, company.tables.customers);
  const body = validateBody(schema, ctx.body);
  const now = company.clock.nowIso();
  const row: ContactRecord = { id: company.ids.next('contacts'), customer_id: customer.id, first_name: '', last_name: '', email: '', phone: '', job_title: '', created_at: now, updated_at: now };
  apply(row, body);
  company.tables.contacts.put(row);
  customerTouched(company, customer, now);
  return ok(serializeContact(row, ctx), 201);
}

function update(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const { customer, contact } = contactOf(ctx);
  const body = validateBody(schema, ctx.body);
  const row = structuredClone(contact);
  apply(row, body);
  row.updated_at = company.clock.after(contact.updated_at);
  company.tables.contacts.put(row);
  customerTouched(company, customer, row.updated_at);
  return ok(serializeContact(row, ctx));
}

function remove(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const { customer, contact } = contactOf(ctx);
  company.tables.contacts.delete(contact.id);
  customerTouched(company, customer, company.clock.nowIso());
  return { status: 204 };
}

export const contactRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/customers/{id}/contacts', scope: 'customers', handler: create },
  { method: 'PUT', path: '/customers/{id}/contacts/{contact_id}', scope: 'customers', handler: update },
  { method: 'DELETE', path: '/customers/{id}/contacts/{contact_id}', scope: 'customers', handler: remove },
];
