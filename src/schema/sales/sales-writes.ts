import type { ObjectRef } from '@pothos/core';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import type { WriteEffects } from '../../datasources/pennylane/client.js';
import { reconciledWrite } from '../../datasources/writes/reconciled-write.js';
import { builder, type BuilderTypes } from '../builder.js';
import { addMutation, type MutationArgs } from '../shared/mutation-fields.js';
import { InputChecks } from '../shared/validation.js';

/** Deletes of sales records: a payload naming what was deleted, and the reconciled DELETE. */

export interface Deleted {
  /** The id the client knows the record by (a global id for nodes). */
  readonly deletedId: string;
  readonly pennylaneId: string;
}

/** `<Name>Payload { deletedId, deletedPennylaneId }`. */
export function defineDeletePayload(name: string, description: string, idDescription: string): ObjectRef<BuilderTypes, Deleted> {
  return builder.objectRef<Deleted>(name).implement({
    description,
    fields: (t) => ({
      deletedId: t.exposeID('deletedId', { description: idDescription }),
      deletedPennylaneId: t.exposeString('pennylaneId', { description: 'The Pennylane id of the deleted record.' }),
    }),
  });
}

export interface DeleteMutation {
  readonly name: string;
  readonly description: string;
  readonly endpoint: string;
  readonly noun: string;
  readonly resource: string;
  readonly payload: ObjectRef<BuilderTypes, Deleted>;
  readonly args: (t: PothosSchemaTypes.MutationFieldBuilder<BuilderTypes, object>) => Record<string, unknown>;
  /** Checks the arguments; names the record's path, what its deletion changes and the payload. */
  readonly locate: (args: MutationArgs, checks: InputChecks) => { path: string; effects: WriteEffects; deleted: Deleted } | null;
}

/**
 * A DELETE. After an unknown outcome the record is read again: gone (404) means it was
 * deleted; still there means it was not, and deleting it again lands in the same state.
 */
export function addDeleteMutation(def: DeleteMutation): void {
  addMutation(def.name, {
    description: `${def.description} Checked at the gateway before any call.`,
    endpoints: [def.endpoint],
    payload: def.payload,
    what: `the id of the deleted ${def.noun}`,
    args: def.args,
    resolve: async (args, ctx) => {
      const checks = new InputChecks();
      const target = def.locate(args, checks);
      checks.throwIfAny();
      const { path, effects, deleted } = target!;
      await reconciledWrite<true>({
        send: async () => {
          await ctx.pennylane.write('DELETE', path, undefined, effects);
          return true;
        },
        find: async () => {
          try {
            await ctx.pennylane.get(path, {}, { resource: def.resource, cacheResponse: false });
            return null;
          } catch (error) {
            if (error instanceof UpstreamHttpError && error.status === 404) return true;
            throw error;
          }
        },
        description: `deleted the ${def.noun}`,
        idempotencyKey: null,
      });
      return deleted;
    },
  });
}
