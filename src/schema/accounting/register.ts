/**
 * Registers every type of the accounting domain on the builder (side effects only; imported
 * once by src/schema/index.ts). Add each new type file here.
 */
import './journal.js';
import './ledger-account.js';
import './ledger-entry-line.js';
import './ledger-entry.js';
import './trial-balance.js';
import './fiscal-year.js';
import './exports.js';
import './chart-mutations.js';
import './ledger-entry-mutations.js';
import './lettering-mutations.js';
