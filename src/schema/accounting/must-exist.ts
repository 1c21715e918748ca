import { UpstreamDataError } from '../../datasources/http/upstream-errors.js';

/**
 * A reference Pennylane guarantees (a line's account, a line's entry) that did not resolve:
 * the books are inconsistent, which clients see as UPSTREAM_INVALID_DATA on that field.
 */
export async function mustExist<T>(value: Promise<T | null> | T | null, what: string): Promise<T> {
  const resolved = await value;
  if (resolved === null || resolved === undefined) throw new UpstreamDataError(`Pennylane returned a reference to ${what}, which it does not have.`);
  return resolved;
}
