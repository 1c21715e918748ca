/** Sections, appendices, custom header fields, contacts and templates on the sales documents. */
import type { CustomerInvoiceTemplateRecord } from '../records-sales.js';
import type { Timestamps } from '../records.js';
import { addDays } from '../time.js';
import { iso, stampOn, type SeedContext } from './context.js';
import { slugify } from './identity.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';

const SECTION_TITLES: ReadonlyArray<readonly [string, string | null]> = [
  ['Prestations', 'Interventions et accompagnement'], ['Fournitures', null], ['Phase 1 - Cadrage', 'Ateliers et spécifications'],
  ['Phase 2 - Réalisation', null], ['Options', 'Sur demande uniquement'],
];
const APPENDICES = ['CGV.pdf', 'Planning_previsionnel.pdf', 'Bon_de_commande_signe.pdf', 'Cahier_des_charges.pdf', 'Annexe_technique.pdf'] as const;
const JOBS = ['Directrice financière', 'Comptable', 'Responsable achats', 'Gérant', 'Assistante de direction', 'Chef de projet'] as const;

/** Two or three sections on a document; its lines are spread over them (section_rank). */
function sectionize(ctx: SeedContext, parentId: number, lineTable: 'invoice_lines' | 'document_lines', stamp: Timestamps): void {
  const { store, rng } = ctx;
  const lines = store.tables[lineTable].byGroup(parentId);
  if (lines.length < 2) return;
  const count = Math.min(lines.length, rng.int(2, 3));
  const titles = rng.shuffle(SECTION_TITLES).slice(0, count);
  titles.forEach(([title, description], i) => {
    store.tables.invoice_line_sections.put({
      id: store.ids.next('invoice_line_sections'), parent_id: parentId, title: rng.chance(0.9) ? title : null,
      description, rank: i + 1, created_at: stamp.created_at, updated_at: stamp.created_at,
    });
  });
  lines.forEach((l, i) => {
    l.section_rank = Math.min(count, 1 + Math.floor((i * count) / lines.length));
  });
}

function appendix(ctx: SeedContext, parentId: number, stamp: Timestamps): void {
  const { store, rng } = ctx;
  for (const filename of rng.shuffle(APPENDICES).slice(0, rng.int(1, 2))) {
    store.tables.appendices.put({ id: store.ids.next('appendices'), parent_id: parentId, filename, created_at: stamp.created_at, updated_at: stamp.created_at });
  }
}

export function seedDocumentExtras(ctx: SeedContext): void {
  const { store, rng } = ctx;
  for (const inv of store.tables.customer_invoices.all()) {
    if (store.tables.invoice_lines.byGroup(inv.id).length >= 3 && rng.chance(0.08)) sectionize(ctx, inv.id, 'invoice_lines', inv);
    if (!inv.draft && rng.chance(0.05)) appendix(ctx, inv.id, inv);
    if (!inv.draft && rng.chance(0.05)) {
      const fields: ReadonlyArray<readonly [string, string]> = [['Bon de commande', `BC-${rng.digits(5)}`], ['Code chantier', `CH-${rng.digits(3)}`], ['Référence client', `REF-${rng.digits(6)}`]];
      for (const [name, value] of rng.shuffle(fields).slice(0, rng.int(1, 2))) {
        store.tables.custom_header_fields.put({ id: store.ids.next('custom_header_fields'), invoice_id: inv.id, name, value, created_at: inv.created_at, updated_at: inv.created_at });
      }
    }
  }
  for (const q of store.tables.quotes.all()) {
    if (rng.chance(0.12)) sectionize(ctx, q.id, 'document_lines', q);
    if (rng.chance(0.15)) appendix(ctx, q.id, q);
  }
  for (const d of store.tables.commercial_documents.all()) {
    if (rng.chance(0.3)) sectionize(ctx, d.id, 'document_lines', d);
    if (rng.chance(0.4)) appendix(ctx, d.id, d);
  }
  const subscription = store.tables.billing_subscriptions.all()[0];
  if (subscription) sectionize(ctx, subscription.id, 'document_lines', subscription);
}

export function seedContacts(ctx: SeedContext): void {
  const { store, rng } = ctx;
  const companies = store.tables.customers.all().filter((c) => c.customer_type === 'company');
  for (const c of rng.shuffle(companies).slice(0, 20).sort((a, b) => a.id - b.id)) {
    const domain = c.emails[0]?.split('@')[1] ?? `${slugify(c.name)}.fr`;
    for (let i = rng.int(1, 3); i > 0; i--) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const at = iso(stampOn(ctx, addDays(c.created_at.slice(0, 10), rng.int(0, 200))));
      const created = at < c.created_at ? c.created_at : at;
      store.tables.contacts.put({
        id: store.ids.next('contacts'), customer_id: c.id, first_name: first, last_name: last,
        email: `${slugify(first)}.${slugify(last)}@${domain}`, phone: `+33 6 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
        job_title: rng.pick(JOBS), created_at: created, updated_at: created,
      });
    }
  }
}

/** Two invoice templates; every invoice uses the English one when written in English. */
export function seedTemplates(ctx: SeedContext): void {
  const { store } = ctx;
  const make = (name: string): CustomerInvoiceTemplateRecord => {
    const at = iso(stampOn(ctx, addDays(ctx.originDate, ctx.rng.int(0, 10))));
    const row = { id: store.ids.next('customer_invoice_templates'), name, created_at: at, updated_at: at };
    store.tables.customer_invoice_templates.put(row);
    return row;
  };
  const standard = make('Modèle standard');
  const english = make('Modèle anglais (EN)');
  for (const inv of store.tables.customer_invoices.all()) inv.customer_invoice_template_id = inv.language === 'en_GB' ? english.id : standard.id;
}
