import type { EnumRef, InputFieldRef, InputObjectRef } from '@pothos/core';
import type { FilterCondition, FilterOperator, FilterScalar } from '../../datasources/pennylane/common.js';
import { builder, type BuilderTypes } from '../builder.js';
import { userInputError } from './errors.js';
import { parseEntityId } from './ids.js';

/**
 * Typed filters that mirror, list by list, exactly the fields and operators Pennylane
 * accepts (API.md §3.3). A list's filter input has one field per filterable Pennylane
 * field, each holding one optional field per allowed operator, so GraphiQL and typed
 * clients cannot even express a filter Pennylane would answer with a 400.
 */

export type OperatorName = 'eq' | 'notEq' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'notIn' | 'startWith';

const PENNYLANE_OPERATOR: Readonly<Record<OperatorName, FilterOperator>> = {
  eq: 'eq',
  notEq: 'not_eq',
  lt: 'lt',
  lteq: 'lteq',
  gt: 'gt',
  gteq: 'gteq',
  in: 'in',
  notIn: 'not_in',
  startWith: 'start_with',
};

const OPERATOR_DESCRIPTION: Readonly<Record<OperatorName, string>> = {
  eq: 'Equal to.',
  notEq: 'Not equal to.',
  lt: 'Strictly less than.',
  lteq: 'Less than or equal to.',
  gt: 'Strictly greater than.',
  gteq: 'Greater than or equal to.',
  in: 'One of these values (1 to 100).',
  notIn: 'None of these values (1 to 100).',
  startWith: 'Starts with this text.',
};

/** Pennylane's "all": every comparison but `start_with`. */
export const ALL_OPERATORS: readonly OperatorName[] = ['eq', 'notEq', 'lt', 'lteq', 'gt', 'gteq', 'in', 'notIn'];
export const SET_OPERATORS: readonly OperatorName[] = ['eq', 'notEq', 'in', 'notIn'];
export const COMPARISON_OPERATORS: readonly OperatorName[] = ['eq', 'notEq', 'lt', 'lteq', 'gt', 'gteq'];

const MAX_IN_VALUES = 100;

type ValueKind =
  | { readonly kind: 'id'; readonly of: readonly string[] }
  | { readonly kind: 'date' }
  | { readonly kind: 'string' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly ref: EnumRef<BuilderTypes, string, string> };

export type FilterFieldSpec = ValueKind & {
  /** Pennylane's field name, e.g. `customer_id`. */
  readonly field: string;
  readonly operators: readonly OperatorName[];
  readonly description: string;
};

type OperatorValues = Partial<Record<OperatorName, unknown>>;
export type FilterInput = Record<string, OperatorValues | null | undefined>;

export interface ListFilter {
  readonly ref: InputObjectRef<BuilderTypes, FilterInput>;
  /** Converts the GraphQL input to Pennylane conditions, validating values on the way. */
  toConditions(input: FilterInput | null | undefined, argument?: string): FilterCondition[];
}

export function defineListFilter(
  typeName: string,
  listLabel: string,
  fields: Readonly<Record<string, FilterFieldSpec>>,
): ListFilter {
  const fieldRefs = new Map<string, InputObjectRef<BuilderTypes, OperatorValues>>();
  for (const [name, spec] of Object.entries(fields)) {
    const fieldType = `${typeName}${name[0]!.toUpperCase()}${name.slice(1)}Filter`;
    const ref = builder.inputRef<OperatorValues>(fieldType).implement({
      description: `Operators Pennylane accepts on \`${listLabel}.${spec.field}\`. Several operators are AND-combined.`,
      // The shape is built from the spec at start-up, so TypeScript cannot check it field
      // by field; toConditions() below validates every value instead.
      fields: (t) =>
        Object.fromEntries(
          spec.operators.map((op) => {
            const list = op === 'in' || op === 'notIn';
            return [op, inputFieldFor(t, spec, list, OPERATOR_DESCRIPTION[op])];
          }),
        ) as never,
    });
    fieldRefs.set(name, ref);
  }

  const ref = builder.inputRef<FilterInput>(`${typeName}Filter`).implement({
    description: `Filter on ${listLabel}: exactly the fields and operators Pennylane accepts on this list, AND-combined. The filter is re-sent with every page.`,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(fields).map(([name, spec]) => [
          name,
          t.field({ type: fieldRefs.get(name)!, required: false, description: spec.description }),
        ]),
      ) as never,
  });

  return {
    ref,
    toConditions(input, argument = 'filter') {
      const conditions: FilterCondition[] = [];
      for (const [name, operators] of Object.entries(input ?? {})) {
        const spec = fields[name];
        if (!spec || !operators) continue;
        for (const [op, raw] of Object.entries(operators) as [OperatorName, unknown][]) {
          if (raw === null || raw === undefined) continue;
          const path = `${argument}.${name}.${op}`;
          conditions.push({
            field: spec.field,
            operator: PENNYLANE_OPERATOR[op],
            value: Array.isArray(raw) ? convertList(spec, raw, path) : convertValue(spec, raw, path),
          });
        }
      }
      return conditions;
    },
  };
}

type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

function inputFieldFor(t: InputFieldBuilder, spec: FilterFieldSpec, list: boolean, description: string): InputFieldRef<BuilderTypes, unknown> {
  const options = { required: false, description } as const;
  switch (spec.kind) {
    case 'id':
      return list ? t.idList(options) : t.id(options);
    case 'date':
      return list ? t.field({ ...options, type: ['Date'] }) : t.field({ ...options, type: 'Date' });
    case 'string':
      return list ? t.stringList(options) : t.string(options);
    case 'boolean':
      return list ? t.booleanList(options) : t.boolean(options);
    case 'enum':
      return list ? t.field({ ...options, type: [spec.ref] }) : t.field({ ...options, type: spec.ref });
  }
}

function convertList(spec: FilterFieldSpec, values: unknown[], path: string): FilterScalar[] {
  if (values.length === 0 || values.length > MAX_IN_VALUES) {
    throw userInputError(`${path} takes 1 to ${MAX_IN_VALUES} values, got ${values.length}.`, { field: path });
  }
  return values.map((value, index) => convertValue(spec, value, `${path}[${index}]`));
}

function convertValue(spec: FilterFieldSpec, value: unknown, path: string): FilterScalar {
  switch (spec.kind) {
    case 'id':
      // Pennylane compares ids as JSON integers; they stay below 2^53 (API.md §3.4).
      return Number(parseEntityId(String(value), spec.of, path));
    case 'string':
      if (String(value) === '') throw userInputError(`${path} must not be empty.`, { field: path });
      return String(value);
    case 'enum':
      // Open enums (defineOpenEnum) carry OTHER for values this gateway does not know: it
      // names no Pennylane value, so it cannot be sent as one.
      if (value === '__other__') throw userInputError(`${path}: OTHER cannot be used in a filter.`, { field: path });
      return value as FilterScalar;
    default:
      return value as FilterScalar;
  }
}
