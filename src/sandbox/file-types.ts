/** Upload types accepted by Pennylane (API.md §4.7): png, jpeg, tiff, bmp, gif, pdf — by MIME type or extension. */

const BY_MIME: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/tiff': 'tiff',
  'image/bmp': 'bmp',
  'image/x-ms-bmp': 'bmp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

const BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  gif: 'image/gif',
  pdf: 'application/pdf',
};

export const ACCEPTED_UPLOAD_TYPES = 'png, jpeg, tiff, bmp, gif, pdf';

function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(filename);
  return m ? (m[1] as string).toLowerCase() : '';
}

function mimeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The content type to store and serve for an upload, or null when neither its
 * MIME type nor its extension is accepted. The declared MIME type wins when accepted.
 */
export function acceptedContentType(filename: string, contentType: string): string | null {
  const mime = mimeOf(contentType);
  if (BY_MIME[mime]) return mime === 'image/jpg' || mime === 'image/pjpeg' ? 'image/jpeg' : mime === 'image/x-ms-bmp' ? 'image/bmp' : mime;
  return BY_EXTENSION[extensionOf(filename)] ?? null;
}

/** Extension for a file URL: the filename's when accepted, else from the content type, else pdf. */
export function urlExtension(filename: string, contentType?: string): string {
  const ext = extensionOf(filename);
  if (BY_EXTENSION[ext]) return ext;
  return (contentType && BY_MIME[mimeOf(contentType)]) || 'pdf';
}
