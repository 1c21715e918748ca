/**
 * A small request-body validator producing Pennylane's OpenAPI-validator
 * errors: 400 `{message, field, code}` (API.md §3.6).
 */
import { badRequest, validationError, type ValidatorCode } from './errors.js';
import { isDecimalString } from './money.js';
import { isValidDate } from './time.js';

interface Base {
  readonly nullable?: boolean;
}
export interface StringSchema extends Base {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly format?: 'date' | 'email' | 'decimal';
  /** Must match (400 InvalidPattern), e.g. a SIRET. */
  readonly pattern?: RegExp;
  readonly minLength?: number;
  readonly maxLength?: number;
}
export interface IntegerSchema extends Base {
  readonly type: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
}
export interface BooleanSchema extends Base {
  readonly type: 'boolean';
}
export interface ArraySchema extends Base {
  readonly type: 'array';
  readonly items: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
}
export interface ObjectSchema extends Base {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
}
export type Schema = StringSchema | IntegerSchema | BooleanSchema | ArraySchema | ObjectSchema;

export type Json = Record<string, unknown>;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fail(field: string, code: ValidatorCode, message: string): never {
  throw validationError(message, field, code);
}

function describe(schema: Schema): string {
  switch (schema.type) {
    case 'integer':
      return 'an integer';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'boolean':
      return 'a boolean';
    default:
      return 'a string';
  }
}

function check(schema: Schema, value: unknown, field: string): void {
  if (value === null) {
    if (schema.nullable) return;
    fail(field, 'NotNullError', `"${field}" must not be null`);
  }
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') fail(field, 'ValidateError', `"${field}" must be ${describe(schema)}`);
      if (schema.enum && !schema.enum.includes(value)) {
        fail(field, 'NotEnumInclude', `"${field}" must be one of: ${schema.enum.join(', ')} (got "${value}")`);
      }
      if (schema.format === 'date' && !isValidDate(value)) fail(field, 'InvalidDateFormat', `"${field}" must be a date in YYYY-MM-DD format (got "${value}")`);
      if (schema.format === 'email' && !EMAIL_RE.test(value)) fail(field, 'InvalidEmailFormat', `"${field}" must be an email address (got "${value}")`);
      if (schema.format === 'decimal' && !isDecimalString(value)) {
        fail(field, 'InvalidPattern', `"${field}" must be a decimal number as a string, e.g. "12.50" (got "${value}")`);
      }
      if (schema.pattern && !schema.pattern.test(value)) fail(field, 'InvalidPattern', `"${field}" does not match ${schema.pattern.source} (got "${value}")`);
      if (schema.minLength !== undefined && value.length < schema.minLength) fail(field, 'LessThanMinLength', `"${field}" must be at least ${schema.minLength} characters long`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) fail(field, 'MoreThanMaxLength', `"${field}" must be at most ${schema.maxLength} characters long`);
      return;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(field, 'ValidateError', `"${field}" must be an integer`);
      if (schema.minimum !== undefined && value < schema.minimum) fail(field, 'LessThanMinimum', `"${field}" must be greater than or equal to ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) fail(field, 'MoreThanMaximum', `"${field}" must be less than or equal to ${schema.maximum}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(field, 'ValidateError', `"${field}" must be a boolean`);
      return;
    case 'array':
      if (!Array.isArray(value)) fail(field, 'ValidateError', `"${field}" must be an array`);
      if (schema.minItems !== undefined && value.length < schema.minItems) fail(field, 'LessThanMinItems', `"${field}" must have at least ${schema.minItems} item(s)`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(field, 'MoreThanMaxItems', `"${field}" must have at most ${schema.maxItems} items`);
      value.forEach((item: unknown, i: number) => check(schema.items, item, `${field}[${i}]`));
      return;
    case 'object':
      checkObject(schema, value, field);
      return;
  }
}

function checkObject(schema: ObjectSchema, value: unknown, prefix: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(prefix || 'body', 'ValidateError', `"${prefix || 'body'}" must be an object`);
  }
  const obj = value as Json;
  const path = (k: string) => (prefix ? `${prefix}.${k}` : k);
  for (const key of schema.required ?? []) {
    if (!(key in obj) || obj[key] === undefined) fail(path(key), 'NotExistRequiredKey', `"${path(key)}" is required`);
  }
  for (const key of Object.keys(obj)) {
    if (!Object.prototype.hasOwnProperty.call(schema.properties, key)) {
      fail(path(key), 'NotExistPropertyDefinition', `"${path(key)}" is not a valid property`);
    }
  }
  for (const [key, sub] of Object.entries(schema.properties)) {
    if (key in obj && obj[key] !== undefined) check(sub, obj[key], path(key));
  }
}

/** Validate a JSON body against an object schema; returns it typed as a plain object. */
export function validateBody(schema: ObjectSchema, body: unknown): Json {
  if (body === undefined) body = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
  checkObject(schema, body, '');
  return body as Json;
}

/** Validate a JSON array body (e.g. weighted categories `[{id, weight}]`). */
export function validateArrayBody(schema: ArraySchema, body: unknown, field = 'body'): unknown[] {
  if (!Array.isArray(body)) throw validationError(`"${field}" must be an array`, field, 'ValidateError');
  check(schema, body, field);
  return body;
}

/** Validate one value against a schema (for bodies whose shape depends on other fields). */
export function validateValue(schema: Schema, value: unknown, field: string): void {
  check(schema, value, field);
}

// Shorthands for declaring schemas.
export const str = (extra: Omit<StringSchema, 'type'> = {}): StringSchema => ({ type: 'string', ...extra });
export const int = (extra: Omit<IntegerSchema, 'type'> = {}): IntegerSchema => ({ type: 'integer', ...extra });
export const bool = (extra: Omit<BooleanSchema, 'type'> = {}): BooleanSchema => ({ type: 'boolean', ...extra });
export const arr = (items: Schema, extra: Omit<ArraySchema, 'type' | 'items'> = {}): ArraySchema => ({ type: 'array', items, ...extra });
export const obj = (properties: Record<string, Schema>, required: readonly string[] = [], extra: Omit<ObjectSchema, 'type' | 'properties' | 'required'> = {}): ObjectSchema => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
