import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';

/**
 * An uploaded file, sent with the GraphQL multipart request spec
 * (https://github.com/jaydenseric/graphql-multipart-request-spec). Input only.
 */
export const FileScalar = builder.scalarType('File', {
  description:
    'A file uploaded with the GraphQL multipart request spec. Pennylane accepts PDF, PNG, JPEG, TIFF, BMP and GIF, up to 100 MB.',
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
export const UPLOAD_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/tiff': 'tiff',
  'image/bmp': 'bmp',
  'image/gif': 'gif',
};
const EXTENSIONS = /\.(pdf|png|jpe?g|tiff?|bmp|gif)$/i;

/** Why a file cannot go to Pennylane, or null. */
export function uploadProblem(file: File): string | null {
  if (file.size === 0) return 'The file is empty.';
  if (file.size > UPLOAD_MAX_BYTES) return `The file is ${file.size} bytes; Pennylane accepts at most 100 MB.`;
  const typeKnown = Object.hasOwn(UPLOAD_TYPES, file.type.split(';')[0]!.trim().toLowerCase());
  if (!typeKnown && !EXTENSIONS.test(file.name ?? '')) {
    return `Pennylane accepts PDF, PNG, JPEG, TIFF, BMP and GIF files; got ${file.type || 'an unknown type'} (${file.name}).`;
  }
  return null;
}
