import type { GatewayContext } from '../../context.js';
import type { PennylaneFileAttachment } from '../../datasources/pennylane/core.js';
import { reconciledWrite } from '../../datasources/writes/reconciled-write.js';
import { addMutation, definePayload } from '../shared/mutation-fields.js';
import { InputChecks } from '../shared/validation.js';
import { platformFile } from '../scalars/file.js';
import { FileAttachmentRef } from './file-attachment.js';

/**
 * File uploads (`POST /file_attachments`, multipart, API.md §4.7): the file is checked at the
 * gateway (type, size) and streamed on to Pennylane; its id feeds `file_attachment_id` of
 * invoice imports.
 */

export const FileAttachmentPayload = definePayload<PennylaneFileAttachment>(
  'FileAttachmentPayload',
  'fileAttachment',
  FileAttachmentRef,
  'A file attachment as uploaded.',
);

/**
 * Uploads one file. An upload has no external reference; sending it twice only leaves an
 * unused attachment behind (not in the DMS), so an unknown outcome is resolved by sending again.
 */
export async function uploadFile(ctx: GatewayContext, file: File, filename?: string | null): Promise<PennylaneFileAttachment> {
  const form = new FormData();
  form.append('file', await platformFile(file, file.name || filename || 'upload'));
  if (filename) form.append('filename', filename);
  return reconciledWrite({
    send: () => ctx.pennylane.write<PennylaneFileAttachment>('POST', '/file_attachments', form, { lists: ['/file_attachments'] }),
    find: async () => null,
    description: 'uploaded the file',
    idempotencyKey: null,
  });
}

addMutation<{ record: PennylaneFileAttachment; replayed: boolean }>('uploadFileAttachment', {
  description:
    'Uploads a file to Pennylane (`POST /file_attachments`, multipart): PDF, PNG, JPEG, TIFF, BMP or GIF, up to 100 MB, checked at the gateway before any call. Send it with the GraphQL multipart request spec. Its id feeds `fileAttachmentId` of supplier invoice imports.',
  endpoints: ['POST /file_attachments'],
  payload: FileAttachmentPayload,
  what: 'the uploaded file attachment',
  args: (t) => ({
    file: t.arg({ type: 'File', required: true, description: 'The file, as a multipart form part.' }),
    filename: t.arg.string({ required: false, description: 'Name Pennylane stores the file under; default: the uploaded file name.' }),
    idempotencyKey: t.arg.string({
      required: false,
      description: 'Makes the call safe to repeat: a repeat with the same key returns the first attachment without uploading again.',
    }),
  }),
  resolve: async (args, ctx) => {
    const file = args.file as File;
    const filename = (args.filename as string | null | undefined) ?? null;
    const checks = new InputChecks();
    checks.file(['file'], file);
    if (filename !== null) checks.required(['filename'], filename, 'The file name');
    checks.throwIfAny();
    const upload = () => uploadFile(ctx, file, filename);
    if (!args.idempotencyKey) return { record: await upload(), replayed: false };
    // A File has no enumerable fields: what identifies the upload is its name, type and size.
    const fingerprint = { name: file.name, type: file.type, size: file.size, filename };
    const { value, replayed } = await ctx.idempotency.run(ctx.tenant, 'uploadFileAttachment', args.idempotencyKey, fingerprint, upload);
    return { record: value, replayed };
  },
});
