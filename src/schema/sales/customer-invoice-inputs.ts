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
    'A line: either a product (label, price, VAT rate and unit come from it) or a free line with label, rawCurrencyUnitPrice and vatRate.',
  fields: (t) => ({
    quantity: t.field({ type: 'Decimal', required: true, description: 'Quantity, a decimal string; negative on credit notes.' }),
    productId: t.id({ required: false, description: 'The product the line is made from (global or Pennylane id).' }),
    label: t.string({ required: false, description: 'Label (required without a product).' }),
    rawCurrencyUnitPrice: t.field({
      type: 'Decimal',
      required: false,
      description: 'Unit price excluding tax, in the document currency (required without a product).',
    }),
    unit: t.string({ required: false, description: 'Unit, e.g. piece, hour.' }),
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
