import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type {
  PennylaneCustomerInvoice,
  PennylaneInvoiceLine,
  PennylanePayment,
} from '../../datasources/pennylane/customer-invoices.js';
import type { PennylaneProduct } from '../../datasources/pennylane/products.js';
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

/** Typenames whose global ids name a customer, for id arguments. */
export const CUSTOMER_TYPENAMES = ['CompanyCustomer', 'IndividualCustomer'] as const;
