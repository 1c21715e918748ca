/**
 * Registers every type of the sales domain on the builder (side effects only; imported
 * once by src/schema/index.ts). Add each new type file here.
 */
import './customer.js';
import './customer-nodes.js';
import './product.js';
import './invoice-line.js';
import './payment.js';
import './customer-invoice.js';
import './customer-invoices-by-status.js';
import './invoice-line-section.js';
import './appendix.js';
import './custom-header-field.js';
import './customer-invoice-template.js';
import './quote.js';
import './billing-subscription.js';
import './commercial-document.js';
import './contact.js';
import './numbering.js';
import './mandate.js';
import './product-mutations.js';
import './customer-invoice-inputs.js';
import './customer-invoice-mutations.js';
import './customer-mutations.js';
import './contact-mutations.js';
import './customer-invoice-edits.js';
import './customer-invoice-actions.js';
import './customer-invoice-import.js';
import './quote-mutations.js';
import './billing-subscription-mutations.js';
