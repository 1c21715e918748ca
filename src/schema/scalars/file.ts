import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { claimedFormat, contentProblem, SIGNATURE_BYTES } from '../../datasources/pennylane/file-signatures.js';
import { builder } from '../builder.js';

/**
 * An uploaded file, sent with the GraphQL multipart request spec
 * (https://github.com/jaydenseric/graphql-multipart-request-spec). Input only.
 */
export const FileScalar = builder.scalarType('File', {
  description:
    'A file uploaded with the GraphQL multipart request spec. Pennylane accepts PDF, PNG, JPEG, TIFF, BMP and GIF, up to 100 MB; the gateway checks the content, not only the declared type.',
  serialize: () => {
    throw new GraphQLError('File is an input-only scalar.');
  },
  parseValue: (value) => {
    if (isFileLike(value)) return value;
    throw new GraphQLError('File must be uploaded as a multipart form part (see the GraphQL multipart request spec).', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  },
});

/**
 * Uploads arrive as the server's File (yoga's fetch ponyfill), which is no `instanceof Blob`:
 * anything with a Blob's size, type and bytes is taken.
 */
function isFileLike(value: unknown): value is File {
  if (value instanceof Blob) return true;
  const file = value as Partial<File> | null;
  return typeof file === 'object' && file !== null && typeof file.size === 'number' && typeof file.type === 'string' && typeof file.arrayBuffer === 'function';
}

/** The upload as a platform File, which the platform FormData (the upstream multipart body) accepts. */
export async function platformFile(file: File, name = file.name): Promise<File> {
  if (file instanceof File && name === file.name) return file;
  return new File([await file.arrayBuffer()], name, { type: file.type });
}

/** Pennylane's limits on uploads (API.md §4.7). */
export const UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

/**
 * The first bytes of every file of a request, read once its multipart body is parsed: the
 * checks that follow are synchronous, and look here to check a file by its content.
 */
const heads = new WeakMap<object, Uint8Array>();

async function readHeads(value: unknown, depth = 0): Promise<void> {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (isFileLike(value)) {
    heads.set(value, await headOf(value));
    return;
  }
  await Promise.all(Object.values(value).map((inner) => readHeads(inner, depth + 1)));
}

/** The first bytes of a file, read from its stream (the server's File does not implement `slice`). */
async function headOf(file: File): Promise<Uint8Array> {
  const reader = file.stream().getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < SIGNATURE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, SIGNATURE_BYTES);
}

/** Reads the head of every uploaded file before execution, so uploads are checked by content. */
export function useUploadContentChecks(): Plugin {
  return {
    async onParams({ params }) {
      await readHeads(params.variables);
    },
  };
}

/** Why a file cannot go to Pennylane, or null: size, declared type and actual content. */
export function uploadProblem(file: File): string | null {
  if (file.size === 0) return 'The file is empty.';
  if (file.size > UPLOAD_MAX_BYTES) return `The file is ${file.size} bytes; Pennylane accepts at most 100 MB.`;
  const claimed = claimedFormat(file.name ?? '', file.type);
  if (!claimed) return `Pennylane accepts PDF, PNG, JPEG, TIFF, BMP and GIF files; got ${file.type || 'an unknown type'} (${file.name}).`;
  const head = heads.get(file);
  if (!head) return 'The file could not be read before sending it.';
  return contentProblem(claimed, head);
}
