/**
 * Registers OAuth connections and the portfolio on the builder (side effects only; imported
 * once by src/schema/index.ts, which adds the per-company fields with `withPortfolioFields`).
 */
import './connection.js';
import './portfolio.js';
