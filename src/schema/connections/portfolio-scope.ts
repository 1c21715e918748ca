import {
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { ConnectionRecord } from '../../connections/index.js';

/**
 * How one GraphQL request works for many companies. graphql-js hands every resolver the one
 * context of the request; a `portfolio` entry needs the context of its company (its tenant,
 * loaders, budget). So every resolver of the schema is wrapped once, at build time, to look
 * up the context of the portfolio entry it runs under, from its response path
 * (`portfolio[3].customerInvoices.edges[0].node.customer` belongs to entry 3). Requests
 * without a portfolio pay one WeakSet lookup per resolver.
 */
export const PORTFOLIO_ENTRY = 'PortfolioEntry';

/** Query fields a portfolio entry does not repeat: managing connections is not per company. */
const NOT_PER_COMPANY = new Set(['portfolio', 'connections', 'connection', 'connectUrl']);

export interface PortfolioEntry {
  readonly connectionId: string;
  /** Null when this client may not see it, or there is none. */
  readonly record: ConnectionRecord | null;
  /** The company's context; null when the entry failed before any call. */
  readonly context: GatewayContext | null;
  /** Why the company was not asked at all (forbidden, unknown, revoked, token not renewable). */
  readonly failure: unknown;
  /** The first failure of one of its fields (rate limited, upstream unavailable, a missing scope…). */
  fieldFailure: unknown;
  /** Its top-level fields, settled or not: `error` waits for them. */
  readonly pending: Promise<void>[];
}

type Path = GraphQLResolveInfo['path'];

const entriesByField = new WeakMap<Path, readonly PortfolioEntry[]>();
const contextsWithPortfolio = new WeakSet<object>();

/** Called by the `portfolio` resolver: its entries, by the path of the field that returns them. */
export function registerPortfolio(ctx: GatewayContext, path: Path, entries: readonly PortfolioEntry[]): void {
  contextsWithPortfolio.add(ctx);
  entriesByField.set(path, entries);
}

/** The context a resolver runs with: its portfolio entry's, or the request's. */
export function scopedContext<C>(ctx: C, info: GraphQLResolveInfo): C {
  if (typeof ctx !== 'object' || ctx === null || !contextsWithPortfolio.has(ctx)) return ctx;
  for (let path: Path | undefined = info.path; path; path = path.prev) {
    // `<entry field>` (typename PortfolioEntry) ← `[index]` ← `portfolio`
    if (path.typename !== PORTFOLIO_ENTRY) continue;
    const item = path.prev;
    const entries = item?.prev ? entriesByField.get(item.prev) : undefined;
    const entry = entries && typeof item?.key === 'number' ? entries[item.key] : undefined;
    return (entry?.context as C | null | undefined) ?? ctx;
  }
  return ctx;
}

/** Resolves once the entry's top-level fields are done (after the current tick, when they have all started). */
export async function settled(entry: PortfolioEntry): Promise<void> {
  await Promise.resolve();
  await Promise.all(entry.pending);
}

/**
 * The built schema, with every resolver scoped and `PortfolioEntry` given the Query fields
 * (each nullable: one company's failure must not null the others).
 */
export function withPortfolioFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (resolve) field.resolve = (parent, args, ctx, info) => resolve(parent, args, scopedContext(ctx, info), info);
    }
  }
  const query = schema.getQueryType();
  const entry = schema.getType(PORTFOLIO_ENTRY);
  if (!query || !isObjectType(entry)) return schema;
  const queryFields = query.toConfig().fields;
  const perCompany: Record<string, GraphQLFieldConfig<PortfolioEntry, GatewayContext>> = {};
  for (const [name, field] of Object.entries(queryFields)) {
    if (NOT_PER_COMPANY.has(name) || !field.resolve) continue;
    perCompany[name] = {
      ...field,
      type: isNonNullType(field.type) ? field.type.ofType : field.type,
      resolve: perCompanyResolver(field.resolve),
    };
  }
  const entryConfig = entry.toConfig();
  const newEntry = new GraphQLObjectType({ ...entryConfig, fields: () => ({ ...entryConfig.fields, ...perCompany }) });
  const queryConfig = query.toConfig();
  const newQuery = new GraphQLObjectType({
    ...queryConfig,
    fields: () => Object.fromEntries(Object.entries(queryConfig.fields).map(([name, field]) => [name, { ...field, type: swapped(field.type, entry, newEntry) }])),
  });
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, query: newQuery, types: [...config.types.filter((t) => t !== query && t !== entry), newEntry] });
}

/** A Query resolver under an entry: null for a company that failed before any call; its failures noted for `error`. */
function perCompanyResolver(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<PortfolioEntry, GatewayContext> {
  return (entry, args, ctx, info) => {
    if (entry.failure !== null || entry.context === null) return null;
    let result: unknown;
    try {
      // Query resolvers take the root value; the context is the entry's (scopedContext, from the path).
      result = resolve({}, args, ctx, info);
    } catch (error) {
      entry.fieldFailure ??= error;
      throw error;
    }
    if (result instanceof Promise) {
      entry.pending.push(
        result.then(
          () => undefined,
          (error: unknown) => {
            entry.fieldFailure ??= error;
          },
        ),
      );
    }
    return result;
  };
}

/** `type` with `from` replaced by `to`, through list and non-null wrappers. */
function swapped(type: GraphQLOutputType, from: GraphQLObjectType, to: GraphQLObjectType): GraphQLOutputType {
  if (type === from) return to;
  if (isNonNullType(type)) {
    const inner = swapped(type.ofType, from, to);
    return inner === type.ofType ? type : new GraphQLNonNull(inner as GraphQLNullableOutputType);
  }
  if (isListType(type)) {
    const inner = swapped(type.ofType as GraphQLOutputType, from, to);
    return inner === type.ofType ? type : new GraphQLList(inner);
  }
  return type;
}

type GraphQLNullableOutputType = Exclude<GraphQLOutputType, GraphQLNonNull<never>>;
