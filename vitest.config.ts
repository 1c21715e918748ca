import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build (the package has no exports map, and
    // Pothos loads it with require). Vite would pick the .mjs build for our files: two
    // graphql instances. Point both at the one Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Tests talk to real loopback servers; a little parallelism, not a storm.
    maxWorkers: 2,
  },
});
