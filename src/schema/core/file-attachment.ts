import type { PennylaneFileAttachment } from '../../datasources/pennylane/core.js';
import { builder } from '../builder.js';
import { endpoints, pennylaneIdField, subCollectionResolver, timestampFields } from '../shared/resource-fields.js';

export const FileAttachmentRef = builder.objectRef<PennylaneFileAttachment>('FileAttachment').implement({
  description: 'A file uploaded to Pennylane to be imported as an invoice (its id feeds `file_attachment_id`). Not stored in the DMS.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    url: t.exposeString('url', { description: 'Download URL, as Pennylane gives it: fetch it, do not store it.' }),
    filename: t.exposeString('filename', { description: 'File name.' }),
    ...timestampFields(t),
  }),
});

const FileAttachmentConnection = builder.connectionObject(
  { type: FileAttachmentRef, name: 'FileAttachmentConnection', description: 'A page of file attachments.' },
  { name: 'FileAttachmentEdge', description: 'One of a page of file attachments.' },
);

builder.queryField('fileAttachments', (t) =>
  t.connection(
    {
      type: FileAttachmentRef,
      ...endpoints('GET /file_attachments'),
      deprecationReason: 'Pennylane deprecates listing file attachments in the 2026 API; upload them and keep the returned ids instead.',
      description: 'Uploaded file attachments, newest first (`GET /file_attachments`): one call per page. No filter.',
      resolve: subCollectionResolver<unknown, PennylaneFileAttachment>({ path: () => '/file_attachments', resource: 'file_attachments' }),
    },
    FileAttachmentConnection,
  ),
);
