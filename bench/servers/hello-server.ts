/** The baseline: a bare graphql-yoga hello world, same Node, same machine. */
import { createSchema, createYoga } from 'graphql-yoga';
import { serveOnLoopback } from './serve.js';

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
  logging: false,
});
serveOnLoopback(yoga, async () => undefined);
