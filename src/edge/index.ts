import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { shouldRenderGraphiQL, type CORSOptions, type Plugin } from 'graphql-yoga';
import { createAuthenticator, type Authenticator } from './authenticate.js';
import { corsOptions, useCsrfPrevention } from './csrf-cors.js';
import { isLoopback, type EdgeConfig } from './edge-config.js';
import { maskError } from './error-shaping.js';
import { useRequestLimits, useRequestShape } from './limits.js';
import { useOperationLog } from './operation-log.js';
import { edgeRequestOf, setClientToken, startEdgeRequest } from './request-state.js';
import { loadTrustedDocuments, useTrustedDocuments } from './trusted-documents.js';
import type { Logger } from '../logger.js';

export type { Principal, TokenSource } from './principal.js';
export { identityCacheKey } from './principal.js';
export type { Authenticator } from './authenticate.js';
export { clientTokenOf, edgeRequestOf } from './request-state.js';

/**
 * What a request meets before the schema, in this order:
 * request id and log line → CSRF → client authentication and Pennylane token source →
 * body size and request shape → introspection policy → trusted documents → depth, alias,
 * token, directive and root-field limits. Everything refused here costs 0 upstream calls.
 */
export interface Edge {
  /** Yoga plugins, to be placed before the gateway's own. */
  readonly plugins: Plugin[];
  readonly cors: (request: Request) => CORSOptions;
  readonly graphiql: boolean;
  readonly maskError: typeof maskError;
  /** For routes outside GraphQL that must be protected like it (`/metrics`, `/status`). */
  readonly authenticator: Authenticator;
  /** The start-up line that says how the edge is set. */
  describe(): { readonly level: 'info' | 'warn'; readonly fields: Record<string, unknown>; readonly message: string };
}

export interface EdgeOptions {
  readonly logger: Logger;
  readonly graphqlEndpoint: string;
  readonly host: string;
  readonly hasServerToken: boolean;
  /** OAuth connections are on: a request may name one (`x-pennylane-connection`), or no company at all. */
  readonly servesConnections?: boolean;
}

export function createEdge(config: EdgeConfig, options: EdgeOptions): Edge {
  const authenticator = createAuthenticator(config, { hasServerToken: options.hasServerToken, servesConnections: options.servesConnections ?? false });
  const documents = loadTrustedDocuments(config.trustedDocuments.manifests);
  const principalOf = (request: Request) => edgeRequestOf(request)?.principal ?? null;
  const plugins: Plugin[] = [
    useOperationLog(options.logger, { varyOnOrigin: config.cors.origins !== '*' && config.cors.origins.length > 0 }),
    useCsrfPrevention(),
    useClientAuthentication(authenticator),
    useRequestShape(config.limits),
    useDisableIntrospection({ isDisabled: (request) => principalOf(request)?.mayIntrospect !== true }) as Plugin,
    useTrustedDocuments(documents, { only: config.trustedDocuments.only, principalOf }),
    ...useRequestLimits(config.limits, { fieldSuggestions: config.fieldSuggestions }),
    ...(config.graphiql ? [] : [useGraphiQLOff(options.graphqlEndpoint)]),
  ];
  return {
    plugins,
    cors: corsOptions(config.cors),
    graphiql: config.graphiql,
    maskError,
    authenticator,
    describe() {
      const open = config.auth.modes.length === 0;
      const exposed = open && !isLoopback(options.host);
      return {
        level: exposed ? 'warn' : 'info',
        fields: {
          profile: config.profile,
          auth: open ? 'none' : config.auth.modes.join(','),
          apiKeys: config.auth.apiKeys.map((key) => key.name),
          jwt: config.auth.jwt ? (config.auth.jwt.jwksUrl ? new URL(config.auth.jwt.jwksUrl).host : 'shared secret') : null,
          tokenSource: config.tokenSource,
          corsOrigins: config.cors.origins,
          trustedDocuments: documents.size,
          trustedDocumentsOnly: config.trustedDocuments.only,
          introspection: config.introspection,
          fieldSuggestions: config.fieldSuggestions,
          graphiql: config.graphiql,
          limits: config.limits,
        },
        message: exposed
          ? `client authentication is off (GATEWAY_AUTH=none) on ${options.host}: every client that reaches the port is served`
          : open
            ? 'edge ready: no client authentication (loopback only)'
            : 'edge ready',
      };
    },
  };
}

/** A browser opening the endpoint learns why there is no GraphiQL, instead of a GraphQL error. */
function useGraphiQLOff(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== endpoint || !shouldRenderGraphiQL(request) || url.searchParams.has('query')) return;
      endResponse(
        new Response('GraphiQL is off on this gateway (the production profile turns it off; GATEWAY_GRAPHIQL=true serves it).\n', {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        }),
      );
    },
  };
}

/**
 * Authenticates each GraphQL request from its headers (before its body is read) and settles
 * which Pennylane token it uses; a refusal is HTTP 401 `UNAUTHENTICATED`.
 */
function useClientAuthentication(authenticator: Authenticator): Plugin {
  return {
    async onRequestParse({ request }) {
      const state = startEdgeRequest(request);
      state.principal = await authenticator.authenticate(request);
      const token = authenticator.pennylaneTokenOf(request, state.principal);
      if (token !== null) setClientToken(request, token);
    },
  };
}
