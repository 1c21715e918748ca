import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars/decimal.js';
import './scalars/date.js';
import './scalars/date-time.js';
import './core/me.js';
import './sales/customer.js';
import './sales/customer-nodes.js';
import './sales/product.js';
import './sales/invoice-line.js';
import './sales/payment.js';
import './sales/customer-invoice.js';

let schema: GraphQLSchema | undefined;

/** The gateway schema, built once; sorted so its printed form is stable. */
export function gatewaySchema(): GraphQLSchema {
  schema ??= lexicographicSortSchema(builder.toSchema());
  return schema;
}
