/**
 * Registers every type of the banking domain on the builder (side effects only; imported
 * once by src/schema/index.ts). Add each new type file here.
 */
import './bank-account.js';
import './bank-establishment.js';
import './transaction.js';
import './matched.js';
