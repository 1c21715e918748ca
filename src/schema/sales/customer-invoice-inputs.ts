import { builder } from '../builder.js';
import { pennylaneIdOf } from '../shared/ids.js';
import type { InputChecks } from '../shared/validation.js';
import { DiscountTypeEnum } from './discount.js';
import { CUSTOMER_TYPENAMES } from './refs.js';

/**
 * Inputs shared by the writes of invoice-like documents (customer invoices, quotes,
 * subscriptions): lines and discounts, their gateway checks, and their Pennylane bodies.
 */

export interface DiscountInput {
  type: 'absolute' | 'relative';
  value: string;
}

export interface InvoiceLineInput {
  quantity: string;
  productId?: string | null;
  label?: string | null;
  rawCurrencyUnitPrice?: string | null;
  unit?: string | null;
  vatRate?: string | null;
  description?: string | null;
  sectionRank?: number | null;
  discount?: DiscountInput | null;
  ledgerAccountId?: string | null;
}

export const DiscountInputRef = builder.inputRef<DiscountInput>('DiscountInput').implement({
  description: 'A discount: an amount in the document currency, or a percentage.',
  fields: (t) => ({
    type: t.field({ type: DiscountTypeEnum, required: true, description: 'Amount or percentage.' }),
    value: t.field({ type: 'Decimal', required: true, description: 'The amount, or the percentage (0 to 100).' }),
  }),
});

export const InvoiceLineInputRef = builder.inputRef<InvoiceLineInput>('InvoiceLineInput').implement({
  description:
    'A line: either a product (label, price, VAT rate and unit come from it) or a free line with label, rawCurrencyUnitPrice, unit and vatRate.',
  fields: (t) => ({
    quantity: t.field({ type: 'Decimal', required: true, description: 'Quantity, a decimal string; negative on credit notes.' }),
    productId: t.id({ required: false, description: 'The product the line is made from (global or Pennylane id).' }),
    label: t.string({ required: false, description: 'Label (required without a product).' }),
    rawCurrencyUnitPrice: t.field({
      type: 'Decimal',
      required: false,
      description: 'Unit price excluding tax, in the document currency (required without a product).',
    }),
    unit: t.string({ required: false, description: 'Unit, e.g. piece, hour (required without a product).' }),
    vatRate: t.string({ required: false, description: 'VAT rate code, e.g. FR_200 (required without a product).' }),
    description: t.string({ required: false, description: 'Longer description.' }),
    sectionRank: t.int({ required: false, description: 'Rank of the section the line belongs to.' }),
    discount: t.field({ type: DiscountInputRef, required: false, description: 'Discount on this line.' }),
    ledgerAccountId: t.id({ required: false, description: 'Revenue ledger account of this line (global or Pennylane id).' }),
  }),
});

export const InvoiceLanguageEnum = builder.enumType('InvoiceLanguage', {
  description: 'Language of a sales document.',
  values: {
    FR_FR: { value: 'fr_FR', description: 'French.' },
    EN_GB: { value: 'en_GB', description: 'English.' },
  },
});

export function checkDiscount(checks: InputChecks, path: (string | number)[], discount: DiscountInput | null | undefined): void {
  if (!discount) return;
  if (discount.value.startsWith('-')) checks.add([...path, 'value'], 'A discount cannot be negative.', 'NEGATIVE');
  if (discount.type === 'relative' && Number(discount.value) > 100) {
    checks.add([...path, 'value'], 'A percentage discount cannot exceed 100.', 'TOO_LARGE');
  }
}

export function checkLines(checks: InputChecks, path: (string | number)[], lines: readonly InvoiceLineInput[] | null | undefined): void {
  checks.count(path, lines, 1, 1_000, 'invoice lines');
  for (const [index, line] of (lines ?? []).entries()) {
    const at = [...path, index];
    if (line.productId) {
      checks.entityId([...at, 'productId'], line.productId, ['Product']);
    } else {
      checks.required([...at, 'label'], line.label, 'A line without a product needs a label; it');
      checks.required([...at, 'rawCurrencyUnitPrice'], line.rawCurrencyUnitPrice, 'A line without a product needs a price; it');
      checks.required([...at, 'vatRate'], line.vatRate, 'A line without a product needs a VAT rate; it');
      checks.required([...at, 'unit'], line.unit, 'A line without a product needs a unit (e.g. piece, hour); it');
    }
    checks.vatRate([...at, 'vatRate'], line.vatRate);
    if (line.ledgerAccountId) checks.entityId([...at, 'ledgerAccountId'], line.ledgerAccountId, ['LedgerAccount']);
    checkDiscount(checks, [...at, 'discount'], line.discount);
  }
}

export function lineBody(line: InvoiceLineInput): Record<string, unknown> {
  const body: Record<string, unknown> = { quantity: line.quantity };
  if (line.productId) body.product_id = pennylaneIdOf(line.productId, ['Product']);
  if (line.label != null) body.label = line.label;
  if (line.rawCurrencyUnitPrice != null) body.raw_currency_unit_price = line.rawCurrencyUnitPrice;
  if (line.unit != null) body.unit = line.unit;
  if (line.vatRate != null) body.vat_rate = line.vatRate;
  if (line.description != null) body.description = line.description;
  if (line.sectionRank != null) body.section_rank = line.sectionRank;
  if (line.discount) body.discount = { ...line.discount };
  if (line.ledgerAccountId) body.ledger_account_id = pennylaneIdOf(line.ledgerAccountId, ['LedgerAccount']);
  return body;
}

export const customerIdOf = (value: string) => pennylaneIdOf(value, CUSTOMER_TYPENAMES);

export interface TransactionReferenceInput {
  bankingProvider: string;
  providerFieldName: string;
  providerFieldValue: string;
}

export const TransactionReferenceInputRef = builder.inputRef<TransactionReferenceInput>('TransactionReferenceInput').implement({
  description: 'How the bank transaction paying an invoice is recognized (e.g. a reference its label carries).',
  fields: (t) => ({
    bankingProvider: t.string({ required: true, description: 'Banking provider, e.g. stripe or gocardless.' }),
    providerFieldName: t.string({ required: true, description: 'Name of the field of the transaction to look at.' }),
    providerFieldValue: t.string({ required: true, description: 'Value that field carries for this invoice.' }),
  }),
});

export const transactionReferenceBody = (r: TransactionReferenceInput) => ({
  banking_provider: r.bankingProvider,
  provider_field_name: r.providerFieldName,
  provider_field_value: r.providerFieldValue,
});

export interface SectionInput {
  rank: number;
  title?: string | null;
  description?: string | null;
}

export const InvoiceLineSectionInputRef = builder.inputRef<SectionInput>('InvoiceLineSectionInput').implement({
  description: 'A section grouping lines under a title; lines point at it with `sectionRank`.',
  fields: (t) => ({
    rank: t.int({ required: true, description: 'Position of the section (1, 2...), unique in the document.' }),
    title: t.string({ required: false, description: 'Title.' }),
    description: t.string({ required: false, description: 'Description.' }),
  }),
});

/** Unique ranks from 1; lines that name a section name one of these (when both are given). */
export function checkSections(
  checks: InputChecks,
  path: (string | number)[],
  sections: readonly SectionInput[] | null | undefined,
  lines: readonly InvoiceLineInput[] | null | undefined,
  linesPath: (string | number)[],
): void {
  if (!sections) return;
  const ranks = new Set<number>();
  for (const [index, section] of sections.entries()) {
    if (section.rank < 1) checks.add([...path, index, 'rank'], 'Ranks start at 1.', 'INVALID');
    if (ranks.has(section.rank)) checks.add([...path, index, 'rank'], `Rank ${section.rank} is used twice.`, 'DUPLICATE');
    ranks.add(section.rank);
  }
  for (const [index, line] of (lines ?? []).entries()) {
    if (line.sectionRank != null && !ranks.has(line.sectionRank)) {
      checks.add([...linesPath, index, 'sectionRank'], `There is no section of rank ${line.sectionRank}.`, 'INVALID');
    }
  }
}

export const sectionBody = (s: SectionInput) => ({ rank: s.rank, title: s.title ?? null, description: s.description ?? null });
