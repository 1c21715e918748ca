/**
 * Registers every type of the purchases domain on the builder (side effects only; imported
 * once by src/schema/index.ts). Add each new type file here.
 */
import './supplier.js';
import './supplier-invoice-line.js';
import './supplier-invoice.js';
import './purchase-request.js';
import './purchase-request-mutations.js';
import './supplier-mutations.js';
import './supplier-invoice-mutations.js';
import './supplier-invoice-actions.js';
