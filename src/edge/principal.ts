import { createHash } from 'node:crypto';

/**
 * Whose Pennylane token a request uses:
 * - `server`: the gateway's own (PENNYLANE_API_TOKEN); a client's token is refused;
 * - `client`: the client's, required (no fallback to the gateway's token);
 * - `client-or-server`: the client's when it sends one, else the gateway's (explicit opt-in).
 */
export type TokenSource = 'server' | 'client' | 'client-or-server';

export type AuthKind = 'none' | 'api-key' | 'jwt';

/**
 * The client of the gateway, as its credential proved it: on the context of every request
 * (`context.principal`). Everything the edge decides per client is here, so later features
 * read one object: which Pennylane token the client may use, whether it may introspect or
 * send its own documents, and which OAuth connections it may address.
 */
export interface Principal {
  /** What logs and metrics show: the API key's name, the JWT's `sub`, or `anonymous`. */
  readonly name: string;
  readonly kind: AuthKind;
  readonly tokenSource: TokenSource;
  readonly mayIntrospect: boolean;
  /** May send documents that are not in the trusted-documents manifests (when those are enforced). */
  readonly mayRunAdHocDocuments: boolean;
  /**
   * OAuth connections this client may address (`x-pennylane-connection`): `all`, or exactly
   * these ids. From an API key's `connections=` grant or a JWT's `pennylane_connections`
   * claim; anonymous clients (GATEWAY_AUTH=none) get `all`, since nothing tells them apart.
   */
  readonly connections: 'all' | readonly string[];
  /**
   * May read `/metrics` and `/status` (every tenant's budget, queues and operations): an API
   * key's `ops` grant or a JWT's `gateway:ops` scope; anonymous clients (GATEWAY_AUTH=none) may.
   */
  readonly mayOperate: boolean;
}

/** What a credential grants, before the gateway's defaults fill the gaps. */
export interface Grants {
  readonly tokenSource?: TokenSource | undefined;
  readonly introspection?: boolean | undefined;
  readonly adHocDocuments?: boolean | undefined;
  readonly connections?: 'all' | readonly string[] | undefined;
  readonly ops?: boolean | undefined;
}

export interface PrincipalDefaults {
  readonly tokenSource: TokenSource;
  readonly introspection: boolean;
  readonly trustedDocumentsOnly: boolean;
}

export function principalOf(name: string, kind: AuthKind, grants: Grants, defaults: PrincipalDefaults): Principal {
  return Object.freeze({
    name,
    kind,
    tokenSource: grants.tokenSource ?? defaults.tokenSource,
    mayIntrospect: grants.introspection ?? defaults.introspection,
    mayRunAdHocDocuments: grants.adHocDocuments ?? !defaults.trustedDocumentsOnly,
    connections: grants.connections ?? (kind === 'none' ? 'all' : []),
    mayOperate: grants.ops ?? kind === 'none',
  });
}

/**
 * The part of a client's identity that can change an answer of the same tenant to the same
 * document: what it may use and see, not its name. Two API keys with the same grants share
 * a key; a response cache keyed by tenant + document + variables + this never serves an
 * answer to a client that could not have got it itself.
 */
export function identityCacheKey(principal: Principal): string {
  const connections = principal.connections === 'all' ? '*' : [...principal.connections].sort().join(',');
  const facts = [principal.tokenSource, principal.mayIntrospect ? 'i' : '-', principal.mayRunAdHocDocuments ? 'a' : '-', connections];
  return 'p_' + createHash('sha256').update(facts.join('|')).digest('base64url').slice(0, 16);
}
