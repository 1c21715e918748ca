import type { InputObjectRef, InterfaceRef, ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { WriteEffects } from '../../datasources/pennylane/client.js';
import { builder, type BuilderTypes } from '../builder.js';
import { mutationResult, refusalFromPennylane } from './mutation-errors.js';
import { createRecord, runAction, updateRecord } from './record-writes.js';
import { endpoints } from './resource-fields.js';
import { writeCostExtension, type WriteCost } from '../cost/cost-kinds.js';
import { uploadsIn } from '../cost/write-costs.js';
import { InputChecks } from './validation.js';

/**
 * Mutations as declarations. Every mutation: checks its input at the gateway first (typed
 * ValidationError, no call), writes through the scheduler, is never blindly repeated
 * (reconciledWrite), drops what it changed from the cache, primes the new state, and returns
 * a result union of its payload and the typed failures. The fields are made here; the writes
 * they run once the input is checked are in record-writes.ts.
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

export type MutationArgs = Record<string, unknown> & { input?: unknown; idempotencyKey?: string | null };

const ONE_CALL: WriteCost = { calls: () => 1 };

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
    /** What it costs, for the planner (default: one call, the write). */
    readonly cost?: WriteCost;
  },
): void {
  builder.mutationField(name, (t) =>
    t.field({
      extensions: { ...endpoints(...options.endpoints).extensions, ...writeCostExtension(options.cost ?? ONE_CALL) },
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
  /** Where to POST when it is not the list itself, e.g. `/supplier_invoices/import`, or, given the input, `/customers/{id}/contacts`. */
  readonly postPath?: string | ((input: Input) => string);
  /** Records the create changes besides the new one (e.g. the quote an invoice is made from). */
  readonly alsoChangesRecords?: (input: Input) => readonly RecordRef[];
  /** Other endpoints the create calls besides `endpoint` (e.g. `POST /file_attachments` for an upload). */
  readonly alsoEndpoints?: readonly string[];
  /** Other lists the record changes (e.g. an invoice adds ledger entries), or which ones, given the input. */
  readonly alsoChanges?: readonly string[] | ((input: Input) => readonly string[]);
  readonly check: (input: Input, checks: InputChecks, ctx: GatewayContext) => void | Promise<void>;
  /**
   * The Pennylane body; `externalReference` is the input's or one the gateway generated.
   * May call Pennylane first (e.g. upload a file): it runs once per create, inside the
   * idempotent section, so a replay does not repeat it.
   */
  readonly toBody: (input: Input, externalReference: string, ctx: GatewayContext) => unknown;
  /** The external reference the client chose, if any. */
  readonly externalReferenceOf: (input: Input) => string | null | undefined;
  /**
   * Finds the record after an unknown outcome (defaults to the list filtered on the external
   * reference); records without one are found from the input.
   */
  readonly find?: (ctx: GatewayContext, externalReference: string, input: Input) => Promise<T | null>;
}

/**
 * A create. Every create carries an external reference — the client's, or one derived from
 * its idempotency key (so a retry from any replica finds the same record), or a random one —
 * which is what lets an unknown outcome be resolved by looking the record up.
 */
export function addCreateMutation<Input, T extends { id: number }>(def: CreateMutation<Input, T>): CreateMutation<Input, T> {
  addMutation(def.name, {
    description: `${def.description} Checked at the gateway before any call; safe to retry with the same \`idempotencyKey\` (default: the external reference).`,
    endpoints: [def.endpoint, ...(def.alsoEndpoints ?? [])],
    payload: def.payload,
    what: `the created ${def.noun}`,
    cost: createCost(def),
    args: (t) => ({
      input: t.arg({ type: def.input, required: true, description: `The ${def.noun} to create.` }),
      idempotencyKey: t.arg.string({
        required: false,
        description:
          'Makes the call safe to repeat: a repeat with the same key returns the first result without writing again. Defaults to the external reference when there is one.',
      }),
    }),
    resolve: async (args, ctx) => {
      const checks = new InputChecks();
      await def.check(args.input as Input, checks, ctx);
      checks.throwIfAny();
      return createRecord(ctx, def, args.input as Input, args.idempotencyKey ?? null);
    },
  });
  return def;
}

/** Calls of one create: its write, after the upload of each file it carries when it uploads them first. */
export function createCalls<Input, T extends { id: number }>(def: CreateMutation<Input, T>, input: unknown): number {
  return 1 + ((def.alsoEndpoints ?? []).includes('POST /file_attachments') ? uploadsIn(input) : 0);
}

function createCost<Input, T extends { id: number }>(def: CreateMutation<Input, T>): WriteCost {
  return { calls: (args) => createCalls(def, args.input) };
}

/** One record a write changes. */
export type RecordRef = NonNullable<WriteEffects['records']>[number];

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
  /** Where the record is when not under `path` (e.g. a customer's contact, named by the input). */
  readonly pathOf?: (id: number, input: Input) => string;
  readonly alsoChanges?: readonly string[];
  /**
   * Records the update changes besides the one updated: named by the input (invalidated with
   * the write, e.g. the lines it edits), or by the answer (called again with it afterwards,
   * e.g. the invoice's ledger entry).
   */
  readonly alsoChangesRecords?: (input: Input, id: number, answer?: T) => readonly RecordRef[];
  /**
   * False when sending twice would not land in the same state (line creations): an unknown
   * outcome is then reported, not resolved by sending again.
   */
  readonly repeatable?: boolean;
  readonly check: (input: Input, checks: InputChecks, ctx: GatewayContext) => void | Promise<void>;
  readonly toBody: (input: Input) => unknown;
}

/** An update of one record by id (partial: only the fields given change). */
export function addUpdateMutation<Input, T extends { id: number }>(def: UpdateMutation<Input, T>): UpdateMutation<Input, T> {
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
      return updateRecord(ctx, def, id!, input);
    },
  });
  return def;
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
   * The state the action leads to, read on the record (or, given the arguments, beside it):
   * after an unknown outcome the record is read again and, if it is already there, the
   * action happened.
   */
  readonly done: (record: T, args: MutationArgs, ctx: GatewayContext) => boolean | Promise<boolean>;
  readonly alsoChanges?: readonly string[];
  /**
   * What the action changes, when not the record and its list (+ `alsoChanges`): e.g. matching
   * a transaction changes the transaction too; sending an e-mail changes nothing.
   */
  readonly effects?: (id: number, args: MutationArgs) => WriteEffects;
  /** False when doing it twice would not land in the same state (an e-mail sent twice). */
  readonly repeatable?: boolean;
  /** True when Pennylane answers the action with the record (`send` returns it): no read after. */
  readonly answersWithRecord?: boolean;
}

/** An action on one record (finalize, mark as paid...), resolved by its end state when unsure. */
export function addActionMutation<T extends { id: number }>(def: ActionMutation<T>): void {
  addMutation(def.name, {
    description: def.description,
    endpoints: [def.endpoint],
    payload: def.payload,
    what: `the ${def.noun} after the action`,
    // The action, then the record read again unless Pennylane answers with it.
    cost: { calls: () => (def.answersWithRecord ? 1 : 2) },
    args: (t) => ({
      id: t.arg.id({ required: true, description: `The ${def.noun}: global id or Pennylane id.` }),
      ...(def.args?.(t) ?? {}),
    }),
    resolve: async (args, ctx) => {
      const checks = new InputChecks();
      const id = checks.entityId(['id'], args.id, def.typenames);
      def.check?.(args, checks);
      checks.throwIfAny();
      return runAction(ctx, def, id!, args);
    },
  });
}
