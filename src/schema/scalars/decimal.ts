import { GraphQLError, Kind } from 'graphql';
import { UpstreamDataError } from '../../datasources/http/upstream-errors.js';
import { builder } from '../builder.js';

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError(
      `Decimal must be a string such as "1234.50" (amounts never travel as numbers: floats lose cents), got ${JSON.stringify(value)}.`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  if (!DECIMAL.test(value)) {
    throw new GraphQLError(
      `"${value}" is not a Decimal: use digits with an optional "-" and at most 6 decimals after a ".", e.g. "1234.50".`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return value;
}

/** Output: a value from Pennylane that is not a decimal string is withheld, never rounded. */
function serializeDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  throw new UpstreamDataError(`Pennylane sent ${JSON.stringify(value)} where a decimal string was expected; the value is withheld rather than guessed.`);
}

export const DecimalScalar = builder.scalarType('Decimal', {
  description:
    'An exact decimal number carried as a string, e.g. "1234.50" or "-12.5". Money, quantities, weights and rates are Decimals, exactly as Pennylane sends them (precision is not normalized); they never pass through a float.',
  serialize: serializeDecimal,
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Decimal literals must be strings, e.g. "1234.50".', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDecimal(ast.value);
  },
});
