import type { Harness } from './harness.js';

/** A mutation's result, read loosely: its `__typename` and whatever the selection asked for. */
export type MutationResult = Record<string, unknown> & { __typename: string };

/** The `fieldErrors` of a ValidationError, as selected with `fieldErrors { path code message }`. */
export type FieldErrors = { path: string[]; code: string; message: string }[];

/** `[path joined with dots, code]` for each field error of a ValidationError: every refused field in one assertion. */
export function fieldErrorCodes(result: Record<string, unknown>): string[][] {
  return (result.fieldErrors as FieldErrors).map((e) => [e.path.join('.'), e.code]);
}

/** Sends a document of one mutation and returns that mutation's result. */
export async function runMutation(h: Harness, query: string, variables: Record<string, unknown>): Promise<MutationResult> {
  return Object.values((await h.gql<Record<string, MutationResult>>(query, variables)).data!)[0]!;
}
