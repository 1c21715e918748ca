import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars/decimal.js';
import './scalars/date.js';
import './scalars/date-time.js';
import './scalars/file.js';
import './core/register.js';
import './sales/register.js';
import './purchases/register.js';
import './accounting/register.js';
import './banking/register.js';
import './analytics/register.js';
import './changes/register.js';
import './bulk/register.js';
import './live/register.js';
import './connections/register.js';
import { withPortfolioFields } from './connections/portfolio-scope.js';

let schema: GraphQLSchema | undefined;

/** The gateway schema, built once; sorted so its printed form is stable. */
export function gatewaySchema(): GraphQLSchema {
  schema ??= lexicographicSortSchema(withPortfolioFields(builder.toSchema()));
  return schema;
}
