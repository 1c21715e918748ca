/**
 * The `filter` query parameter (API.md §3.3): a JSON array of
 * `{field, operator, value}`, AND-combined, validated against a per-list spec.
 */
import { validationError } from './errors.js';
import { isValidDate } from './time.js';

export const OPERATORS = ['eq', 'not_eq', 'lt', 'lteq', 'gt', 'gteq', 'in', 'not_in', 'start_with'] as const;
export type Operator = (typeof OPERATORS)[number];
/** "all" in API.md = every comparison operator but start_with. */
export const ALL: readonly Operator[] = ['lt', 'lteq', 'gt', 'gteq', 'eq', 'not_eq', 'in', 'not_in'];
export const MAX_IN_VALUES = 100;

export type Scalar = string | number | boolean | null;
export type FieldType = 'id' | 'string' | 'date' | 'boolean' | 'id_or_string' | { enum: readonly string[] };

export interface FilterField<R> {
  readonly type: FieldType;
  readonly operators: readonly Operator[];
  /** The row's value; an array means a multi-valued field (matches if any value matches). */
  readonly get: (row: R) => Scalar | readonly Scalar[];
}

export type FilterSpec<R> = Readonly<Record<string, FilterField<R>>>;

export interface Condition {
  readonly field: string;
  readonly operator: Operator;
  readonly value: Scalar | readonly Scalar[];
}

function fail(message: string): never {
  throw validationError(message, 'filter', 'ValidateError');
}

function typeName(type: FieldType): string {
  if (typeof type === 'object') return `one of ${type.enum.join(', ')}`;
  return {
    id: 'an integer',
    string: 'a string',
    date: 'a date (YYYY-MM-DD)',
    boolean: 'a boolean',
    id_or_string: 'an integer or a string',
  }[type];
}

function scalarOk(type: FieldType, v: unknown): boolean {
  if (typeof type === 'object') return typeof v === 'string' && type.enum.includes(v);
  switch (type) {
    case 'id':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'date':
      return typeof v === 'string' && isValidDate(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'id_or_string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));
  }
}

/** Parse and validate a raw `filter` parameter. Throws a 400 ApiError. */
export function parseFilter<R>(raw: string, spec: FilterSpec<R>): Condition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    fail('filter is not valid JSON: expected a JSON array of {"field", "operator", "value"} objects');
  }
  if (!Array.isArray(parsed)) fail('filter must be a JSON array of {"field", "operator", "value"} objects');
  const fields = Object.keys(spec);
  return parsed.map((item: unknown, i): Condition => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      fail(`filter[${i}] must be an object with "field", "operator" and "value"`);
    }
    const { field, operator, value } = item as Record<string, unknown>;
    const extra = Object.keys(item).filter((k) => k !== 'field' && k !== 'operator' && k !== 'value');
    if (typeof field !== 'string') fail(`filter[${i}].field must be a string`);
    if (typeof operator !== 'string') fail(`filter[${i}].operator must be a string`);
    if (!('value' in item)) fail(`filter[${i}] (field "${field}") has no "value"`);
    if (extra.length > 0) fail(`filter[${i}] has unknown key "${extra[0]}"`);
    const def = Object.prototype.hasOwnProperty.call(spec, field) ? spec[field] : undefined;
    if (!def) {
      fail(`Filtering on field "${field}" is not supported. Filterable fields: ${fields.join(', ') || 'none'}`);
    }
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      fail(`Unknown operator "${operator}" on field "${field}". Operators: ${OPERATORS.join(', ')}`);
    }
    const op = operator as Operator;
    if (!def.operators.includes(op)) {
      fail(`Operator "${op}" is not allowed on field "${field}". Allowed operators: ${def.operators.join(', ')}`);
    }
    if (op === 'in' || op === 'not_in') {
      if (!Array.isArray(value)) fail(`Operator "${op}" on field "${field}" expects an array of values`);
      if (value.length > MAX_IN_VALUES) {
        fail(`Too many values for operator "${op}" on field "${field}": ${value.length} (maximum ${MAX_IN_VALUES})`);
      }
      value.forEach((v: unknown, j: number) => {
        if (!scalarOk(def.type, v)) fail(`Invalid value at index ${j} for field "${field}" (operator "${op}"): expected ${typeName(def.type)}`);
      });
      return { field, operator: op, value: value as Scalar[] };
    }
    if (!scalarOk(def.type, value)) {
      fail(`Invalid value for field "${field}" (operator "${op}"): expected ${typeName(def.type)}`);
    }
    return { field, operator: op, value: value as Scalar };
  });
}

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function matchOne(actual: Scalar, op: Operator, expected: Scalar | readonly Scalar[]): boolean {
  if (op === 'in') return (expected as readonly Scalar[]).some((e) => actual !== null && compare(actual, e) === 0);
  if (op === 'not_in') return !(expected as readonly Scalar[]).some((e) => actual !== null && compare(actual, e) === 0);
  const e = expected as Scalar;
  if (op === 'not_eq') return actual === null || compare(actual, e) !== 0;
  if (actual === null) return false;
  switch (op) {
    case 'eq':
      return compare(actual, e) === 0;
    case 'lt':
      return compare(actual, e) < 0;
    case 'lteq':
      return compare(actual, e) <= 0;
    case 'gt':
      return compare(actual, e) > 0;
    case 'gteq':
      return compare(actual, e) >= 0;
    case 'start_with':
      return typeof actual === 'string' && actual.startsWith(String(e));
    default:
      return false;
  }
}

/** Does the row satisfy every condition? */
export function matches<R>(row: R, conditions: readonly Condition[], spec: FilterSpec<R>): boolean {
  for (const c of conditions) {
    const def = spec[c.field];
    if (!def) return false;
    const actual = def.get(row);
    if (Array.isArray(actual)) {
      const values = actual as readonly Scalar[];
      const negative = c.operator === 'not_eq' || c.operator === 'not_in';
      const ok = negative ? values.every((v) => matchOne(v, c.operator, c.value)) : values.some((v) => matchOne(v, c.operator, c.value));
      if (!ok) return false;
    } else if (!matchOne(actual as Scalar, c.operator, c.value)) return false;
  }
  return true;
}
