import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime must be an ISO 8601 timestamp with a zone, e.g. "2026-11-16T10:08:08Z", got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const DateTimeScalar = builder.scalarType('DateTime', {
  description:
    'An ISO 8601 timestamp, passed through as Pennylane sends it (UTC, microseconds), e.g. "2023-08-30T10:08:08.146343Z".',
  serialize: (value) => String(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
