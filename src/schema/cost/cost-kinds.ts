import { getNamedType, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import { ID_FILTERED, SINGLE_GETS, WHOLE_LISTS } from '../../datasources/pennylane/resources.js';

/**
 * How a field spends Pennylane calls, for the cost planner. Fields built by the shared
 * helpers declare it (`pennylaneCost` extension); the others are classified from the
 * endpoint they declare and their place in the schema.
 */
export type CostKind =
  /** No call: computed or inline data. */
  | 'none'
  /** One call per request for the field (`me`, an export by id). */
  | 'get'
  /** One page of a list: one call. */
  | 'list'
  /** A list narrowed by its parent: one call per parent. */
  | 'scoped'
  /** Children of many parents through `parent_id in`: first pages batched, 100 rows a call. */
  | 'children'
  /** A `{url}` sub-collection: one call per parent. */
  | 'perParent'
  /** Lookups by id through `id in`: one call per 100 distinct ids of a resource. */
  | 'byId'
  /** A small list read whole, once per request. */
  | 'wholeList'
  /** One `GET /{resource}/{id}` per id. */
  | 'single'
  /** A write. */
  | 'write'
  /** `portfolio`: its selection once per connected company, each under its own token (cost/portfolio.ts). */
  | 'portfolio';

export interface FieldCost {
  readonly kind: CostKind;
  /** Resource the calls go to (byId and wholeList group by it). */
  readonly resource: string | null;
  /** Largest page of the list (connections' `first` is capped by it). */
  readonly maxPage: number;
  /** A list the gateway filters itself reads up to this many pages per request. */
  readonly scanPages?: number;
}

/** The extension the shared field helpers set. */
export function costExtension(kind: CostKind, resource: string | null = null, maxPage = 100) {
  return { pennylaneCost: { kind, resource, maxPage } satisfies FieldCost };
}

export function fieldCost(field: GraphQLField<unknown, unknown>, parent: GraphQLObjectType): FieldCost {
  const extensions = field.extensions as { pennylaneCost?: FieldCost; pennylaneEndpoints?: string[] };
  if (extensions.pennylaneCost) return extensions.pennylaneCost;
  const endpoint = extensions.pennylaneEndpoints?.[0];
  if (!endpoint) return { kind: 'none', resource: null, maxPage: 100 };
  const [method, path = ''] = endpoint.split(' ') as [string, string];
  const segments = path.split('/').filter(Boolean);
  const resource = segments[0] === 'changelogs' ? 'changelogs' : (segments[0] ?? null);
  const cost = (kind: CostKind, maxPage = 100): FieldCost => ({ kind, resource, maxPage });
  if (parent.name === 'Mutation' || method !== 'GET') return cost('write');
  if (resource === 'changelogs') return cost('list', 1_000);
  // A portfolio entry asks Query's fields of one company: they cost what they cost on Query.
  const onRoot = parent.name === 'Query' || parent.name === 'PortfolioEntry';
  const idIndex = segments.indexOf('{id}');
  if (idIndex >= 0 && idIndex < segments.length - 1) return cost(onRoot ? 'get' : 'perParent');
  if (idIndex >= 0) return cost(byIdKind(resource, onRoot ? 'get' : 'perParent'));
  if (isConnection(field.type)) return cost(onRoot ? 'list' : 'scoped');
  if (onRoot) return cost(resource && resource in WHOLE_LISTS ? 'wholeList' : 'list');
  return cost(byIdKind(resource, 'perParent'));
}

function byIdKind(resource: string | null, otherwise: CostKind): CostKind {
  if (resource && resource in ID_FILTERED) return 'byId';
  if (resource && resource in WHOLE_LISTS) return 'wholeList';
  if (resource && resource in SINGLE_GETS) return 'single';
  return otherwise;
}

/** A Relay connection type (has `edges` and `pageInfo`). */
export function isConnection(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && 'edges' in named.getFields() && 'pageInfo' in named.getFields();
}

export function isListOf(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** What a mutation costs, from its arguments (the `pennylaneWrite` extension of mutation fields). */
export interface WriteCost {
  /** Calls the mutation makes itself when all goes well: uploads, reads before and after, the write. */
  readonly calls: (args: Readonly<Record<string, unknown>>) => number;
  /** Calls a bulk mutation leaves to run in the background, at bulk pace. */
  readonly background?: (args: Readonly<Record<string, unknown>>) => number;
}

export function writeCostExtension(cost: WriteCost) {
  return { pennylaneWrite: cost };
}

export function writeCostOf(field: GraphQLField<unknown, unknown>): WriteCost | undefined {
  return (field.extensions as { pennylaneWrite?: WriteCost }).pennylaneWrite;
}
