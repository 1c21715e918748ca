/**
 * Registers the change subscriptions on the builder (side effects only; imported once by
 * src/schema/index.ts, after the bulk subscription that declares the Subscription type).
 */
import './feeds.js';
