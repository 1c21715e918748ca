import { createHash } from 'node:crypto';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import { connectionTenantOf, NoCompanyTenant } from '../../connections/index.js';
import type { GatewayContext } from '../../context.js';
import { identityCacheKey } from '../../edge/principal.js';
import { clientTokenOf, edgeRequestOf } from '../../edge/request-state.js';
import { Tenant } from '../tenant.js';
import { requestKey } from './graphql-cache-key.js';
import { HIT_COST, type GraphQLCacheStore } from './graphql-cache-store.js';

export interface GraphQLCacheOptions {
  readonly store: GraphQLCacheStore;
  /** The gateway's own tenant, or null when every client brings its token. */
  readonly serverTenant: Tenant | null;
  /**
   * What else an answer depends on besides tenant, identity, document and variables: the schema
   * and the edge's settings (a stored answer outlives a deploy in Redis).
   */
  readonly generation: string;
  /** The changelog poller: a tenant served from this cache still has its changelogs read. */
  readonly changes?: { watch(tenant: Tenant): void } | undefined;
}

/** What a request may be served from the cache as: decided once the edge authenticated it. */
interface Scope {
  readonly tenant: Tenant;
  readonly session: string;
  key: string | null;
  /** False when the request carries variables its document does not declare: served, never stored. */
  storable: boolean;
}

/** A document holding a mutation or subscription is never looked up (nor stored). */
const WRITES_OR_STREAMS = /\b(?:mutation|subscription)\b/;
const SERVED = Symbol.for('servedFromResponseCache');

/**
 * The GraphQL response cache: Yoga's `useResponseCache` (envelop's response cache), looked up
 * once the request's parameters are known — after client authentication, the Pennylane token
 * source, the OAuth connection check and trusted documents, before parsing, validation and
 * execution. The key holds the tenant id (a hash of the token or connection id), what in the
 * client's identity can change an answer (`identityCacheKey`), the generation, the operation
 * name, the declared variables (canonically) and the document (graphql-cache-key.ts). What is stored, its tags and TTL come from what the
 * operation read from Pennylane (operation-reads.ts); see README "GraphQL response cache".
 */
export function useGraphQLCache(options: GraphQLCacheOptions): Plugin<GatewayContext>[] {
  const { store } = options;
  const scopes = new WeakMap<Request, Scope | null>();
  // The anonymous principal (and any reused one) is hashed once.
  const identities = new WeakMap<object, string>();
  const identityOf = (principal: Parameters<typeof identityCacheKey>[0]): string => {
    let identity = identities.get(principal);
    if (identity === undefined) identities.set(principal, (identity = identityCacheKey(principal)));
    return identity;
  };

  const scopeOf = (request: Request): Scope | null => {
    const known = scopes.get(request);
    if (known !== undefined) return known;
    const principal = edgeRequestOf(request)?.principal;
    let scope: Scope | null = null;
    if (principal && request.headers.get('x-pennylane-cost')?.trim().toLowerCase() !== 'estimate') {
      const token = clientTokenOf(request);
      const tenant = connectionTenantOf(request) ?? (token !== null ? new Tenant(token) : options.serverTenant);
      if (tenant && !(tenant instanceof NoCompanyTenant)) {
        scope = { tenant, session: `${identityOf(principal)}|${options.generation}`, key: null, storable: false };
      }
    }
    scopes.set(request, scope);
    return scope;
  };

  const cache = useResponseCache({
    cache: store,
    session: (request) => scopeOf(request)?.session ?? null,
    // '' (a mutation, a subscription, no scope): envelop neither looks up nor rewrites the document.
    enabled: (request) => !!scopes.get(request)?.key,
    buildResponseCacheKey: ({ documentString, variableValues, operationName, sessionId, request }) => {
      const scope = request ? scopeOf(request) : null;
      if (!scope || !sessionId || !documentString || WRITES_OR_STREAMS.test(documentString)) return '';
      const key = requestKey(sessionId, documentString, operationName, variableValues);
      if (!key) return '';
      scope.key = `${scope.tenant.id}:${key.hash}`;
      scope.storable = !key.undeclared;
      store.lookingUp(scope.key, scope.tenant);
      return scope.key;
    },
    shouldCacheResult: ({ result }) => !result.errors?.length,
    // Tags and TTLs follow Pennylane's records (the bus), not the entities of mutation results.
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    onTtl: ({ ttl, context }) => {
      const ctx = context as GatewayContext & { request: Request };
      const scope = scopes.get(ctx.request);
      const { reads } = ctx;
      if (!scope?.key || !scope.storable || ctx.operation.kind !== 'query' || ctx.costMode !== 'execute' || reads.uncacheableBecause || reads.tags.size === 0) return 0;
      const finalTtl = Math.min(ttl, reads.ttlMs);
      if (!(finalTtl > 0)) return 0;
      store.expect({ key: scope.key, tenantId: scope.tenant.id, reads });
      return finalTtl;
    },
  }) as Plugin<GatewayContext>;

  const bookkeeping: Plugin<GatewayContext> = {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext & { request: Request };
      if (scopes.get(ctx.request)?.key && ctx.operation.kind === 'query') ctx.meter.responseCache = 'MISS';
    },
    // A hit skipped the context: the log line, metrics and the status page learn of it here.
    onResultProcess({ request, result }) {
      if (!(result as { [SERVED]?: boolean })[SERVED]) {
        // Yoga's plugin marks stored answers with an ETag (the key) for If-None-Match, which
        // this gateway does not answer (it would be looked up before the client is authenticated).
        const headers = (result as { extensions?: { http?: { headers?: Record<string, string> } } }).extensions?.http?.headers;
        if (headers) {
          delete headers.ETag;
          delete headers['Last-Modified'];
        }
        return;
      }
      const scope = scopes.get(request);
      const edge = edgeRequestOf(request);
      if (!scope || !edge) return;
      edge.usage = { tenant: scope.tenant.id, cost: () => HIT_COST };
      edge.operation = { name: edge.operation?.name ?? null, kind: 'query' };
      options.changes?.watch(scope.tenant);
    },
  };
  return [cache, bookkeeping];
}

/** The generation of answers: changes when the schema or the edge's settings do. */
export function cacheGeneration(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 12);
}
