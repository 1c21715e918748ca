import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest: AES-256-GCM (node:crypto) with a 32-byte key. Sealed values name the key
 * that sealed them, so a key can be rotated: seal with the new one, open with either.
 * `context` is authenticated but not stored (GCM's additional data): a value sealed for one
 * record (e.g. `connection:cn_1`) does not open as another's, so stored blobs cannot be swapped.
 *
 * Reusable for any secret the gateway must keep (OAuth tokens here; webhook secrets next).
 */
export class SecretBox {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: { readonly id: string; readonly key: Buffer };

  /** `keys[0]` seals; every key opens. */
  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    const entries = keys.map((key) => {
      if (key.length !== 32) throw new Error('SecretBox keys are 32 bytes (AES-256)');
      return [keyIdOf(key), Buffer.from(key)] as const;
    });
    this.#keys = new Map(entries);
    this.#current = { id: entries[0]![0], key: entries[0]![1] };
  }

  /** From GATEWAY_ENCRYPTION_KEY as configured (hexadecimal, current first, then GATEWAY_ENCRYPTION_KEY_PREVIOUS). */
  static fromConfig(hexKeys: readonly string[]): SecretBox {
    return new SecretBox(hexKeys.map((hex) => Buffer.from(hex, 'hex')));
  }

  /** `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url parts; a fresh 96-bit IV every time. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.#current.id, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** Throws SecretBoxError when the value is malformed, sealed by an unknown key, tampered with, or sealed for another context. */
  open(sealed: string, context: string): string {
    const [version, id, iv, ciphertext, tag] = sealed.split('.');
    if (version !== 'v1' || !id || !iv || ciphertext === undefined || !tag) throw new SecretBoxError('malformed sealed value');
    const key = this.#keys.get(id);
    if (!key) throw new SecretBoxError('sealed with a key this gateway does not have (GATEWAY_ENCRYPTION_KEY changed?)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('the sealed value does not authenticate (tampered with, or sealed for another record)');
    }
  }

  /** Whether a sealed value was sealed by an older key (worth sealing again). */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.#current.id;
  }

  /** A key derived for another purpose (e.g. signing), so the encryption key itself is used for one thing only. */
  derive(purpose: string): Buffer {
    return createHash('sha256').update(this.#current.key).update(`\u0000pennylane-graphql:${purpose}`).digest();
  }

  toJSON(): { keys: number } {
    return { keys: this.#keys.size };
  }
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * A key as configured: 64 hexadecimal characters, or base64 (standard or URL-safe) of
 * exactly 32 bytes. Anything else is refused with what was expected; the value is never echoed.
 */
export function parseEncryptionKey(raw: string): Buffer {
  const value = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
    throw new Error(`expected 32 bytes, got ${bytes.length} once base64-decoded. Make one with: openssl rand -hex 32`);
  }
  throw new Error('expected 64 hexadecimal characters or the base64 of 32 bytes. Make one with: openssl rand -hex 32');
}

/** Short public id of a key (never the key): which key sealed a value. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('pennylane-graphql key id').update(key).digest('base64url').slice(0, 8);
}
