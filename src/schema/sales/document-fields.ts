import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneInvoiceLine } from '../../datasources/pennylane/customer-invoices.js';
import type { Ref } from '../../datasources/pennylane/common.js';
import type {
  DocumentAmounts,
  DocumentPdfTexts,
  PennylaneAppendix,
  PennylaneInvoiceLineSection,
} from '../../datasources/pennylane/sales-documents.js';
import type { BuilderTypes } from '../builder.js';
import { byIdEdge, endpoints, subCollectionResolver } from '../shared/resource-fields.js';
import { AppendixConnection } from './appendix.js';
import { InvoiceLineConnection } from './invoice-line.js';
import { InvoiceLineSectionConnection } from './invoice-line-section.js';
import { AppendixRef, CustomerRef, InvoiceLineRef, InvoiceLineSectionRef } from './refs.js';

/**
 * Fields every sales document (quote, commercial document, billing subscription) shares
 * with the customer invoice: amounts, its customer, and its `{url}` sub-collections, which
 * Pennylane only offers one call per document (and page).
 */

type Fields<T> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>;

export function amountFields<T extends DocumentAmounts>(t: Fields<T>, noun: string) {
  return {
    currency: t.string({ description: `ISO 4217 currency of the ${noun}.`, resolve: (d) => d.currency }),
    currencyAmountBeforeTax: t.field({
      type: 'Decimal',
      description: `Total excluding tax, in the ${noun} currency.`,
      resolve: (d) => d.currency_amount_before_tax,
    }),
    currencyTax: t.field({ type: 'Decimal', description: `Total tax, in the ${noun} currency.`, resolve: (d) => d.currency_tax }),
    currencyAmount: t.field({
      type: 'Decimal',
      description: `Total including tax, in the ${noun} currency.`,
      resolve: (d) => d.currency_amount,
    }),
    amount: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Total including tax, in EUR (null when Pennylane does not send it).',
      resolve: (d) => d.amount ?? null,
    }),
    tax: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Total tax, in EUR (null when Pennylane does not send it).',
      resolve: (d) => d.tax ?? null,
    }),
    exchangeRate: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'EUR per unit of `currency` ("1.0" for EUR; null when Pennylane does not send it).',
      resolve: (d) => d.exchange_rate ?? null,
    }),
  };
}

/** Texts printed on the PDF; null when absent (commercial documents and subscriptions may omit them). */
export function pdfTextFields<T extends Partial<DocumentPdfTexts>>(t: Fields<T>) {
  return {
    specialMention: t.string({ nullable: true, description: 'Special mention printed on the PDF.', resolve: (d) => d.special_mention ?? null }),
    pdfInvoiceFreeText: t.string({ nullable: true, description: 'Free text printed on the PDF.', resolve: (d) => d.pdf_invoice_free_text ?? null }),
    pdfInvoiceSubject: t.string({ nullable: true, description: 'Subject printed on the PDF.', resolve: (d) => d.pdf_invoice_subject ?? null }),
    pdfDescription: t.string({ nullable: true, description: 'Description printed on the PDF.', resolve: (d) => d.pdf_description ?? null }),
  };
}

export function customerField<T extends { readonly customer?: Ref | null }>(t: Fields<T>, noun: string) {
  return t.field({
    ...byIdEdge('customers'),
    type: CustomerRef,
    nullable: true,
    description: `The customer of this ${noun}. Batched: customers of many ${noun}s cost one \`id in\` call per 100.`,
    resolve: (d, _args, ctx) => (d.customer ? ctx.loaders.byId<PennylaneCustomer>('customers').load(String(d.customer.id)) : null),
  });
}

/** `/quotes`-style collection path; endpoint templates spell the id `{id}`. */
export function linesField<T extends { readonly id: number }>(t: Fields<T>, collection: string, noun: string) {
  return t.connection(
    {
      type: InvoiceLineRef,
      description: `Lines of this ${noun}. Pennylane only links them by URL: one call per ${noun} (and page).`,
      ...endpoints(`GET ${collection}/{id}/invoice_lines`),
      resolve: subCollectionResolver<T, PennylaneInvoiceLine>({
        path: (d) => `${collection}/${d.id}/invoice_lines`,
        resource: 'invoice_lines',
        sort: 'id',
      }),
    },
    InvoiceLineConnection,
  );
}

export function sectionsField<T extends { readonly id: number }>(t: Fields<T>, collection: string, noun: string) {
  return t.connection(
    {
      type: InvoiceLineSectionRef,
      description: `Sections grouping the lines of this ${noun} (lines point at them by \`sectionRank\`). One call per ${noun} (and page).`,
      ...endpoints(`GET ${collection}/{id}/invoice_line_sections`),
      resolve: subCollectionResolver<T, PennylaneInvoiceLineSection>({
        path: (d) => `${collection}/${d.id}/invoice_line_sections`,
        resource: 'invoice_line_sections',
        sort: 'id',
      }),
    },
    InvoiceLineSectionConnection,
  );
}

export function appendicesField<T extends { readonly id: number }>(t: Fields<T>, collection: string, noun: string) {
  return t.connection(
    {
      type: AppendixRef,
      description: `Files appended to this ${noun}'s PDF (not in the DMS). One call per ${noun} (and page).`,
      ...endpoints(`GET ${collection}/{id}/appendices`),
      resolve: subCollectionResolver<T, PennylaneAppendix>({
        path: (d) => `${collection}/${d.id}/appendices`,
        resource: 'appendices',
      }),
    },
    AppendixConnection,
  );
}
