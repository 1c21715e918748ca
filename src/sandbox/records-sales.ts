/**
 * Records of the sales extras (API.md §4.1, §4.8): quotes, commercial
 * documents, billing subscriptions, sections, appendices, contacts, mandates…
 */
import type { Discount, PaymentConditions, Timestamps } from './records.js';

export const QUOTE_STATUSES = ['pending', 'accepted', 'denied', 'invoiced', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** Amounts of a document (document currency and EUR; all EUR in the seed). */
export interface DocumentAmounts {
  currency: string;
  exchange_rate: string;
  currency_amount_before_tax: string;
  currency_tax: string;
  currency_amount: string;
  amount_before_tax: string;
  tax: string;
  amount: string;
}

export interface QuoteRecord extends DocumentAmounts, Timestamps {
  id: number;
  quote_number: string;
  label: string | null;
  date: string;
  deadline: string;
  language: 'fr_FR' | 'en_GB';
  status: QuoteStatus;
  special_mention: string | null;
  filename: string;
  pdf_invoice_free_text: string;
  pdf_invoice_subject: string;
  pdf_description: string | null;
  customer_id: number;
  discount: Discount;
  external_reference: string;
  /** Simulated instant (µs) from which the PDF exists (run-time creations/edits; absent = already there). */
  pdf_ready_micros?: number;
}

export const COMMERCIAL_DOCUMENT_TYPES = ['purchase_order', 'proforma', 'delivery_note'] as const;
export type CommercialDocumentType = (typeof COMMERCIAL_DOCUMENT_TYPES)[number];

export interface CommercialDocumentRecord extends DocumentAmounts, Timestamps {
  id: number;
  document_type: CommercialDocumentType;
  document_number: string;
  date: string;
  deadline: string | null;
  label: string | null;
  customer_id: number;
  external_reference: string;
}

export const SUBSCRIPTION_STATUSES = ['in_progress', 'stopped', 'finished'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const SUBSCRIPTION_MODES = ['awaiting_validation', 'finalized', 'email'] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];
export const RECURRING_RULE_TYPES = ['weekly', 'monthly', 'yearly'] as const;
export type RecurringRuleType = (typeof RECURRING_RULE_TYPES)[number];

export interface BillingSubscriptionRecord extends DocumentAmounts, Timestamps {
  id: number;
  label: string;
  status: SubscriptionStatus;
  start: string;
  finish: string | null;
  day_of_month: number;
  /** Recurring rule (absent on seeded subscriptions: monthly, every month). */
  rule_type?: RecurringRuleType;
  interval?: number;
  mode: SubscriptionMode;
  payment_conditions: PaymentConditions;
  next_occurrence: string | null;
  customer_id: number;
}

/** Sections of a document: parent = a customer invoice, quote, commercial document or subscription (id spaces are disjoint). */
export interface InvoiceLineSectionRecord extends Timestamps {
  id: number;
  parent_id: number;
  title: string | null;
  description: string | null;
  rank: number;
}

export interface AppendixRecord extends Timestamps {
  id: number;
  parent_id: number;
  filename: string;
}

export interface CustomHeaderFieldRecord extends Timestamps {
  id: number;
  invoice_id: number;
  name: string;
  value: string;
}

export interface ContactRecord extends Timestamps {
  id: number;
  customer_id: number;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  job_title: string;
}

export type SepaMandateStatus = 'active' | 'revoked' | 'expired';

export interface SepaMandateRecord extends Timestamps {
  id: number;
  customer_id: number;
  reference: string;
  /** Masked, e.g. "FR76 **** **** 1234". */
  iban: string;
  signed_at: string;
  status: SepaMandateStatus;
}

export const GOCARDLESS_STATUSES = ['pending_submission', 'submitted', 'active', 'cancelled', 'failed'] as const;
export type GocardlessStatus = (typeof GOCARDLESS_STATUSES)[number];

export interface GocardlessMandateRecord extends Timestamps {
  id: number;
  customer_id: number;
  reference: string;
  status: GocardlessStatus;
}

/** Pro Account mandates and mandate migrations (served only to companies with a Pro Account). */
export interface ProAccountMandateRecord extends Timestamps {
  id: number;
  customer_id: number;
  status: string;
}

export interface CustomerInvoiceTemplateRecord extends Timestamps {
  id: number;
  name: string;
}

export interface NumberingRecord extends Timestamps {
  id: number;
  name: string;
  document_type: 'invoice' | 'credit_note' | 'quote';
  format: string;
  next_number: number;
}

export interface PaRegistrationRecord extends Timestamps {
  id: number;
  siret: string | null;
  status: 'registered' | 'pending';
  platform_name: string;
}

export interface WebhookSubscriptionRecord extends Timestamps {
  id: number;
  callback_url: string;
  events: string[];
  enabled: boolean;
  /** The signing secret (`whsec_…`): answered once, by the POST that created it; never serialized. */
  secret: string;
}

/** A file added to the document management system (no API route serves the DMS; it only raises `dms_file.created`). */
export interface DmsFileRecord extends Timestamps {
  id: number;
  filename: string;
}
