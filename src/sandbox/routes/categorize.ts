/**
 * `PUT …/categories` (API.md §4.5, §5 rule 9): weighted `[{id, weight}]`, weights
 * of one group sum to exactly 1 (groups may be mixed), `[]` clears. Customers,
 * suppliers, customer invoices (not drafts), supplier invoices, transactions, ledger entry lines.
 */
import { unprocessable } from '../errors.js';
import { formatDecTrimmed, parseDec, rescale } from '../money.js';
import type { CategoryWeight, Timestamps } from '../records.js';
import type { ChangelogResource, CompanyStore, Table } from '../store.js';
import { arr, int, obj, str, validateArrayBody } from '../validate.js';
import { recategorizeEntry } from './bookkeeping.js';
import { attached, serializeAttached } from './categories.js';
import { ok } from './helpers.js';
import { mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec, SerializeContext } from './types.js';

const weightsSchema = arr(obj({ id: int(), weight: str({ format: 'decimal' }) }, ['id', 'weight']));
const SCALE = 6;

/** Validates a weighted categories body: 400 on shape, 422 on unknown ids, duplicates, weights and group sums. */
export function parseWeights(company: CompanyStore, body: unknown): CategoryWeight[] {
  const items = validateArrayBody(weightsSchema, body) as Array<{ id: number; weight: string }>;
  const sums = new Map<number, bigint>();
  const seen = new Set<number>();
  for (const item of items) {
    const category = mustExist(company.tables.categories, item.id, 'Category');
    if (seen.has(item.id)) throw unprocessable(`Category ${item.id} is listed twice`);
    seen.add(item.id);
    const w = rescale(parseDec(item.weight), SCALE);
    if (w <= 0n || w > 10n ** BigInt(SCALE)) throw unprocessable(`Category ${item.id}: weight must be greater than 0 and at most 1 (got "${item.weight}")`);
    sums.set(category.group_id, (sums.get(category.group_id) ?? 0n) + w);
  }
  for (const [groupId, sum] of sums) {
    if (sum !== 10n ** BigInt(SCALE)) {
      const label = company.tables.category_groups.get(groupId)?.label ?? String(groupId);
      throw unprocessable(`Category weights of group "${label}" must sum to 1 (got ${formatDecTrimmed({ units: sum, scale: SCALE })})`);
    }
  }
  return items.map((i) => ({ category_id: i.id, weight: i.weight }));
}

/** The attached form, ascending id (what GET …/categories lists). */
export function attachedList(ctx: SerializeContext, weights: readonly CategoryWeight[]): Record<string, unknown>[] {
  return attached(ctx.company, weights).sort((a, b) => a.id - b.id).map((a) => serializeAttached(a, ctx));
}

interface Categorised extends Timestamps {
  id: number;
  categories: CategoryWeight[];
}

interface TargetDef<R extends Categorised> {
  readonly path: string;
  readonly scope: string;
  readonly table: (c: CompanyStore) => Table<R>;
  readonly changelog: ChangelogResource;
  /** Business rule on the record (throws a 422). */
  readonly check?: (row: R) => void;
  /** Side effects after the change (e.g. the invoice's ledger entry follows). */
  readonly after?: (company: CompanyStore, row: R, at: string) => void;
  readonly respond?: (ctx: RouteContext, row: R) => unknown;
}

function categorizeRoute<R extends Categorised>(def: TargetDef<R>): RouteSpec {
  return {
    method: 'PUT',
    path: def.path,
    scope: def.scope,
    handler: (ctx): ApiResponse => {
      const table = def.table(ctx.company);
      const row = pathRecord(ctx, table);
      const weights = parseWeights(ctx.company, ctx.body);
      def.check?.(row);
      row.categories = weights;
      row.updated_at = ctx.company.clock.after(row.updated_at);
      table.put(row);
      ctx.company.recordChange(def.changelog, row, 'update');
      def.after?.(ctx.company, row, row.updated_at);
      return ok(def.respond ? def.respond(ctx, row) : attachedList(ctx, row.categories));
    },
  };
}

export const categorizeRoutes: readonly RouteSpec[] = [
  categorizeRoute({ path: '/customers/{id}/categories', scope: 'customers', table: (c) => c.tables.customers, changelog: 'customers' }),
  categorizeRoute({ path: '/suppliers/{id}/categories', scope: 'suppliers', table: (c) => c.tables.suppliers, changelog: 'suppliers' }),
  categorizeRoute({
    path: '/customer_invoices/{id}/categories', scope: 'customer_invoices', table: (c) => c.tables.customer_invoices, changelog: 'customer_invoices',
    check: (inv) => {
      if (inv.draft) throw unprocessable('Draft invoices cannot be categorized: finalize the invoice first');
    },
    after: (company, inv, at) => recategorizeEntry(company, inv.ledger_entry_id, inv.categories, at),
  }),
  categorizeRoute({
    path: '/supplier_invoices/{id}/categories', scope: 'supplier_invoices', table: (c) => c.tables.supplier_invoices, changelog: 'supplier_invoices',
    after: (company, inv, at) => recategorizeEntry(company, inv.ledger_entry_id, inv.categories, at),
  }),
  categorizeRoute({ path: '/transactions/{id}/categories', scope: 'transactions', table: (c) => c.tables.transactions, changelog: 'transactions' }),
  categorizeRoute({
    path: '/ledger_entry_lines/{id}/categories', scope: 'ledger_entries', table: (c) => c.tables.ledger_entry_lines, changelog: 'ledger_entry_lines_categories',
    respond: (ctx, line) => ({ ledger_entry_line: { id: line.id, label: line.label }, categories: attachedList(ctx, line.categories) }),
  }),
];
