/**
 * Registers every type of the analytics domain on the builder (side effects only; imported
 * once by src/schema/index.ts). Add each new type file here.
 */
import './category.js';
import './category-group.js';
import './category-assignment.js';
import './category-mutations.js';
import './transaction-category-mutations.js';
