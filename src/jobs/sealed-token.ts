import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A client's Pennylane token inside a bulk job, encrypted (AES-256-GCM, key from
 * GATEWAY_ENCRYPTION_KEY), so whichever replica takes the job over can call Pennylane for
 * it while Redis never holds the token in clear. The tenant id is authenticated with it: a
 * sealed token copied into another tenant's job does not open.
 */
export function sealToken(token: string, tenantId: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(tenantId));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** The token, or null when it does not open with this key (another key, or tampered). */
export function unsealToken(sealed: string, tenantId: string, key: Buffer): string | null {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(tenantId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
