import {
  ConflictError,
  NotFoundError,
  OutcomeUnknownError,
  ValidationError,
  type FieldError,
} from '../../datasources/writes/write-errors.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import { builder } from '../builder.js';

/**
 * The typed failures every mutation can return as members of its result union. Bad input is
 * found by the gateway before any call where it can be; Pennylane's own 400/422 (validation
 * and business rules), 409 and 404 come back as the same types, never as masked errors.
 */

const RefusedByEnum = builder.enumType('RefusedBy', {
  description: 'Who refused a mutation.',
  values: {
    GATEWAY: { value: 'GATEWAY', description: 'The gateway, before calling Pennylane (nothing was sent).' },
    PENNYLANE: { value: 'PENNYLANE', description: 'Pennylane answered with a refusal.' },
  },
});

export const MutationErrorRef = builder.interfaceRef<Error & { refusedBy: 'GATEWAY' | 'PENNYLANE' }>('MutationError').implement({
  description: 'A mutation that did not happen, and why.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong and what to do about it.' }),
    refusedBy: t.field({ type: RefusedByEnum, description: 'Who refused.', resolve: (e) => e.refusedBy }),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  description: 'One invalid input field.',
  fields: (t) => ({
    path: t.stringList({
      description: 'Path of the field in the mutation arguments, e.g. ["input", "invoiceLines", "2", "vatRate"].',
      resolve: (e) => [...e.path],
    }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
    code: t.exposeString('code', {
      description: 'Machine-readable reason: REQUIRED, INVALID, INVALID_VAT_RATE, UNBALANCED... or Pennylane\'s validator code.',
    }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input is invalid. Nothing was written. Fix the fields listed and send again.',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorRef], description: 'Every invalid field found.', resolve: (e) => [...e.fieldErrors] }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description:
    'A conflict: a record with this external reference exists, the record is not in a state that allows this yet (e.g. its PDF is not ready), or the idempotency key was used for a different input. Nothing was written.',
  interfaces: [MutationErrorRef],
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The record the mutation targets does not exist. Nothing was written.',
  interfaces: [MutationErrorRef],
});

builder.objectType(OutcomeUnknownError, {
  name: 'OutcomeUnknownError',
  description:
    'The write may or may not have happened: the connection failed after sending and the record could not be checked. Retry with the same idempotency key: the gateway checks before writing again.',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    idempotencyKey: t.exposeString('idempotencyKey', { nullable: true, description: 'The key to retry with.' }),
  }),
});

/**
 * A failure that is not about the input: the token, the rate budget or Pennylane's
 * availability. Single mutations return those as GraphQL errors; bulk items, which have no
 * GraphQL error of their own, carry them as this type, with the same code.
 */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';
  readonly refusedBy = 'PENNYLANE' as const;
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

builder.objectType(UpstreamFailure, {
  name: 'UpstreamFailure',
  description: 'The item could not be written for a reason outside its input (token, rate budget, Pennylane unavailable).',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The error code a single mutation would have returned, e.g. UPSTREAM_UNAVAILABLE.' }),
  }),
});

/** Every mutation's typed failures. */
export const MUTATION_ERRORS = [ValidationError, ConflictError, NotFoundError, OutcomeUnknownError];

/** Options of a mutation field's result union (plugin-errors): `<Name>Result = <Name>Payload | errors`. */
export function mutationResult(name: string, what: string) {
  const pascal = name[0]!.toUpperCase() + name.slice(1);
  return {
    types: MUTATION_ERRORS,
    directResult: true as const,
    union: { name: `${pascal}Result`, description: `What ${name} did: ${what}, or why it did not.` },
  };
}

/** `billing_address` → `billingAddress`; list indexes and camelCase names stay as they are. */
function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Pennylane's refusals as typed errors; anything else is rethrown (auth, rate, availability). */
export function refusalFromPennylane(error: unknown): Error {
  if (!(error instanceof UpstreamHttpError)) return error as Error;
  const { status, detail } = error;
  if (status === 400 || status === 422) {
    // Pennylane names its own (snake_case) body fields: the client sent their camelCase.
    const path = detail.field ? ['input', ...detail.field.split('.').map(camelCase)] : ['input'];
    return new ValidationError([{ path, message: detail.message, code: detail.code ?? (status === 422 ? 'REJECTED' : 'INVALID') }], 'PENNYLANE', `Pennylane refused the change: ${detail.message}`);
  }
  if (status === 409) return new ConflictError(`Pennylane reports a conflict: ${detail.message}`, 'PENNYLANE');
  if (status === 404) return new NotFoundError('Pennylane has no such record (or it belongs to another company).');
  return error;
}
