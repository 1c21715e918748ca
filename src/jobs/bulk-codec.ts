import { ValidationError } from '../datasources/writes/write-errors.js';
import type { ItemOutcome, ItemResult } from './bulk-jobs.js';

/**
 * A bulk operation as Redis holds it: its inputs in the job (JSON; uploaded files as base64,
 * since any replica may run the job), each item's result in the operation's items hash.
 */

/** Uploaded files one operation may carry into Redis; beyond, upload them first. */
export const MAX_STORED_FILE_BYTES = 32 * 1024 * 1024;

interface StoredFile {
  readonly $file: { readonly name: string; readonly type: string; readonly base64: string };
}

const isFile = (value: unknown): value is File =>
  typeof value === 'object' && value !== null && typeof (value as Blob).arrayBuffer === 'function' && typeof (value as Blob).size === 'number';

export async function encodeInputs(inputs: readonly unknown[]): Promise<unknown[]> {
  let fileBytes = 0;
  const encode = async (value: unknown): Promise<unknown> => {
    if (isFile(value)) {
      fileBytes += value.size;
      if (fileBytes > MAX_STORED_FILE_BYTES) {
        throw new ValidationError(
          [
            {
              path: ['inputs'],
              message: `The files of one bulk operation may add up to ${MAX_STORED_FILE_BYTES / 1024 / 1024} MB; upload larger ones first with uploadFileAttachment and pass their fileAttachmentId.`,
              code: 'TOO_LARGE',
            },
          ],
          'GATEWAY',
        );
      }
      const stored: StoredFile = { $file: { name: value.name ?? 'upload', type: value.type, base64: Buffer.from(await value.arrayBuffer()).toString('base64') } };
      return stored;
    }
    if (Array.isArray(value)) return Promise.all(value.map(encode));
    if (value && typeof value === 'object') {
      const entries = await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await encode(inner)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  };
  return (await encode(inputs)) as unknown[];
}

export function decodeInputs(stored: readonly unknown[]): unknown[] {
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === 'object') {
      const file = (value as Partial<StoredFile>).$file;
      if (file) return new File([Buffer.from(file.base64, 'base64')], file.name, { type: file.type });
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decode(inner)]));
    }
    return value;
  };
  return decode(stored) as unknown[];
}

/** Turns the typed errors of items into JSON and back (they are the schema's types). */
export interface ItemErrorCodec {
  encode(error: Error): Record<string, unknown>;
  decode(stored: Record<string, unknown>): Error;
}

/** `K{…}` a succeeded item, `F{…}` a failed one; `S` marks an item started (not in here). */
export function encodeResult(result: ItemResult, errors: ItemErrorCodec): string {
  return 'ok' in result ? `K${JSON.stringify(result.ok)}` : `F${JSON.stringify(errors.encode(result.error))}`;
}

export function decodeResult(stored: string, errors: ItemErrorCodec): ItemResult | null {
  if (stored.startsWith('K')) return { ok: JSON.parse(stored.slice(1)) as ItemOutcome };
  if (stored.startsWith('F')) return { error: errors.decode(JSON.parse(stored.slice(1)) as Record<string, unknown>) };
  return null;
}
