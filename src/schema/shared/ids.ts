import { GraphQLError } from 'graphql';

/**
 * Ids. Pennylane ids are integers above 2^31 (often above 2^32), so they travel as strings,
 * never as GraphQL Int. Every entity has `id` (a Relay global id: base64 of
 * `Typename:pennylaneId`) and `pennylaneId` (the raw id). Every id argument accepts either.
 */

const RAW_ID = /^\d{1,16}$/;

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

export interface DecodedGlobalId {
  readonly typename: string;
  readonly id: string;
}

export function decodeGlobalId(globalId: string): DecodedGlobalId {
  if (RAW_ID.test(globalId)) {
    throw badId(
      `"${globalId}" is a raw Pennylane id; node(id:) needs a global id (the \`id\` field) because raw ids are only unique per resource type. Use a typed lookup such as customerInvoice(id:) for raw ids.`,
    );
  }
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const match = /^([A-Z][A-Za-z]*):(\d{1,16})$/.exec(decoded);
  if (!match) throw badId(`"${globalId}" is not an id issued by this gateway.`);
  return { typename: match[1]!, id: match[2]! };
}

/**
 * Accepts a raw Pennylane id ("1338468995072") or a global id of one of `typenames`, and
 * returns the raw id. Anything else is a BAD_USER_INPUT naming the argument.
 */
export function parseEntityId(value: string, typenames: readonly string[], argument: string): string {
  const trimmed = value.trim();
  if (RAW_ID.test(trimmed)) {
    if (!Number.isSafeInteger(Number(trimmed)) || Number(trimmed) === 0) throw badId(`${argument}: "${value}" is out of range.`);
    return trimmed;
  }
  let decoded: DecodedGlobalId;
  try {
    decoded = decodeGlobalId(trimmed);
  } catch {
    throw badId(`${argument}: "${value}" is neither a Pennylane id nor a global id of ${typenames.join(' or ')}.`);
  }
  if (!typenames.includes(decoded.typename)) {
    throw badId(`${argument}: expected an id of ${typenames.join(' or ')}, got an id of ${decoded.typename}.`);
  }
  return decoded.id;
}

/** The Pennylane id as the JSON integer Pennylane's bodies take (ids stay below 2^53). */
export function pennylaneIdOf(value: string, typenames: readonly string[], argument = 'id'): number {
  return Number(parseEntityId(value, typenames, argument));
}

function badId(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Node loaders may not return Errors: a failed lookup rejects that one node instead. */
export function nodesOrRejections<T>(results: readonly (T | Error | null)[]): (T | null | Promise<never>)[] {
  return results.map((result) => (result instanceof Error ? Promise.reject(result) : result));
}
