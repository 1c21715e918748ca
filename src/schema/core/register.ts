/**
 * Registers the types outside the business domains (me, files, webhooks...) on the builder
 * (side effects only; imported once by src/schema/index.ts). Add each new type file here.
 */
import './me.js';
import './file-attachment.js';
import './pa-registration.js';
import './webhook-subscription.js';
import './file-attachment-mutations.js';
import './webhook-subscription-mutations.js';
import './dms-file-created.js';
