import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../config-error.js';
import type { Grants, TokenSource } from './principal.js';

/**
 * API keys as configured: `GATEWAY_API_KEYS="name=<sha256 hex of the key>[;grant…],…"`.
 * The gateway only ever holds the hash; clients send the key itself as `x-api-key`.
 *
 * Grants, after the hash, separated by `;`:
 * - `introspection`: may introspect when introspection is otherwise off (production);
 * - `ad-hoc`: may send its own documents when only trusted documents are allowed;
 * - `token=server|client|client-or-server`: whose Pennylane token it uses (default: PENNYLANE_TOKEN_SOURCE);
 * - `connections=id|id…` (or `connections=*`): the OAuth connections it may address;
 * - `ops`: may read `/metrics` and the status page.
 */
export interface ApiKeyEntry {
  readonly name: string;
  /** SHA-256 of the key, as 64 lowercase hex digits. */
  readonly hash: string;
  readonly grants: Grants;
}

const VARIABLE = 'GATEWAY_API_KEYS';

export function parseApiKeys(raw: string | undefined): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  for (const item of (raw ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [head = '', ...grantParts] = item.split(';').map((part) => part.trim());
    const match = /^([\w.-]{1,64})=([0-9a-fA-F]{64})$/.exec(head);
    if (!match) {
      // Never echo what follows "=": it may be a key pasted instead of its hash.
      const label = head.split('=')[0]!.slice(0, 64);
      throw new ConfigError(VARIABLE, `the entry "${label}" must be name=<the 64 hex digits of the key's SHA-256, never the key itself> (names: letters, digits, "._-")`);
    }
    const name = match[1]!;
    const hash = match[2]!.toLowerCase();
    if (entries.some((entry) => entry.name === name)) throw new ConfigError(VARIABLE, `the name "${name}" appears twice`);
    if (entries.some((entry) => entry.hash === hash)) throw new ConfigError(VARIABLE, `"${name}" has the same key hash as another entry`);
    entries.push({ name, hash, grants: parseGrants(name, grantParts) });
  }
  return entries;
}

function parseGrants(name: string, parts: readonly string[]): Grants {
  let tokenSource: TokenSource | undefined;
  let introspection: boolean | undefined;
  let adHocDocuments: boolean | undefined;
  let connections: 'all' | string[] | undefined;
  let ops: boolean | undefined;
  for (const part of parts.filter(Boolean)) {
    const [key, value] = part.split('=', 2).map((s) => s.trim());
    if (key === 'introspection' && value === undefined) introspection = true;
    else if (key === 'ad-hoc' && value === undefined) adHocDocuments = true;
    else if (key === 'token' && (value === 'server' || value === 'client' || value === 'client-or-server')) tokenSource = value;
    else if (key === 'ops' && value === undefined) ops = true;
    else if (key === 'connections' && value) connections = value === '*' ? 'all' : value.split('|').map((id) => id.trim()).filter(Boolean);
    else {
      throw new ConfigError(
        VARIABLE,
        `unknown grant "${part}" for "${name}" (known: introspection, ad-hoc, ops, token=server|client|client-or-server, connections=id|id or *)`,
      );
    }
  }
  return { tokenSource, introspection, adHocDocuments, connections, ops };
}

/** The entry whose hash is the key's, compared in constant time. */
export function findApiKey(entries: readonly ApiKeyEntry[], key: string): ApiKeyEntry | null {
  const hash = createHash('sha256').update(key, 'utf8').digest();
  let found: ApiKeyEntry | null = null;
  for (const entry of entries) if (timingSafeEqual(Buffer.from(entry.hash, 'hex'), hash)) found = entry;
  return found;
}

/** A new random key and its GATEWAY_API_KEYS entry (`npm run api-key -- <name>`). */
export function newApiKey(name: string): { key: string; entry: string } {
  if (!/^[\w.-]{1,64}$/.test(name)) throw new Error('a key name is 1-64 letters, digits, "._-"');
  const key = `pgk_${randomBytes(32).toString('base64url')}`;
  return { key, entry: `${name}=${createHash('sha256').update(key, 'utf8').digest('hex')}` };
}
