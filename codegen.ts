import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { gatewaySchema } from './src/schema/index.js';

/**
 * `npm run codegen`: GraphQL Code Generator writes
 * - schema.graphql, the SDL of the Pothos schema (committed; test/schema/schema-file.test.ts
 *   fails when it drifts), and
 * - examples/gql/, the typed client the example scripts use (the client preset), with
 *   examples/gql/persisted-documents.json: every document of examples/ by its SHA-256, the
 *   manifest a gateway loads with GATEWAY_TRUSTED_DOCUMENTS (committed, like the client).
 * The schema is handed over as SDL, so codegen never needs to load our TypeScript itself.
 */
const config: CodegenConfig = {
  schema: printSchema(gatewaySchema()),
  documents: ['examples/**/*.ts', '!examples/gql/**'],
  ignoreNoDocuments: false,
  // Our packages are ESM with NodeNext resolution: generated imports need `.js`.
  emitLegacyCommonJSImports: false,
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: false, commentDescriptions: false },
    },
    'examples/gql/': {
      preset: 'client',
      config: {
        scalars: { Decimal: 'string', Date: 'string', DateTime: 'string', ID: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: {
        fragmentMasking: false,
        // Each document keeps its text and gains `__meta__.hash`: clients send the hash, and
        // can still send the text to a gateway that does not know it.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
    },
  },
};

export default config;
