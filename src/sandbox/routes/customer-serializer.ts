/** Customer → API JSON (both kinds). */
import type { CustomerRecord } from '../records.js';
import { apiUrl, type SerializeContext } from './types.js';

export function serializeCustomer(c: CustomerRecord, ctx: SerializeContext): Record<string, unknown> {
  const kindFields =
    c.customer_type === 'company'
      ? { vat_number: c.vat_number ?? '', reg_no: c.reg_no ?? '' }
      : { first_name: c.first_name ?? '', last_name: c.last_name ?? '' };
  return {
    id: c.id,
    name: c.name,
    customer_type: c.customer_type,
    ...kindFields,
    billing_iban: c.billing_iban,
    payment_conditions: c.payment_conditions,
    recipient: c.recipient,
    phone: c.phone,
    reference: c.reference,
    notes: c.notes,
    ledger_account: c.ledger_account_id === null ? null : { id: c.ledger_account_id },
    emails: [...c.emails],
    billing_address: { ...c.billing_address },
    delivery_address: { ...c.delivery_address },
    external_reference: c.external_reference,
    billing_language: c.billing_language,
    contacts: { url: apiUrl(ctx.links, `/customers/${c.id}/contacts`) },
    mandates: { url: apiUrl(ctx.links, `/customers/${c.id}/mandates`) },
    pro_account_mandates: { url: apiUrl(ctx.links, `/customers/${c.id}/pro_account_mandates`) },
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}
