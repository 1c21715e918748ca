import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * When the gateway authenticates its clients, a browser cannot send an API key or a JWT to
 * `/oauth/connect`; so an authenticated client asks GraphQL for the URL (`connectUrl`), and
 * the URL carries a ticket: who asked, which scopes, until when, signed (HMAC-SHA256 with a
 * key derived from the encryption key). A ticket is not a credential to anything else.
 */
export interface ConnectTicket {
  readonly scopes: readonly string[];
  /** The principal that asked (recorded as the connection's `createdBy`). */
  readonly by: string;
}

export function issueTicket(key: Buffer, ticket: ConnectTicket, ttlMs: number): string {
  const payload = Buffer.from(JSON.stringify({ e: Math.floor((Date.now() + ttlMs) / 1_000), s: ticket.scopes, b: ticket.by })).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/** The ticket, or null when it is malformed, forged or expired. */
export function readTicket(key: Buffer, text: string): ConnectTicket | null {
  const [payload, signature] = text.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { e?: unknown; s?: unknown; b?: unknown };
    if (typeof value.e !== 'number' || value.e * 1_000 < Date.now() || !Array.isArray(value.s) || typeof value.b !== 'string') return null;
    return { scopes: value.s.map(String), by: value.b };
  } catch {
    return null;
  }
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
