import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isCompositeType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { apiFamilyOf } from '../../datasources/scheduler/families.js';
import type { RateLimit, RateLimits } from '../../datasources/scheduler/rate-limits.js';
import { fieldCost, isConnection } from './cost-kinds.js';
import { portfolioCost } from './portfolio-cost.js';

/**
 * The cost planner: how many Pennylane calls an operation will make, from its document and
 * variables alone, before anything runs — page sizes, lookups batched 100 ids a call, one call
 * per parent for `{url}` sub-collections, small lists once — assuming nothing is cached. And
 * the time those calls need at the tenant's limits.
 */
export interface CostEstimate {
  /** Upstream calls the operation makes itself, when rows interleave as usual. */
  readonly calls: number;
  /**
   * The most it can make: children batched across parents may need more pages when one
   * parent's rows crowd the others out (clustered data), then one call per short parent.
   */
  readonly maxCalls: number;
  /** Calls bulk operations it starts will make in the background (not counted in `calls`). */
  readonly backgroundCalls: number;
  /** Time the calls need at the configured limits, from an idle budget. */
  readonly timeMs: number;
}

const DEFAULT_FIRST = 20;
const BATCH = 100;

interface Tally {
  calls: number;
  /** Calls beyond `calls` in the worst case. */
  extra: number;
  backgroundCalls: number;
  /** Parents asking for records by id, per resource and depth (one loader batch each). */
  readonly byId: Map<string, number>;
  readonly wholeLists: Set<string>;
  /** Calls per resource, for the time at each family's limit. */
  readonly perResource: Map<string, number>;
  /** The longest time of the other tokens this operation spends (portfolio companies). */
  otherTokensMs: number;
}

export interface EstimateOptions {
  /** Companies a `portfolio` without `connectionIds` spans for this client. */
  readonly portfolioConnections?: number;
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  operationName: string | null | undefined,
  limits: RateLimits,
  options: EstimateOptions = {},
): CostEstimate {
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : null;
  if (!operation || !root) return { calls: 0, maxCalls: 0, backgroundCalls: 0, timeMs: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const tally: Tally = { calls: 0, extra: 0, backgroundCalls: 0, byId: new Map(), wholeLists: new Set(), perResource: new Map(), otherTokensMs: 0 };
  const count = (resource: string | null, calls: number) => {
    tally.calls += calls;
    if (resource) tally.perResource.set(resource, (tally.perResource.get(resource) ?? 0) + calls);
  };

  const visit = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, many: number, depth: number) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) visit(selection.selectionSet, type, many, depth);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type)) visit(fragment.selectionSet, type, many, depth);
        continue;
      }
      if (!('getFields' in parent) || selection.name.value.startsWith('__')) continue;
      const field = parent.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
      if (!field) continue;
      const args = getArgumentValues(field, selection, variables as Record<string, unknown>);
      const cost = fieldCost(field, parent as GraphQLObjectType);
      const first = Math.min(typeof args.first === 'number' ? args.first : DEFAULT_FIRST, cost.maxPage);
      if (cost.kind === 'portfolio') {
        const part = portfolioCost(selection, args.connectionIds, options.portfolioConnections ?? 0, fragments, (one) =>
          estimateCost(schema, one, variables, null, limits),
        );
        tally.calls += part.calls * many;
        tally.extra += (part.maxCalls - part.calls) * many;
        tally.backgroundCalls += part.backgroundCalls * many;
        tally.otherTokensMs = Math.max(tally.otherTokensMs, part.timeMs);
        continue;
      }
      switch (cost.kind) {
        case 'list':
          // A list filtered by the gateway: one page at least, `scanPages` at worst.
          if (cost.scanPages) tally.extra += (cost.scanPages - 1) * many;
          count(cost.resource, many);
          break;
        case 'get':
        case 'scoped':
        case 'perParent':
        case 'single':
          count(cost.resource, many);
          break;
        case 'children': {
          // Batched first pages; a page of 100 or more, or a later page, is one call per parent.
          if (args.after || first >= BATCH) {
            count(cost.resource, many);
            break;
          }
          const packed = Math.ceil((many * (first + 1)) / BATCH);
          count(cost.resource, packed);
          // Worst case: the loader's page budget (see children-loader.ts), then every parent alone.
          tally.extra += 2 + many;
          break;
        }
        case 'byId': {
          const key = `${cost.resource}@${depth}`;
          tally.byId.set(key, (tally.byId.get(key) ?? 0) + many);
          break;
        }
        case 'wholeList':
          if (cost.resource) tally.wholeLists.add(cost.resource);
          break;
        case 'write': {
          const items = Array.isArray(args.inputs) ? args.inputs.length : 0;
          if (items > 0) tally.backgroundCalls += items;
          else count(cost.resource, many);
          break;
        }
        case 'none':
          break;
      }
      if (!selection.selectionSet) continue;
      const type = getNamedType(field.type);
      if (!isCompositeType(type)) continue;
      if (isConnection(field.type)) {
        visitConnection(selection.selectionSet, type, many * first, depth + 1);
      } else {
        visit(selection.selectionSet, type, many, depth + 1);
      }
    }
  };

  /** Inside a connection, `edges { node }` and `nodes` hold `first` records per parent. */
  const visitConnection = (selectionSet: SelectionSetNode, connection: GraphQLCompositeType, nodes: number, depth: number) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !selection.selectionSet || !('getFields' in connection)) continue;
      const field = connection.getFields()[selection.name.value];
      const type = field && getNamedType(field.type);
      if (!type || !isCompositeType(type)) continue;
      if (selection.name.value === 'edges') visit(selection.selectionSet, type, nodes, depth);
      else if (selection.name.value === 'nodes') visit(selection.selectionSet, type, nodes, depth);
    }
  };

  visit(operation.selectionSet, root, 1, 0);
  for (const [key, parents] of tally.byId) count(key.split('@')[0] ?? null, Math.ceil(parents / BATCH));
  for (const resource of tally.wholeLists) count(resource, 1);
  return {
    calls: tally.calls,
    maxCalls: tally.calls + tally.extra,
    backgroundCalls: tally.backgroundCalls,
    timeMs: Math.max(timeAtLimits(tally.perResource, limits), tally.otherTokensMs),
  };
}

/** Time the calls need from an idle budget: each bucket bursts its limit, then paces. */
function timeAtLimits(perResource: ReadonlyMap<string, number>, limits: RateLimits): number {
  const paced = (calls: number, rate: RateLimit) => (calls <= rate.limit ? 0 : Math.ceil(((calls - rate.limit) / rate.limit) * rate.windowMs));
  let total = 0;
  const perFamily = new Map<string, number>();
  for (const [resource, calls] of perResource) {
    total += calls;
    const family = apiFamilyOf(`/${resource}`);
    if (family) perFamily.set(family, (perFamily.get(family) ?? 0) + calls);
  }
  let time = paced(total, limits.token);
  for (const [family, calls] of perFamily) {
    const rate = limits.families[family as keyof typeof limits.families];
    if (rate) time = Math.max(time, paced(calls, rate));
  }
  return time;
}
