/** Parts shared by invoices, quotes, commercial documents and subscriptions: sections and appendices. */
import { urlExtension } from '../file-types.js';
import type { ListSpec } from '../list-engine.js';
import type { AppendixRecord, InvoiceLineSectionRecord } from '../records-sales.js';
import type { CompanyStore } from '../store.js';
import { subListRoute } from './helpers.js';
import type { RouteSpec, SerializeContext } from './types.js';

export function serializeSection(s: InvoiceLineSectionRecord, _ctx: SerializeContext): Record<string, unknown> {
  return { id: s.id, title: s.title, description: s.description, rank: s.rank, created_at: s.created_at, updated_at: s.updated_at };
}

export function serializeAppendix(a: AppendixRecord, ctx: SerializeContext): Record<string, unknown> {
  const ext = urlExtension(a.filename, ctx.company.files.get(a.id)?.contentType);
  return { id: a.id, url: `${ctx.links.origin}/__files/appendices/${a.id}.${ext}`, filename: a.filename, created_at: a.created_at, updated_at: a.updated_at };
}

const sectionsList: ListSpec<InvoiceLineSectionRecord> = {};
const appendicesList: ListSpec<AppendixRecord> = {};

type Find<P> = (company: CompanyStore, id: number) => P | undefined;

export function sectionsRoute<P extends { id: number }>(path: string, scope: string, parent: Find<P>): RouteSpec {
  return subListRoute({ path, scope, parent, rows: (c, p) => c.tables.invoice_line_sections.byGroup(p.id), list: sectionsList, serialize: serializeSection });
}

export function appendicesRoute<P extends { id: number }>(path: string, scope: string, parent: Find<P>): RouteSpec {
  return subListRoute({ path, scope, parent, rows: (c, p) => c.tables.appendices.byGroup(p.id), list: appendicesList, serialize: serializeAppendix });
}
