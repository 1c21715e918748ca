/**
 * The file formats Pennylane accepts for uploads (API.md §4.7: PDF, PNG, JPEG, TIFF, BMP,
 * GIF), recognized by their content. A declared type or a file name says what a file claims
 * to be; the first bytes say what it is (a text file named invoice.pdf is not a PDF). Used by
 * the gateway before any call and by the simulator, like Pennylane, when it receives one.
 */
export type UploadFormat = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'bmp' | 'gif';

/** Bytes to read to recognize a file: a PDF header may follow some leading bytes. */
export const SIGNATURE_BYTES = 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, i) => bytes[i] === byte);

/** The accepted format the content is in, or null (not one Pennylane takes). */
export function formatOfContent(head: Uint8Array): UploadFormat | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38]) && (head[4] === 0x37 || head[4] === 0x39) && head[5] === 0x61) return 'gif';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(head, [0x42, 0x4d]) && head.length >= 14) return 'bmp';
  // `%PDF-` within the first KiB (readers allow leading bytes before the header).
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, SIGNATURE_BYTES)).toString('latin1');
  if (text.includes('%PDF-')) return 'pdf';
  return null;
}

const FORMAT_OF_MIME: Readonly<Record<string, UploadFormat>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/tiff': 'tiff',
  'image/bmp': 'bmp',
  'image/x-ms-bmp': 'bmp',
  'image/gif': 'gif',
};
const FORMAT_OF_EXTENSION: Readonly<Record<string, UploadFormat>> = {
  pdf: 'pdf', png: 'png', jpg: 'jpeg', jpeg: 'jpeg', tif: 'tiff', tiff: 'tiff', bmp: 'bmp', gif: 'gif',
};

/** What the upload claims to be: its declared MIME type if accepted, else its extension's. */
export function claimedFormat(filename: string, contentType: string): UploadFormat | null {
  const mime = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  return FORMAT_OF_MIME[mime] ?? FORMAT_OF_EXTENSION[extension] ?? null;
}

const NAMES: Readonly<Record<UploadFormat, string>> = { pdf: 'a PDF', png: 'a PNG image', jpeg: 'a JPEG image', tiff: 'a TIFF image', bmp: 'a BMP image', gif: 'a GIF image' };

/** Why the content does not match an accepted format or what the file claims, or null. */
export function contentProblem(claimed: UploadFormat, head: Uint8Array): string | null {
  const actual = formatOfContent(head);
  if (actual === null) return `The file is declared as ${NAMES[claimed]} but its content is not ${NAMES[claimed]} (nor any format Pennylane accepts).`;
  if (actual !== claimed) return `The file is declared as ${NAMES[claimed]} but its content is ${NAMES[actual]}.`;
  return null;
}
