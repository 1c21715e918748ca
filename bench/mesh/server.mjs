/**
 * GraphQL Mesh / Hive Gateway over a Pennylane API (the simulator in the benchmark), with its
 * response cache, on a loopback port: the comparison of bench/mesh-comparison.ts. Prints
 * `READY <port>` once listening (what test/support/spawn-server.ts waits for).
 *
 * The supergraph is composed at start from pennylane.openapi.yaml (Mesh's OpenAPI source,
 * @omnigraph/openapi), with one addition: `CustomerRef.customer`, the customer behind an
 * invoice's `{id, url}` reference, one `GET /customers/{id}` per reference — what an OpenAPI
 * description lets Mesh do (it has no way to batch them into an `id in` filter).
 *
 * Environment: PENNYLANE_BASE_URL and PENNYLANE_API_TOKEN (required), MESH_CACHE_TTL_MS
 * (default one hour: the whole run is served from the cache once warm).
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { getComposedSchemaFromConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = process.env.PENNYLANE_BASE_URL;
const token = process.env.PENNYLANE_API_TOKEN;
if (!baseUrl || !token) throw new Error('PENNYLANE_BASE_URL and PENNYLANE_API_TOKEN are required');

const silent = { debug() {}, info() {}, warn() {}, error: (...args) => console.error(...args), log() {}, child() { return silent; } };

const supergraph = await getComposedSchemaFromConfig(
  {
    cwd: here,
    subgraphs: [
      {
        sourceHandler: loadOpenAPISubgraph('Pennylane', {
          source: join(here, 'pennylane.openapi.yaml'),
          endpoint: baseUrl,
          operationHeaders: { Authorization: `Bearer ${token}`, 'X-Use-2026-API-Changes': 'true' },
        }),
      },
    ],
    additionalTypeDefs: /* GraphQL */ `
      extend type CustomerRef {
        customer: Customer
          @resolveTo(
            sourceName: "Pennylane"
            sourceTypeName: "Query"
            sourceFieldName: "getCustomer"
            requiredSelectionSet: "{ id }"
            sourceArgs: { id: "{root.id}" }
          )
      }
    `,
  },
  silent,
);

const gateway = createGatewayRuntime({
  supergraph,
  // Mesh's in-memory LRU store, as the gateway under test keeps its cache in memory without Redis.
  cache: new InMemoryLRUCache(),
  logging: false,
  // One cache for every client: like the gateway under test, every request here uses the one server token.
  responseCaching: { session: () => null, ttl: Number(process.env.MESH_CACHE_TTL_MS ?? 3_600_000) },
});

const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void gateway.dispose().then(() => process.exit(0));
});
