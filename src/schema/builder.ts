import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.js';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { decodeGlobalId, encodeGlobalId } from './shared/ids.js';
import { userInputError } from './shared/errors.js';

/** The one Pothos builder. Every type file registers itself on it; index.ts builds the schema. */
interface GatewaySchemaTypes {
  Context: GatewayContext;
  Scalars: {
    Decimal: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    File: { Input: File; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

/** The builder's resolved type parameters, for helpers that create types dynamically. */
export type BuilderTypes = PothosSchemaTypes.ExtendDefaultTypes<GatewaySchemaTypes>;

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  plugins: [ErrorsPlugin, RelayPlugin],
  errors: { defaultTypes: [] },
  defaultFieldNullability: false,
  relay: {
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item at this position.' },
    nodeTypeOptions: { description: 'An object with a global id, refetchable with `node(id:)`.' },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection ends. Connections go forward only: Pennylane cursors cannot go back.',
    },
    nodeQueryOptions: {
      description: 'Any object by its global id (the `id` field). Raw Pennylane ids need the typed lookups.',
      args: { id: { description: 'A global id, as returned in `id` fields.' } },
      resolve: (_root, args, _ctx, info, resolveNode) => {
        assertNodeType(info.schema, args.id.typename);
        return resolveNode(args.id);
      },
    },
    nodesQueryOptions: {
      description: 'Several objects by global id, in the order given; unknown ids give null. Lookups of one type are batched.',
      args: { ids: { description: 'Global ids, as returned in `id` fields.' } },
      resolve: (_root, args, _ctx, info, resolveNodes) => {
        for (const id of args.ids) assertNodeType(info.schema, id.typename);
        return resolveNodes(args.ids);
      },
    },
    idFieldOptions: { description: 'Global id of this object, usable with `node(id:)` and every id argument.' },
    cursorFieldOptions: { description: 'Opaque position of this edge; pass it as `after` to continue from here.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Always false: connections are forward-only.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge of this page; pass it as `after` for the next page.' },
    pageInfoFieldOptions: { description: 'Paging information for this page.' },
    firstArgOptions: {
      description: 'How many items to return: 1 to 100 (default 20) unless the field says otherwise. On a Pennylane list it is the page size (`limit`).',
    },
    afterArgOptions: { description: 'Cursor (an `endCursor` or edge `cursor`) to continue after.' },
    lastArgOptions: { description: 'Not supported: Pennylane lists only go forward. Use `first`.' },
    beforeArgOptions: { description: 'Not supported: Pennylane lists only go forward. Use `after`.' },
  },
});

builder.queryType({ description: 'Read the Pennylane company: sales, purchases and accounting as one graph.' });
builder.mutationType({
  description: 'Write to Pennylane. Mutations are scheduled after interactive reads and never repeated blindly.',
});

/** A global id naming a type that is not a node here is the caller's mistake, not ours. */
function assertNodeType(schema: GraphQLSchema, typename: string): void {
  const type = schema.getType(typename);
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
    throw userInputError(`"${typename}" ids cannot be fetched with node(id:): it is not a type of this graph that has one.`);
  }
}
