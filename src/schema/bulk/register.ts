/**
 * Registers bulk operations (types, query, subscription, bulk mutations) on the builder
 * (side effects only; imported once by src/schema/index.ts, after the domains).
 */
import './bulk-operation.js';
import './sales-bulk.js';
import './customer-bulk.js';
import './purchases-accounting-bulk.js';
