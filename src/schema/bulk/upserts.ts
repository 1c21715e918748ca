import type { GatewayContext } from '../../context.js';
import type { RecordChange } from '../../jobs/bulk-jobs.js';
import { MAX_PAGE_SIZE } from '../../datasources/pennylane/common.js';
import { findByExternalReference } from '../shared/record-writes.js';

/**
 * Upserts: each item of a bulk operation names a record by its external reference, and is
 * created, updated, or left alone when Pennylane already holds exactly its values.
 *
 * - The records of the whole operation are looked up once, in `external_reference in [...]`
 *   calls of 100, not per item.
 * - Items naming the same record apply one after another, in input order: the first creates
 *   it (or updates it), each later one updates what the previous one left — the last one
 *   wins, as for a record that already existed, and no item is reported written while its
 *   values were dropped.
 * - An item whose values are already the record's costs no write (UNCHANGED): a sync that
 *   changes nothing costs only its lookups.
 *
 * `upsertItem` is the whole processing of one item, given the operation's inputs: a job queue
 * running items elsewhere must keep the items of one reference in input order.
 */
export interface UpsertTarget<Input, T> {
  /** The list the lookups read, e.g. `/products`. */
  readonly path: string;
  readonly resource: string;
  /** The fields the item writes, as Pennylane names them (compared with the record). */
  readonly body: (input: Input) => Readonly<Record<string, unknown>>;
  /** Fields holding decimal strings: "120" and "120.00" are the same price. */
  readonly decimals?: readonly string[];
  /** Creates the record of item `index`; may refuse it (what Pennylane requires to create). */
  readonly create: (ctx: GatewayContext, input: Input, key: string | null, index: number) => Promise<{ record: T; replayed: boolean }>;
  /** Updates `existing` with the item; may refuse it (e.g. a customer of the other kind). */
  readonly update: (ctx: GatewayContext, existing: T, input: Input) => Promise<T>;
}

export interface UpsertOutcome<T> {
  readonly record: T;
  readonly change: RecordChange;
  readonly replayed: boolean;
}

type Upsertable = { readonly id: number; readonly external_reference: string | null };

/** What is known of a record before an item: the record (or null: absent), or unknown after a failed item. */
type Known<T> = { readonly record: T | null } | 'unknown';

interface OperationState<T> {
  readonly lookup: Promise<Map<string, T>>;
  /** Per reference: the state the last item queued for it will leave. */
  readonly tails: Map<string, Promise<Known<T>>>;
}

const operations = new WeakMap<readonly unknown[], OperationState<unknown>>();

export function upsertItem<Input extends { externalReference: string }, T extends Upsertable>(
  ctx: GatewayContext,
  target: UpsertTarget<Input, T>,
  all: readonly Input[],
  index: number,
  key: string | null,
): Promise<UpsertOutcome<T>> {
  const state = stateOf(ctx, target, all);
  const input = all[index]!;
  const reference = input.externalReference;
  // Chained synchronously, in the order items start (input order): no await before this.
  const before = state.tails.get(reference) ?? state.lookup.then((found) => ({ record: found.get(reference) ?? null }));
  const outcome = before.then(async (known): Promise<UpsertOutcome<T>> => {
    const current = known === 'unknown' ? await findByExternalReference<T>(ctx, target.path, target.resource, reference) : known.record;
    if (!current) {
      const { record, replayed } = await target.create(ctx, input, key, index);
      return { record, change: 'CREATED', replayed };
    }
    if (holds(current, target.body(input), new Set(target.decimals ?? []))) return { record: current, change: 'UNCHANGED', replayed: false };
    return { record: await target.update(ctx, current, input), change: 'UPDATED', replayed: false };
  });
  state.tails.set(
    reference,
    outcome.then(
      ({ record }) => ({ record }),
      // A failed item may or may not have changed the record: the next one looks it up afresh.
      (): Known<T> => 'unknown',
    ),
  );
  return outcome;
}

function stateOf<Input extends { externalReference: string }, T extends Upsertable>(
  ctx: GatewayContext,
  target: UpsertTarget<Input, T>,
  all: readonly Input[],
): OperationState<T> {
  let state = operations.get(all) as OperationState<T> | undefined;
  if (!state) {
    state = { lookup: lookUpAll<T>(ctx, target.path, target.resource, all), tails: new Map() };
    operations.set(all, state as OperationState<unknown>);
  }
  return state;
}

async function lookUpAll<T extends Upsertable>(ctx: GatewayContext, path: string, resource: string, all: readonly { externalReference: string }[]): Promise<Map<string, T>> {
  const references = [...new Set(all.map((input) => input.externalReference))];
  const byReference = new Map<string, T>();
  for (let i = 0; i < references.length; i += MAX_PAGE_SIZE) {
    const chunk = references.slice(i, i + MAX_PAGE_SIZE);
    const page = await ctx.pennylane.list<T>(
      path,
      { filter: [{ field: 'external_reference', operator: 'in', value: chunk }], limit: MAX_PAGE_SIZE },
      { resource, cacheResponse: false },
    );
    for (const record of page.items) if (record.external_reference) byReference.set(record.external_reference, record);
  }
  return byReference;
}

/** At most: the lookups of the distinct references, 100 a call, and one write per item. */
export function upsertCalls(inputs: readonly { externalReference: string }[]): number {
  return Math.ceil(new Set(inputs.map((input) => input.externalReference)).size / MAX_PAGE_SIZE) + inputs.length;
}

/**
 * Whether the record already holds every value the body sets. Nested objects compare the
 * fields the body gives (`ledger_account: {id}` against `{id, url}`); `x_id` compares with the
 * record's `x.id`; decimals by value. Anything unsure counts as a change: a write too many is
 * safe, a write skipped is not.
 */
function holds(record: Readonly<Record<string, unknown>>, body: Readonly<Record<string, unknown>>, decimals: ReadonlySet<string>): boolean {
  return Object.entries(body).every(([field, wanted]) => {
    if (wanted === undefined) return true;
    if (!(field in record) && field.endsWith('_id')) {
      const linked = record[field.slice(0, -3)] as { id?: unknown } | null | undefined;
      return sameValue(wanted, linked?.id ?? null, false);
    }
    return sameValue(wanted, record[field], decimals.has(field));
  });
}

function sameValue(wanted: unknown, actual: unknown, decimal: boolean): boolean {
  if (wanted === null) return actual === null || actual === undefined;
  if (decimal && typeof wanted === 'string' && typeof actual === 'string') return decimalKey(wanted) === decimalKey(actual);
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && actual.length === wanted.length && wanted.every((value, i) => sameValue(value, actual[i], false));
  }
  if (typeof wanted === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return holds(actual as Record<string, unknown>, wanted as Record<string, unknown>, new Set());
  }
  return wanted === actual;
}

/** A decimal string without its insignificant zeros ("120.50" and "120.5" agree). */
function decimalKey(value: string): string {
  const match = /^(-?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction] = match;
  const normalised = `${whole || '0'}${fraction ? `.${fraction}` : ''}`;
  return normalised === '0' ? '0' : `${sign}${normalised}`;
}
