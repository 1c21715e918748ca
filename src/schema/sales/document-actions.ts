import type { ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import { MAX_PAGE_SIZE } from '../../datasources/pennylane/common.js';
import type { PennylaneAppendix } from '../../datasources/pennylane/sales-documents.js';
import { ConflictError } from '../../datasources/writes/write-errors.js';
import { builder, type BuilderTypes } from '../builder.js';
import { checkEmails } from '../purchases/party-checks.js';
import { platformFile } from '../scalars/file.js';
import { pennylaneIdOf } from '../shared/ids.js';
import { addActionMutation, addCreateMutation, definePayload, type CreateMutation, type WritePayload } from '../shared/mutation-fields.js';
import { AppendixRef } from './refs.js';

/**
 * Actions every sales document shares (invoices and quotes, API.md §4.1): sending it by
 * e-mail (409 until its PDF exists) and appending a file to its PDF.
 */

interface DocumentKind {
  /** e.g. `customer invoice`. */
  readonly noun: string;
  /** `/customer_invoices` or `/quotes`. */
  readonly path: '/customer_invoices' | '/quotes';
  readonly typename: 'CustomerInvoice' | 'Quote';
  /** When the PDF is generated, for the 409 message. */
  readonly pdfAfter: string;
}

export function addSendByEmailMutation<T extends { id: number }>(
  name: string,
  kind: DocumentKind,
  payload: ObjectRef<BuilderTypes, WritePayload<T>>,
  description: string,
): void {
  const resource = kind.path.slice(1) as 'customer_invoices' | 'quotes';
  addActionMutation<T>({
    name,
    description: `${description} Pennylane queues the e-mail (nothing about the ${kind.noun} changes). Until its PDF exists (a little after ${kind.pdfAfter}) Pennylane answers a conflict: ConflictError, nothing sent, retry in a minute. Never sent twice by the gateway: an unknown outcome is reported, not retried.`,
    endpoint: `POST ${kind.path}/{id}/send_by_email`,
    payload,
    noun: kind.noun,
    resource,
    path: kind.path,
    typenames: [kind.typename],
    args: (t) => ({
      recipients: t.arg.stringList({
        required: false,
        description: "E-mail addresses to send it to; default: the customer's e-mail addresses.",
      }),
    }),
    check: (args, checks) => {
      const recipients = args.recipients as string[] | null | undefined;
      if (recipients === null || recipients === undefined) return;
      checks.count(['recipients'], recipients, 1, 50, 'recipients');
      checkEmails(checks, ['recipients'], recipients);
    },
    send: async (ctx, id, args, effects) => {
      const recipients = args.recipients as string[] | null | undefined;
      try {
        await ctx.pennylane.write('POST', `${kind.path}/${id}/send_by_email`, recipients ? { recipients } : {}, effects);
      } catch (error) {
        if (error instanceof UpstreamHttpError && error.status === 409) {
          throw new ConflictError(
            `The PDF of this ${kind.noun} is not ready yet (Pennylane generates it a little after ${kind.pdfAfter}); nothing was sent. Retry in a minute.`,
            'PENNYLANE',
          );
        }
        throw error;
      }
      return (await ctx.loaders.byId<T>(resource).load(String(id))) ?? undefined;
    },
    // Whether an e-mail left cannot be read on the record: an unknown outcome stays unknown.
    done: () => false,
    repeatable: false,
    effects: () => ({}),
  });
}

export interface AppendixInput {
  customerInvoiceId?: string | null;
  quoteId?: string | null;
  file: File;
}

export const AppendixPayload = definePayload<PennylaneAppendix>('AppendixPayload', 'appendix', AppendixRef, 'An appendix as uploaded.');

/** After an unknown outcome: the newest appendix of the document with the uploaded file's name. */
async function findAppendix(ctx: GatewayContext, path: string, file: File): Promise<PennylaneAppendix | null> {
  const page = await ctx.pennylane.list<PennylaneAppendix>(path, { limit: MAX_PAGE_SIZE, sort: '-id' }, { resource: 'appendices', cacheResponse: false, primeEntities: false });
  return page.items.find((appendix) => appendix.filename === file.name) ?? null;
}

export function addAppendixUploadMutation(
  name: string,
  kind: DocumentKind,
  idField: 'customerInvoiceId' | 'quoteId',
  description: string,
): CreateMutation<AppendixInput, PennylaneAppendix> {
  const input = builder.inputRef<AppendixInput>(`${name[0]!.toUpperCase()}${name.slice(1)}Input`).implement({
    description: `A file to append to a ${kind.noun}'s PDF.`,
    fields: (t) => ({
      [idField]: t.id({ required: true, description: `The ${kind.noun} (global or Pennylane id).` }),
      file: t.field({ type: 'File', required: true, description: 'PDF, PNG, JPEG, TIFF, BMP or GIF, up to 100 MB, as a multipart form part.' }),
    }),
  });
  const resource = kind.path.slice(1);
  const appendices = (value: AppendixInput) => `${kind.path}/${pennylaneIdOf(value[idField]!, [kind.typename])}/appendices`;
  return addCreateMutation<AppendixInput, PennylaneAppendix>({
    name,
    description: `${description} The file is checked (type, size) before any call. An appendix has no external reference: pass an \`idempotencyKey\` to make a retry safe; after an unknown outcome the ${kind.noun}'s appendix with the same file name counts as this one.`,
    endpoint: `POST ${kind.path}/{id}/appendices`,
    input,
    payload: AppendixPayload,
    noun: `${kind.noun} appendix`,
    resource: 'appendices',
    // The document changes too (its `updated_at`): its list, and the document with everything under it (its appendices).
    path: kind.path,
    postPath: appendices,
    alsoChangesRecords: (value) => [{ resource, path: kind.path, id: pennylaneIdOf(value[idField]!, [kind.typename]) }],
    check: (value, checks) => {
      checks.entityId(['input', idField], value[idField], [kind.typename]);
      checks.file(['input', 'file'], value.file);
    },
    toBody: async (value) => {
      const form = new FormData();
      form.append('file', await platformFile(value.file));
      return form;
    },
    externalReferenceOf: () => null,
    find: (ctx, _ref, value) => findAppendix(ctx, appendices(value), value.file),
  });
}
