import { describe, expect, it } from 'vitest';
import { multipart } from '../support/uploads.js';
import { useHarness } from '../support/use-harness.js';
import type { MutationResult } from '../support/mutations.js';

/** File uploads through the gateway (GraphQL multipart request spec) to `POST /file_attachments`. */

const UPLOAD = `mutation($file: File!, $filename: String, $key: String) {
  uploadFileAttachment(file: $file, filename: $filename, idempotencyKey: $key) {
    __typename
    ... on FileAttachmentPayload { replayed fileAttachment { pennylaneId filename url } }
    ... on MutationError { message refusedBy }
    ... on ValidationError { fieldErrors { path code message } }
  }
}`;

/** A small but real PDF: bytes that must come back identical. */
function pdfFile(name = 'facture.pdf'): File {
  const bytes = Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${'é'.repeat(20)} ${Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('')}\n%%EOF\n`, 'latin1');
  return new File([bytes], name, { type: 'application/pdf' });
}

describe('file uploads', () => {
  const h = useHarness({ beforeEach: 'reset' });

  const upload = async (file: File, variables: Record<string, unknown> = {}) =>
    (await multipart<{ uploadFileAttachment: MutationResult }>(h, UPLOAD, { file: null, ...variables }, { 'variables.file': file })).data!.uploadFileAttachment;

  it('uploads a PDF in one call; the simulator serves the very same bytes back at its url', async () => {
    const file = pdfFile();
    const result = await upload(file, { filename: 'FA-2026-118.pdf' });
    expect(result).toMatchObject({ __typename: 'FileAttachmentPayload', replayed: false, fileAttachment: { filename: 'FA-2026-118.pdf' } });
    expect(h.sim.control.count({ route: 'POST /file_attachments' })).toBe(1);
    const attachment = result.fileAttachment as { pennylaneId: string; url: string };
    const stored = h.sim.control.file(Number(attachment.pennylaneId))!;
    const sent = Buffer.from(await file.arrayBuffer());
    expect(stored.bytes.equals(sent)).toBe(true);
    const served = Buffer.from(await (await fetch(attachment.url)).arrayBuffer());
    expect(served.equals(sent)).toBe(true);
  });

  it('refuses a file of the wrong type or an empty one before any call', async () => {
    const text = await upload(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(text).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY', fieldErrors: [{ path: ['file'], code: 'INVALID_FILE' }] });
    const empty = await upload(new File([], 'vide.pdf', { type: 'application/pdf' }));
    expect(empty).toMatchObject({ fieldErrors: [{ path: ['file'], code: 'INVALID_FILE', message: 'The file is empty.' }] });
    expect(h.sim.control.count()).toBe(0);
  });

  it('checks the content, not only the declared type: a text file declared as a PDF is refused before any call', async () => {
    const text = await upload(new File(['just some text'], 'invoice.pdf', { type: 'application/pdf' }));
    expect(text).toMatchObject({
      __typename: 'ValidationError',
      refusedBy: 'GATEWAY',
      fieldErrors: [{ path: ['file'], code: 'INVALID_FILE', message: 'The file is declared as a PDF but its content is not a PDF (nor any format Pennylane accepts).' }],
    });
    const png = new File([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], 'scan.pdf', { type: 'application/pdf' });
    expect(await upload(png)).toMatchObject({ fieldErrors: [{ message: 'The file is declared as a PDF but its content is a PNG image.' }] });
    const real = new File([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], 'scan.png', { type: 'image/png' });
    expect(await upload(real)).toMatchObject({ __typename: 'FileAttachmentPayload' });
    expect(h.sim.control.count({ route: 'POST /file_attachments' })).toBe(1);
  });

  it('replays an upload with the same idempotency key without sending it again', async () => {
    const first = await upload(pdfFile(), { key: 'scan-1' });
    const again = await upload(pdfFile(), { key: 'scan-1' });
    expect(again).toEqual({ ...first, replayed: true });
    expect(h.sim.control.count({ route: 'POST /file_attachments' })).toBe(1);
  });
});
