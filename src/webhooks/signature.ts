import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks verification (standardwebhooks.com), the scheme the gateway expects of
 * Pennylane (API.md §4.8 names an HMAC secret, not the headers): `webhook-signature` holds one
 * or more space-separated `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the key
 * being the base64 bytes after the secret's `whsec_` prefix (a secret without it is used as
 * its own bytes). Compared in constant time; any one matching signature is enough (so a
 * secret can be rotated).
 */
export interface SignedHeaders {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
}

/** The three headers, or null when one is missing or malformed. */
export function signedHeadersOf(headers: Headers): SignedHeaders | null {
  const id = headers.get('webhook-id')?.trim() ?? '';
  const timestamp = headers.get('webhook-timestamp')?.trim() ?? '';
  const signature = headers.get('webhook-signature')?.trim() ?? '';
  if (!/^[\w.:-]{1,256}$/.test(id) || !/^\d{1,12}$/.test(timestamp) || signature === '' || signature.length > 2_048) return null;
  return { id, timestamp, signature };
}

export function secretKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

export function signatureMatches(secret: string, signed: SignedHeaders, body: Uint8Array): boolean {
  const expected = createHmac('sha256', secretKey(secret)).update(`${signed.id}.${signed.timestamp}.`).update(body).digest();
  let matched = false;
  for (const entry of signed.signature.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    // Every entry is compared, matched or not, so the time taken says nothing about which.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}
