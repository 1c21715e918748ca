import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.js';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date "YYYY-MM-DD", got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const DateScalar = builder.scalarType('Date', {
  description: 'A calendar date "YYYY-MM-DD", as Pennylane writes invoice dates, deadlines and periods.',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
