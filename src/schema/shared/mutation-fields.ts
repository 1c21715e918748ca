import { createHash, randomUUID } from 'node:crypto';
import type { InputObjectRef, InterfaceRef, ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import type { WriteEffects } from '../../datasources/pennylane/client.js';
import { reconciledWrite } from '../../datasources/writes/reconciled-write.js';
import { builder, type BuilderTypes } from '../builder.js';
import { mutationResult, refusalFromPennylane } from './mutation-errors.js';
import { endpoints } from './resource-fields.js';
import { InputChecks } from './validation.js';

/**
 * Mutations as declarations. Every mutation: checks its input at the gateway first (typed
 * ValidationError, no call), writes through the scheduler, is never blindly repeated
 * (reconciledWrite), drops what it changed from the cache, primes the new state, and returns
 * a result union of its payload and the typed failures.
 */

type Ref<T> = ObjectRef<BuilderTypes, T> | InterfaceRef<BuilderTypes, T>;

/** What a mutation returns on success. */
export interface WritePayload<T> {
  readonly record: T;
  /** True when an idempotency key matched an earlier call: the first result, nothing written. */
  readonly replayed: boolean;
}

/** `<Name>Payload { <field>: T!, replayed: Boolean! }`. */
export function definePayload<T>(name: string, field: string, type: Ref<T>, description: string): ObjectRef<BuilderTypes, WritePayload<T>> {
  return builder.objectRef<WritePayload<T>>(name).implement({
    description,
    fields: (t) => ({
      [field]: t.field({ type: type as ObjectRef<BuilderTypes, T>, description: 'The record as Pennylane returned it.', resolve: (p) => p.record as never }),
      replayed: t.exposeBoolean('replayed', {
        description: 'True when this call repeated an earlier one with the same idempotency key: the first result is returned and nothing was written again.',
      }),
    }),
  });
}

type MutationArgs = Record<string, unknown> & { input?: unknown; idempotencyKey?: string | null };

/** A mutation field with the typed-failure union; Pennylane refusals become typed errors. */
export function addMutation<Payload>(
  name: string,
  options: {
    readonly description: string;
    readonly endpoints: readonly string[];
    readonly payload: ObjectRef<BuilderTypes, Payload>;
    readonly what: string;
    readonly args: (t: PothosSchemaTypes.MutationFieldBuilder<BuilderTypes, object>) => Record<string, unknown>;
    readonly resolve: (args: MutationArgs, ctx: GatewayContext) => Promise<Payload>;
  },
): void {
  builder.mutationField(name, (t) =>
    t.field({
      ...endpoints(...options.endpoints),
      type: options.payload,
      description: options.description,
      errors: mutationResult(name, options.what),
      // Arguments are built by each mutation; their shapes are checked in its resolve.
      args: options.args(t) as never,
      // Pothos cannot compute its resolver result type for a generic Payload.
      resolve: (async (_root: unknown, args: MutationArgs, ctx: GatewayContext) => {
        try {
          return await options.resolve(args, ctx);
        } catch (error) {
          throw refusalFromPennylane(error);
        }
      }) as never,
    }),
  );
}

export interface CreateMutation<Input, T extends { id: number }> {
  readonly name: string;
  readonly description: string;
  /** e.g. `POST /customer_invoices`. */
  readonly endpoint: string;
  readonly input: InputObjectRef<BuilderTypes, Input>;
  readonly payload: ObjectRef<BuilderTypes, WritePayload<T>>;
  /** Singular noun for messages, e.g. `customer invoice`. */
  readonly noun: string;
  /** Resource of the created record (cache priming), e.g. `customer_invoices`. */
  readonly resource: string;
  /** Where to POST, and the list the record appears in. */
  readonly path: string;
  /** Other lists the record changes (e.g. an invoice adds ledger entries). */
  readonly alsoChanges?: readonly string[];
  readonly check: (input: Input, checks: InputChecks, ctx: GatewayContext) => void | Promise<void>;
  /** The Pennylane body; `externalReference` is the input's or one the gateway generated. */
  readonly toBody: (input: Input, externalReference: string) => unknown;
  /** The external reference the client chose, if any. */
  readonly externalReferenceOf: (input: Input) => string | null | undefined;
  /** Finds the record by external reference (defaults to the list filtered on it). */
  readonly find?: (ctx: GatewayContext, externalReference: string) => Promise<T | null>;
}

/**
 * A create. Every create carries an external reference — the client's, or one derived from
 * its idempotency key (so a retry from any replica finds the same record), or a random one —
 * which is what lets an unknown outcome be resolved by looking the record up.
 */
export function addCreateMutation<Input, T extends { id: number }>(def: CreateMutation<Input, T>): void {
  const find =
    def.find ??
    (async (ctx: GatewayContext, externalReference: string) => {
      const page = await ctx.pennylane.list<T>(
        def.path,
        { filter: [{ field: 'external_reference', operator: 'eq', value: externalReference }], limit: 1 },
        { resource: def.resource, cacheResponse: false },
      );
      return page.items[0] ?? null;
    });
  addMutation(def.name, {
    description: `${def.description} Checked at the gateway before any call; safe to retry with the same \`idempotencyKey\` (default: the external reference).`,
    endpoints: [def.endpoint],
    payload: def.payload,
    what: `the created ${def.noun}`,
    args: (t) => ({
      input: t.arg({ type: def.input, required: true, description: `The ${def.noun} to create.` }),
      idempotencyKey: t.arg.string({
        required: false,
        description:
          'Makes the call safe to repeat: a repeat with the same key returns the first result without writing again. Defaults to the external reference when there is one.',
      }),
    }),
    resolve: async (args, ctx) => {
      const input = args.input as Input;
      const checks = new InputChecks();
      await def.check(input, checks, ctx);
      checks.throwIfAny();
      const chosen = def.externalReferenceOf(input) ?? null;
      const explicitKey = args.idempotencyKey ?? null;
      const key = explicitKey ?? chosen;
      const externalReference = chosen ?? (explicitKey ? derivedReference(ctx, def.name, explicitKey) : `pgql-${randomUUID()}`);
      const body = def.toBody(input, externalReference);
      const effects: WriteEffects = { lists: [def.path, ...(def.alsoChanges ?? [])] };
      const create = async () => {
        const record = await reconciledWrite({
          send: () => ctx.pennylane.write<T>('POST', def.path, body, effects),
          find: () => find(ctx, externalReference),
          description: `created the ${def.noun}`,
          idempotencyKey: key,
        });
        ctx.pennylane.primeEntities(def.resource, [record]);
        return record;
      };
      try {
        if (!key) return { record: await create(), replayed: false };
        const { value, replayed } = await ctx.idempotency.run(ctx.tenant, def.name, key, { input, explicitKey }, create);
        return { record: value, replayed };
      } catch (error) {
        // With an explicit key, a duplicate means an earlier call (perhaps on another replica,
        // or before a restart) created it: that is the first result.
        if (explicitKey && error instanceof UpstreamHttpError && error.status === 409) {
          const existing = await find(ctx, externalReference);
          if (existing) return { record: existing, replayed: true };
        }
        throw error;
      }
    },
  });
}

export interface UpdateMutation<Input, T extends { id: number }> {
  readonly name: string;
  readonly description: string;
  readonly endpoint: string;
  readonly input: InputObjectRef<BuilderTypes, Input>;
  readonly payload: ObjectRef<BuilderTypes, WritePayload<T>>;
  readonly noun: string;
  readonly resource: string;
  /** Collection path; the record is `${path}/${id}`. */
  readonly path: string;
  /** Typenames whose global ids the `id` argument accepts. */
  readonly typenames: readonly string[];
  readonly method?: 'PUT' | 'POST';
  /** Sub-path after the id for action endpoints, e.g. `/update_imported`. */
  readonly action?: string;
  readonly alsoChanges?: readonly string[];
  /**
   * False when sending twice would not land in the same state (line creations): an unknown
   * outcome is then reported, not resolved by sending again.
   */
  readonly repeatable?: boolean;
  readonly check: (input: Input, checks: InputChecks, ctx: GatewayContext) => void | Promise<void>;
  readonly toBody: (input: Input) => unknown;
}

/** An update of one record by id (partial: only the fields given change). */
export function addUpdateMutation<Input, T extends { id: number }>(def: UpdateMutation<Input, T>): void {
  addMutation(def.name, {
    description: `${def.description} Checked at the gateway before any call.`,
    endpoints: [def.endpoint],
    payload: def.payload,
    what: `the updated ${def.noun}`,
    args: (t) => ({
      id: t.arg.id({ required: true, description: `The ${def.noun} to update: global id or Pennylane id.` }),
      input: t.arg({ type: def.input, required: true, description: 'The fields to change; the others keep their value.' }),
    }),
    resolve: async (args, ctx) => {
      const input = args.input as Input;
      const checks = new InputChecks();
      const id = checks.entityId(['id'], args.id, def.typenames);
      await def.check(input, checks, ctx);
      checks.throwIfAny();
      const path = `${def.path}/${id}${def.action ?? ''}`;
      const effects: WriteEffects = {
        lists: [def.path, ...(def.alsoChanges ?? [])],
        records: [{ resource: def.resource, path: def.path, id: id! }],
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
      ctx.pennylane.primeEntities(def.resource, [record]);
      return { record, replayed: false };
    },
  });
}

/** A stable external reference for an idempotency key: the same key finds the same record. */
function derivedReference(ctx: GatewayContext, scope: string, key: string): string {
  return `pgql-${createHash('sha256').update(`${ctx.tenant.id}|${scope}|${key}`).digest('hex').slice(0, 32)}`;
}

export interface ActionMutation<T extends { id: number }> {
  readonly name: string;
  readonly description: string;
  readonly endpoint: string;
  readonly payload: ObjectRef<BuilderTypes, WritePayload<T>>;
  readonly noun: string;
  readonly resource: string;
  /** Collection path; the record is `${path}/${id}`. */
  readonly path: string;
  readonly typenames: readonly string[];
  /** Extra arguments of the action, besides `id`. */
  readonly args?: (t: PothosSchemaTypes.MutationFieldBuilder<BuilderTypes, object>) => Record<string, unknown>;
  readonly check?: (args: MutationArgs, checks: InputChecks) => void;
  /** Sends the action; returns the record when Pennylane does (else it is read again). */
  readonly send: (ctx: GatewayContext, id: number, args: MutationArgs, effects: WriteEffects) => Promise<T | void>;
  /**
   * The state the action leads to, read on the record: after an unknown outcome the record is
   * read again and, if it is already there, the action happened.
   */
  readonly done: (record: T) => boolean;
  readonly alsoChanges?: readonly string[];
}

/** An action on one record (finalize, mark as paid...), resolved by its end state when unsure. */
export function addActionMutation<T extends { id: number }>(def: ActionMutation<T>): void {
  addMutation(def.name, {
    description: def.description,
    endpoints: [def.endpoint],
    payload: def.payload,
    what: `the ${def.noun} after the action`,
    args: (t) => ({
      id: t.arg.id({ required: true, description: `The ${def.noun}: global id or Pennylane id.` }),
      ...(def.args?.(t) ?? {}),
    }),
    resolve: async (args, ctx) => {
      const checks = new InputChecks();
      const id = checks.entityId(['id'], args.id, def.typenames);
      def.check?.(args, checks);
      checks.throwIfAny();
      const effects: WriteEffects = {
        lists: [def.path, ...(def.alsoChanges ?? [])],
        records: [{ resource: def.resource, path: def.path, id: id! }],
      };
      const reread = () => ctx.pennylane.get<T>(`${def.path}/${id}`, {}, { resource: def.resource, cacheResponse: false });
      const result = await reconciledWrite<T | void>({
        send: () => def.send(ctx, id!, args, effects),
        find: async () => {
          const record = await reread();
          return def.done(record) ? record : null;
        },
        description: `${def.name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} the ${def.noun}`,
        idempotencyKey: null,
      });
      const record = result ?? (await reread());
      ctx.pennylane.primeEntities(def.resource, [record]);
      return { record, replayed: false };
    },
  });
}
