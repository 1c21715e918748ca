/** Request bodies: multipart/form-data uploads (parsed with the platform's undici Request) and JSON peeking. */
import { validationError } from './errors.js';
import type { UploadedFile, UploadForm } from './routes/types.js';

export function isMultipart(contentType: string): boolean {
  return /^multipart\/form-data\s*;/i.test(contentType);
}

/** multipart/form-data through the platform's Request (undici): file parts and text fields. */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<UploadForm> {
  let form: FormData;
  try {
    form = await new Request('http://sandbox.local/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
  } catch {
    throw validationError('The multipart body could not be parsed', 'file', 'NotAMultipartFile');
  }
  const files: Record<string, UploadedFile> = {};
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else files[name] = { bytes: Buffer.from(await value.arrayBuffer()), filename: value.name ?? '', contentType: value.type ?? '' };
  }
  return { files, fields };
}

/** The `external_reference` of a JSON body, for the request log. */
export function externalReferenceOf(raw: Buffer | null, contentType: string): string | undefined {
  if (!raw || raw.length === 0 || isMultipart(contentType)) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const ref = (parsed as Record<string, unknown>)['external_reference'];
    return typeof ref === 'string' ? ref : undefined;
  } catch {
    return undefined;
  }
}
