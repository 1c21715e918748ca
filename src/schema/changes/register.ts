/**
 * Registers the changelog feeds on the builder (side effects only; imported once by
 * src/schema/index.ts).
 */
import './feeds.js';
