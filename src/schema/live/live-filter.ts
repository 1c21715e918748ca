import type { EnumRef } from '@pothos/core';
import type { LiveOperation } from '../../live/change-hub.js';
import type { BuilderTypes } from '../builder.js';
import { userInputError } from '../shared/errors.js';
import { parseEntityId } from '../shared/ids.js';

/** A filter field on the record of a change. */
export type LiveFilterField<T> =
  | { readonly name: string; readonly description: string; readonly kind: 'boolean'; readonly test: (record: T, value: boolean) => boolean }
  | { readonly name: string; readonly description: string; readonly kind: 'ids'; readonly typenames: readonly string[]; readonly test: (record: T, ids: ReadonlySet<string>) => boolean }
  | {
      readonly name: string;
      readonly description: string;
      readonly kind: 'enum';
      readonly enumRef: EnumRef<BuilderTypes, string, string>;
      readonly test: (record: T, values: ReadonlySet<string>) => boolean;
    };

/** A subscription's filter, checked before the subscription opens. */
export interface LiveFilter<T> {
  readonly operations: ReadonlySet<LiveOperation> | null;
  readonly ids: ReadonlySet<string> | null;
  /** Tests on the record; empty when the filter has none (deletions always pass them). */
  readonly record: readonly ((record: T) => boolean)[];
}

const MAX_IDS = 100;

export function parseLiveFilter<T>(input: Record<string, unknown> | null, fields: readonly LiveFilterField<T>[], typenames: readonly string[]): LiveFilter<T> {
  const operations = input?.operations as string[] | null | undefined;
  if (operations && operations.length === 0) throw userInputError('filter.operations: give at least one operation, or leave it out.', { field: 'filter.operations' });
  const ids = idSet(input?.pennylaneIds, 'filter.pennylaneIds', typenames);
  const record: ((record: T) => boolean)[] = [];
  for (const field of fields) {
    const value = input?.[field.name];
    if (value === undefined || value === null) continue;
    const path = `filter.${field.name}`;
    if (field.kind === 'boolean') {
      record.push((r) => field.test(r, value as boolean));
    } else if (field.kind === 'ids') {
      const set = idSet(value, path, field.typenames)!;
      record.push((r) => field.test(r, set));
    } else {
      const values = value as string[];
      if (values.length === 0) throw userInputError(`${path}: give at least one value, or leave it out.`, { field: path });
      if (values.includes('__other__')) throw userInputError(`${path}: OTHER cannot be used in a filter.`, { field: path });
      const set = new Set(values);
      record.push((r) => field.test(r, set));
    }
  }
  return {
    operations: operations ? new Set(operations.map((o) => o.toUpperCase() as LiveOperation)) : null,
    ids,
    record,
  };
}

function idSet(value: unknown, path: string, typenames: readonly string[]): ReadonlySet<string> | null {
  if (value === undefined || value === null) return null;
  const list = value as string[];
  if (list.length === 0 || list.length > MAX_IDS) throw userInputError(`${path}: give 1 to ${MAX_IDS} ids.`, { field: path });
  return new Set(list.map((id) => parseEntityId(String(id), typenames, path)));
}

export const refId = (ref: { readonly id: number } | null | undefined): string | null => (ref ? String(ref.id) : null);
