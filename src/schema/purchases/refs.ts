import type {
  PennylanePurchaseRequest,
  PennylaneSupplier,
  PennylaneSupplierInvoice,
  PennylaneSupplierInvoiceLine,
} from '../../datasources/pennylane/purchases.js';
import { builder } from '../builder.js';

/** Type references of the purchases domain (implemented in their own files). */
export const SupplierRef = builder.objectRef<PennylaneSupplier>('Supplier');
export const SupplierInvoiceRef = builder.objectRef<PennylaneSupplierInvoice>('SupplierInvoice');
export const SupplierInvoiceLineRef = builder.objectRef<PennylaneSupplierInvoiceLine>('SupplierInvoiceLine');
export const PurchaseRequestRef = builder.objectRef<PennylanePurchaseRequest>('PurchaseRequest');
