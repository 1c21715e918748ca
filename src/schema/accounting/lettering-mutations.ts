import type { GatewayContext } from '../../context.js';
import type { PennylaneLedgerEntryLine } from '../../datasources/pennylane/accounting.js';
import { MAX_PAGE_SIZE } from '../../datasources/pennylane/common.js';
import type { WriteEffects } from '../../datasources/pennylane/client.js';
import { reconciledWrite } from '../../datasources/writes/reconciled-write.js';
import { addSetCategoriesMutation } from '../analytics/category-weights.js';
import { builder } from '../builder.js';
import { addMutation, definePayload, type RecordRef, type WritePayload } from '../shared/mutation-fields.js';
import { InputChecks } from '../shared/validation.js';
import { LedgerEntryLineRef } from './refs.js';

/**
 * Lettering (`POST`/`DELETE /ledger_entry_lines/lettering`, API.md §4.3, §5 rule 14) and line
 * categories. Lettering merges groups transitively and unlettering dissolves whole groups, so
 * a write changes lines beyond those named: every line of the groups involved is dropped from
 * the cache and returned.
 */

const LetteringStrategy = builder.enumType('UnbalancedLetteringStrategy', {
  description: 'What to do when the lettered lines do not balance (debits ≠ credits).',
  values: {
    NONE: { value: 'none', description: 'Refuse an unbalanced lettering.' },
    PARTIAL: { value: 'partial', description: 'Accept it as a partial lettering.' },
  } as const,
});

export const LedgerEntryLinesPayload = builder.objectRef<WritePayload<PennylaneLedgerEntryLine[]>>('LedgerEntryLinesPayload').implement({
  description: 'Ledger entry lines as a write left them.',
  fields: (t) => ({
    ledgerEntryLines: t.field({
      type: [LedgerEntryLineRef],
      description: 'Every line of the lettering groups involved, read again after the write, ascending id.',
      resolve: (p) => p.record,
    }),
    replayed: t.exposeBoolean('replayed', { description: 'Always false: lettering has no idempotency key (doing it twice lands in the same state).' }),
  }),
});

export const LedgerEntryLinePayload = definePayload<PennylaneLedgerEntryLine>(
  'LedgerEntryLinePayload',
  'ledgerEntryLine',
  LedgerEntryLineRef,
  'A ledger entry line as written.',
);

const lineRecord = (id: number): RecordRef => ({ resource: 'ledger_entry_lines', path: '/ledger_entry_lines', id });

function checkLineIds(checks: InputChecks, values: readonly string[], min: number): number[] {
  const ids: number[] = [];
  for (const [index, value] of values.entries()) {
    const id = checks.entityId(['lineIds', index], value, ['LedgerEntryLine']);
    if (id === null) continue;
    if (ids.includes(id)) checks.add(['lineIds', index], `Line ${id} is listed twice.`, 'DUPLICATE');
    else ids.push(id);
  }
  if (values.length < min) checks.add(['lineIds'], `At least ${min} distinct lines are needed.`, 'TOO_FEW');
  return ids;
}

/** Calls to read these lines (at least one: a group has at least the lines asked for). */
const lineReads = (ids: unknown) => Math.max(1, Math.ceil((Array.isArray(ids) ? ids.length : 0) / MAX_PAGE_SIZE));

/** Lines read fresh (never from the cache: lettering moves), ascending id. */
async function readLines(ctx: GatewayContext, ids: readonly number[]): Promise<PennylaneLedgerEntryLine[]> {
  const lines: PennylaneLedgerEntryLine[] = [];
  for (let i = 0; i < ids.length; i += MAX_PAGE_SIZE) {
    const part = ids.slice(i, i + MAX_PAGE_SIZE);
    const page = await ctx.pennylane.list<PennylaneLedgerEntryLine>(
      '/ledger_entry_lines',
      { filter: [{ field: 'id', operator: 'in', value: part }], limit: MAX_PAGE_SIZE },
      { resource: 'ledger_entry_lines', cacheResponse: false },
    );
    lines.push(...page.items);
  }
  return lines.sort((a, b) => a.id - b.id);
}

addMutation<WritePayload<PennylaneLedgerEntryLine[]>>('letterLedgerEntryLines', {
  description:
    'Letters lines together (`POST /ledger_entry_lines/lettering`), e.g. an invoice with its payment: at least 2 lines, on the same 401…/411… account. Groups the lines already belong to are merged in. Returns every line of the resulting group.',
  endpoints: ['POST /ledger_entry_lines/lettering'],
  payload: LedgerEntryLinesPayload,
  what: 'the lines of the lettering group',
  // The write, then the lines of the group read (100 a call).
  cost: { calls: (args) => 1 + lineReads(args.lineIds) },
  args: (t) => ({
    lineIds: t.arg.idList({ required: true, description: 'The lines to letter (global or Pennylane ids), at least 2.' }),
    unbalancedStrategy: t.arg({
      type: LetteringStrategy,
      required: false,
      defaultValue: 'none',
      description: 'NONE (default) refuses a group whose debits and credits differ; PARTIAL accepts it.',
    }),
  }),
  resolve: async (args, ctx) => {
    const checks = new InputChecks();
    const ids = checkLineIds(checks, args.lineIds as string[], 2);
    checks.throwIfAny();
    const body = { unbalanced_lettering_strategy: (args.unbalancedStrategy as string | null) ?? 'none', ledger_entry_lines: ids.map((id) => ({ id })) };
    const effects: WriteEffects = { lists: ['/ledger_entry_lines'], records: ids.map(lineRecord) };
    const group = await reconciledWrite<{ id: number }[]>({
      send: () => ctx.pennylane.write<{ id: number }[]>('POST', '/ledger_entry_lines/lettering', body, effects),
      // Lettered already when every line names all the others in its group.
      find: async () => {
        const lines = await readLines(ctx, ids);
        const groupIds = lines[0]?.lettered_ledger_entry_lines.ids ?? [];
        const together = lines.length === ids.length && ids.every((id) => groupIds.includes(id));
        return together ? groupIds.map((id) => ({ id })) : null;
      },
      description: 'lettered the lines',
      idempotencyKey: null,
    });
    const groupIds = [...new Set([...ids, ...group.map((line) => line.id)])];
    // Lines merged in from earlier groups changed too.
    await ctx.pennylane.invalidate({ records: groupIds.map(lineRecord) });
    return { record: await readLines(ctx, groupIds), replayed: false };
  },
});

addMutation<WritePayload<PennylaneLedgerEntryLine[]>>('unletterLedgerEntryLines', {
  description:
    'Unletters lines (`DELETE /ledger_entry_lines/lettering`): the whole groups they belong to are dissolved. Reads the lines first (one call) to know those groups, and returns all their lines.',
  endpoints: ['DELETE /ledger_entry_lines/lettering'],
  payload: LedgerEntryLinesPayload,
  what: 'the lines of the dissolved lettering groups',
  // The lines read before (to know their groups), the write, the lines of those groups read after.
  cost: { calls: (args) => 1 + 2 * lineReads(args.lineIds) },
  args: (t) => ({
    lineIds: t.arg.idList({ required: true, description: 'Lines whose lettering groups to dissolve (global or Pennylane ids), at least 1.' }),
  }),
  resolve: async (args, ctx) => {
    const checks = new InputChecks();
    const ids = checkLineIds(checks, args.lineIds as string[], 1);
    checks.throwIfAny();
    const before = await readLines(ctx, ids);
    const affected = [...new Set([...ids, ...before.flatMap((line) => line.lettered_ledger_entry_lines.ids)])];
    const effects: WriteEffects = { lists: ['/ledger_entry_lines'], records: affected.map(lineRecord) };
    await reconciledWrite<true>({
      send: async () => {
        await ctx.pennylane.write('DELETE', '/ledger_entry_lines/lettering', { ledger_entry_lines: ids.map((id) => ({ id })) }, effects);
        return true;
      },
      find: async () => ((await readLines(ctx, ids)).every((line) => line.lettered_ledger_entry_lines.ids.length === 0) ? true : null),
      description: 'unlettered the lines',
      idempotencyKey: null,
    });
    return { record: await readLines(ctx, affected.sort((a, b) => a - b)), replayed: false };
  },
});

addSetCategoriesMutation<PennylaneLedgerEntryLine>({
  name: 'setLedgerEntryLineCategories',
  endpoint: 'PUT /ledger_entry_lines/{id}/categories',
  description: "Replaces a ledger entry line's analytical categories (`PUT /ledger_entry_lines/{id}/categories`).",
  payload: LedgerEntryLinePayload,
  noun: 'ledger entry line',
  resource: 'ledger_entry_lines',
  path: '/ledger_entry_lines',
  typenames: ['LedgerEntryLine'],
});
