/** Writes COVERAGE.md from the schema (run by `npm run codegen`). */
import { writeFileSync } from 'node:fs';
import { renderCoverage } from '../src/schema/coverage.js';
import { gatewaySchema } from '../src/schema/index.js';

writeFileSync(new URL('../COVERAGE.md', import.meta.url), renderCoverage(gatewaySchema()));
