import type { Plugin } from 'graphql-yoga';
import { PENNYLANE_CONNECTION_HEADER } from '../edge/authenticate.js';
import { edgeRequestOf } from '../edge/request-state.js';
import type { Logger } from '../logger.js';
import type { UpstreamDeps } from '../datasources/pennylane/client.js';
import type { Tenant } from '../datasources/tenant.js';
import { AuthorizationFlow } from './authorization-flow.js';
import { connectionError, forbiddenConnection } from './connection-errors.js';
import type { ConnectionStore } from './connection-store.js';
import { CONNECTION_ID, Connections } from './connections.js';
import { FileConnectionStore } from './file-store.js';
import type { OAuthConfig } from './oauth-config.js';
import { failurePage, htmlResponse } from './pages.js';
import { RedisConnectionStore } from './redis-store.js';

export { Connections } from './connections.js';
export { NoCompanyTenant } from './connection-tenant.js';
export type { ConnectionRecord, ConnectionState } from './connection-store.js';

export interface ConnectionsSetup {
  readonly config: OAuthConfig;
  readonly logger: Logger;
  readonly upstream: UpstreamDeps;
  readonly redis: { readonly url: string | null; readonly prefix: string };
  readonly requireTicket: boolean;
}

export interface ConnectionsFeature {
  readonly connections: Connections;
  /** Yoga plugins, placed after the edge's (they need its principal). */
  readonly plugins: Plugin[];
  close(): Promise<void>;
}

/** OAuth connections: the store (Redis, else the file), the token keeper, the routes, and the header. */
export function createConnections(setup: ConnectionsSetup): ConnectionsFeature {
  const store: ConnectionStore = setup.redis.url
    ? new RedisConnectionStore(setup.redis.url, setup.redis.prefix)
    : new FileConnectionStore(setup.config.connectionsFile);
  const connections = new Connections({ config: setup.config, store, logger: setup.logger, upstream: setup.upstream, requireTicket: setup.requireTicket });
  setup.logger[setup.config.throwaway ? 'warn' : 'info'](
    {
      oauthServer: setup.config.serverUrl,
      redirectUri: setup.config.redirectUri,
      store: store.kind === 'redis' ? `redis (prefix ${setup.redis.prefix})` : `file ${setup.config.connectionsFile}`,
      connect: connections.connectEndpoint,
    },
    setup.config.throwaway
      ? 'OAuth connections (demo): a throwaway encryption key and connections file, lost when the gateway stops; set GATEWAY_ENCRYPTION_KEY and PENNYLANE_CONNECTIONS_FILE to keep them'
      : 'OAuth connections ready',
  );
  return {
    connections,
    plugins: [useOAuthRoutes(connections, setup.logger), useConnectionHeader(connections)],
    close: () => connections.close(),
  };
}

/** `GET /oauth/connect` and `GET /oauth/callback`, answered before GraphQL. */
function useOAuthRoutes(connections: Connections, logger: Logger): Plugin {
  const flow = new AuthorizationFlow(connections);
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/oauth/connect' && url.pathname !== '/oauth/callback') return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response('Only GET is served here.\n', { status: 405, headers: { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      try {
        endResponse(url.pathname === '/oauth/connect' ? await flow.connect(url) : await flow.callback(request, url));
      } catch (error) {
        logger.error({ err: (error as Error).message, path: url.pathname }, 'OAuth route failed');
        endResponse(
          htmlResponse(
            failurePage(500, 'Something went wrong on the gateway', 'The connection could not be completed. Start again; if it keeps failing, the gateway log has the cause.', connections.connectEndpoint),
          ),
        );
      }
    },
  };
}

/** The tenant of a request that names a connection, resolved once its client is authenticated. */
const requestTenants = new WeakMap<Request, Tenant>();

export function connectionTenantOf(request: Request): Tenant | null {
  return requestTenants.get(request) ?? null;
}

/**
 * `x-pennylane-connection: <id>`: refused before the body is parsed when the client may not
 * use it (403 FORBIDDEN), it does not exist (404) or it was revoked (401, with how to
 * reconnect); each costs 0 upstream calls.
 */
function useConnectionHeader(connections: Connections): Plugin {
  return {
    async onRequestParse({ request }) {
      const id = request.headers.get(PENNYLANE_CONNECTION_HEADER)?.trim();
      if (!id) return;
      if (!CONNECTION_ID.test(id)) {
        throw connectionError(`${PENNYLANE_CONNECTION_HEADER} must be a connection id (cn_…, from the \`connections\` query).`, 'BAD_USER_INPUT', {}, 400);
      }
      const principal = edgeRequestOf(request)?.principal;
      if (!principal) throw forbiddenConnection(id, 403);
      const record = await connections.resolve(id, principal, 400);
      requestTenants.set(request, connections.tenantFor(record));
    },
  };
}
