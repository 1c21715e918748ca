import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type {
  PennylaneCustomerInvoice,
  PennylaneInvoiceLine,
  PennylanePayment,
} from '../../datasources/pennylane/customer-invoices.js';
import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
import type {
  PennylaneAppendix,
  PennylaneBillingSubscription,
  PennylaneCommercialDocument,
  PennylaneContact,
  PennylaneCustomHeaderField,
  PennylaneInvoiceLineSection,
  PennylaneInvoiceTemplate,
  PennylaneQuote,
} from '../../datasources/pennylane/sales-documents.js';
import { builder } from '../builder.js';

/**
 * Type references of the sales domain, declared apart from their implementations so that
 * type files can point at each other without circular imports.
 */
export const CustomerRef = builder.interfaceRef<PennylaneCustomer>('Customer');
export const CompanyCustomerRef = builder.objectRef<PennylaneCustomer>('CompanyCustomer');
export const IndividualCustomerRef = builder.objectRef<PennylaneCustomer>('IndividualCustomer');
export const ProductRef = builder.objectRef<PennylaneProduct>('Product');
export const CustomerInvoiceRef = builder.objectRef<PennylaneCustomerInvoice>('CustomerInvoice');
export const InvoiceLineRef = builder.objectRef<PennylaneInvoiceLine>('InvoiceLine');
export const PaymentRef = builder.objectRef<PennylanePayment>('Payment');
export const QuoteRef = builder.objectRef<PennylaneQuote>('Quote');
export const BillingSubscriptionRef = builder.objectRef<PennylaneBillingSubscription>('BillingSubscription');
export const CommercialDocumentRef = builder.objectRef<PennylaneCommercialDocument>('CommercialDocument');
export const InvoiceLineSectionRef = builder.objectRef<PennylaneInvoiceLineSection>('InvoiceLineSection');
export const AppendixRef = builder.objectRef<PennylaneAppendix>('Appendix');
export const CustomHeaderFieldRef = builder.objectRef<PennylaneCustomHeaderField>('CustomHeaderField');
export const CustomerInvoiceTemplateRef = builder.objectRef<PennylaneInvoiceTemplate>('CustomerInvoiceTemplate');
export const ContactRef = builder.objectRef<PennylaneContact>('Contact');

/** Typenames whose global ids name a customer, for id arguments. */
export const CUSTOMER_TYPENAMES = ['CompanyCustomer', 'IndividualCustomer'] as const;
