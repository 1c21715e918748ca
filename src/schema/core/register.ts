/**
 * Registers the types outside the business domains (me, files, webhooks...) on the builder
 * (side effects only; imported once by src/schema/index.ts). Add each new type file here.
 */
import './me.js';
