import { builder } from '../builder.js';
import { pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { AppendixRef } from './refs.js';

AppendixRef.implement({
  description: 'A file appended to a sales document\'s PDF (png, jpeg, tiff, bmp, gif or pdf). Not stored in the DMS.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    url: t.exposeString('url', { description: 'Download URL of the file, as Pennylane gives it: fetch it, do not store it.' }),
    filename: t.exposeString('filename', { description: 'File name.' }),
    ...timestampFields(t),
  }),
});

export const AppendixConnection = builder.connectionObject(
  {
    type: AppendixRef,
    name: 'AppendixConnection',
    description: 'A page of appendices.',
  },
  { name: 'AppendixEdge', description: 'One of a page of appendices.' },
);
