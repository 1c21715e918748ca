import { createHash, randomUUID } from 'node:crypto';
import type { GatewayContext } from '../../context.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import type { WriteEffects } from '../../datasources/pennylane/client.js';
import { MAX_PAGE_SIZE, type Page } from '../../datasources/pennylane/common.js';
import { reconciledWrite } from '../../datasources/writes/reconciled-write.js';
import type { IdempotentAttempt } from '../../datasources/writes/idempotency-store.js';
import type { ActionMutation, CreateMutation, MutationArgs, UpdateMutation, WritePayload } from './mutation-fields.js';

/**
 * The writes behind the mutation fields of mutation-fields.ts, once their input is checked:
 * create, update and action, each sent through reconciledWrite (never blindly repeated),
 * dropping what it changed from the cache and priming the new state. Bulk operations run
 * their items through the same functions. Also the fresh look-ups that resolve an unknown
 * outcome.
 */

/**
 * The create itself, once the input is checked: shared by the mutation and by bulk
 * operations (which run each item through it, in the background).
 */
export async function createRecord<Input, T extends { id: number }>(
  ctx: GatewayContext,
  def: CreateMutation<Input, T>,
  input: Input,
  explicitKey: string | null,
  options: { readonly referenceIsKey?: boolean } = {},
): Promise<WritePayload<T>> {
  const find = def.find ?? ((c: GatewayContext, ref: string) => findByExternalReference<T>(c, def.path, def.resource, ref));
  const chosen = def.externalReferenceOf(input) ?? null;
  // Upserts look the reference up themselves: it is not also an idempotency key for them.
  const key = explicitKey ?? (options.referenceIsKey === false ? null : chosen);
  const externalReference = chosen ?? (explicitKey ? derivedReference(ctx, def.name, explicitKey) : `pgql-${randomUUID()}`);
  const also = typeof def.alsoChanges === 'function' ? def.alsoChanges(input) : (def.alsoChanges ?? []);
  const effects: WriteEffects = { lists: [def.path, ...also], records: def.alsoChangesRecords?.(input) ?? [] };
  const postPath = (typeof def.postPath === 'function' ? def.postPath(input) : def.postPath) ?? def.path;
  const create = async (attempt?: IdempotentAttempt): Promise<WritePayload<T>> => {
    // An earlier attempt may have written it (its outcome was unknown, or the replica running
    // it stopped): look before writing, so it is never written twice.
    if (attempt?.resumed || ctx.checkBeforeCreate) {
      const existing = await find(ctx, externalReference, input);
      if (existing) {
        ctx.pennylane.primeEntities(def.resource, [existing]);
        return { record: existing, replayed: true };
      }
    }
    const body = await def.toBody(input, externalReference, ctx);
    const record = await reconciledWrite({
      send: () => ctx.pennylane.write<T>('POST', postPath, body, effects),
      find: () => find(ctx, externalReference, input),
      description: `created the ${def.noun}`,
      idempotencyKey: key,
    });
    ctx.pennylane.primeEntities(def.resource, [record]);
    return { record, replayed: false };
  };
  try {
    if (!key) return await create();
    const { value, replayed } = await ctx.idempotency.run(ctx.tenant, def.name, key, { input, explicitKey }, create);
    return { record: value.record, replayed: replayed || value.replayed };
  } catch (error) {
    // With an explicit key, a duplicate means an earlier call (perhaps on another replica,
    // or before a restart) created it: that is the first result.
    if (explicitKey && error instanceof UpstreamHttpError && error.status === 409) {
      const existing = await find(ctx, externalReference, input);
      if (existing) return { record: existing, replayed: true };
    }
    throw error;
  }
}

/** A stable external reference for an idempotency key: the same key finds the same record. */
function derivedReference(ctx: GatewayContext, scope: string, key: string): string {
  return `pgql-${createHash('sha256').update(`${ctx.tenant.id}|${scope}|${key}`).digest('hex').slice(0, 32)}`;
}

/** The record of a list with this external reference, if any (never cached: it must be fresh). */
export async function findByExternalReference<T extends { id: number }>(
  ctx: GatewayContext,
  path: string,
  resource: string,
  externalReference: string,
): Promise<T | null> {
  const page = await ctx.pennylane.list<T>(
    path,
    { filter: [{ field: 'external_reference', operator: 'eq', value: externalReference }], limit: 1 },
    { resource, cacheResponse: false },
  );
  return page.items[0] ?? null;
}

/** Every page of a small list without filters, fresh (after an unknown outcome). */
export async function findInWholeList<T extends { id: number }>(ctx: GatewayContext, path: string, resource: string, match: (row: T) => boolean): Promise<T | null> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await ctx.pennylane.list<T>(path, { limit: MAX_PAGE_SIZE, cursor }, { resource, cacheResponse: false });
    const found = page.items.find(match);
    if (found) return found;
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor);
  return null;
}

/** The update itself, once the input is checked (shared with bulk upserts). */
export async function updateRecord<Input, T extends { id: number }>(
  ctx: GatewayContext,
  def: UpdateMutation<Input, T>,
  id: number,
  input: Input,
): Promise<WritePayload<T>> {
  const path = def.pathOf?.(id, input) ?? `${def.path}/${id}${def.action ?? ''}`;
  const effects: WriteEffects = {
    lists: [def.path, ...(def.alsoChanges ?? [])],
    records: [{ resource: def.resource, path: def.path, id }, ...(def.alsoChangesRecords?.(input, id) ?? [])],
  };
  const body = def.toBody(input);
  const record = await reconciledWrite({
    send: () => ctx.pennylane.write<T>(def.method ?? 'PUT', path, body, effects),
    // Setting fields twice lands in the same state: absent a record, send again.
    find: async () => null,
    description: `updated the ${def.noun}`,
    idempotencyKey: null,
    repeatable: def.repeatable ?? true,
  });
  if (def.alsoChangesRecords) await ctx.pennylane.invalidate({ records: def.alsoChangesRecords(input, id, record) });
  ctx.pennylane.primeEntities(def.resource, [record]);
  return { record, replayed: false };
}

/** The action itself, once its arguments are checked; resolved by its end state when unsure. */
export async function runAction<T extends { id: number }>(ctx: GatewayContext, def: ActionMutation<T>, id: number, args: MutationArgs): Promise<WritePayload<T>> {
  const effects: WriteEffects = def.effects?.(id, args) ?? {
    lists: [def.path, ...(def.alsoChanges ?? [])],
    records: [{ resource: def.resource, path: def.path, id }],
  };
  const reread = () => ctx.pennylane.get<T>(`${def.path}/${id}`, {}, { resource: def.resource, cacheResponse: false });
  const result = await reconciledWrite<T | void>({
    send: () => def.send(ctx, id, args, effects),
    find: async () => {
      const record = await reread();
      return (await def.done(record, args, ctx)) ? record : null;
    },
    description: `${def.name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} the ${def.noun}`,
    idempotencyKey: null,
    repeatable: def.repeatable ?? true,
  });
  const record = result ?? (await reread());
  ctx.pennylane.primeEntities(def.resource, [record]);
  return { record, replayed: false };
}
