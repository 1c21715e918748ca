import {
  getNamedType,
  getOperationAST,
  isCompositeType,
  isObjectType,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { decodeGlobalId } from '../shared/ids.js';
import { isConnection, writeCostOf } from './cost-kinds.js';
import { NODE_LOOKUPS } from './node-costs.js';
import { Selections, type FieldGroup } from './selections.js';

/**
 * The operation as the upstream calls it will make, built in time linear in the document.
 *
 * GraphQL executes a selection once however often it is written: a fragment spread twice in
 * one selection set is collected once, and two aliases of the same field with the same
 * arguments make the same upstream calls (loaders, in-flight sharing and the cache merge
 * them). So selections are grouped by field and arguments, and each distinct selection at a
 * place of the plan becomes one plan node, built once (memoised by its content, its type and
 * where its loader batches form), however many parents reach it. Counts then flow top-down
 * through that DAG: a node's calls are its own calls per parent times the parents reaching
 * it. Exponential fan-outs (a fragment that spreads the next one under two fields, 24 levels
 * deep) are planned in microseconds and priced at what executing them would really cost.
 */
export interface OperationPlan {
  /** Calls per resource the operation makes itself, as the loaders will batch them. */
  readonly calls: ReadonlyMap<string, number>;
  /** Calls beyond those in the worst case: children of many parents crowding each other out. */
  readonly extraCalls: number;
  /** Calls bulk operations it starts will make in the background, per resource. */
  readonly background: ReadonlyMap<string, number>;
}

/**
 * Told of each `portfolio` field: its entries' selections run once per company, under each
 * company's own token, so they are planned apart (portfolio-cost.ts), not as this token's calls.
 */
export type PortfolioSink = (sets: readonly SelectionSetNode[], connectionIds: unknown) => void;

const DEFAULT_FIRST = 20;
const BATCH = 100;

/** A cost group: `call|r` (calls), `byId|r|tick` (parents), `packed|r|tick|field` (rows), `whole|r`, `extra`, `background|r`. */
interface OwnTerm {
  readonly group: string;
  /** Per parent reaching the node. */
  readonly perParent: number;
  /** Per occurrence of the node in the expanded tree (page budgets, whole lists). */
  readonly once: number;
}

interface PlanNode {
  readonly own: OwnTerm[];
  readonly children: { readonly node: PlanNode; readonly factor: number }[];
  /** Parents reaching this node, summed over every path (filled top-down). */
  parents: number;
  /** Paths reaching it. */
  paths: number;
}


export function planOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  operationName: string | null | undefined,
  portfolio: PortfolioSink = () => undefined,
): OperationPlan {
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : null;
  if (!operation || !root) return { calls: new Map(), extraCalls: 0, background: new Map() };
  const planner = new Planner(schema, document, variables ?? {}, portfolio);
  planner.root(operation.selectionSet, root, operation.operation === 'mutation');
  return planner.evaluate();
}

class Planner {
  private readonly nodes = new Map<string, PlanNode>();
  /** Nodes as created, breadth first: every node before its children (a child is one level deeper). */
  private readonly order: PlanNode[] = [];
  private readonly pending: { node: PlanNode; sets: readonly SelectionSetNode[]; type: GraphQLCompositeType; root: number; depth: number }[] = [];

  private readonly selections: Selections;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    variables: Readonly<Record<string, unknown>>,
    private readonly portfolio: PortfolioSink,
  ) {
    this.selections = new Selections(schema, document, variables);
  }

  /** The operation's root. Mutation fields run one after another: each is its own batching tick. */
  root(set: SelectionSetNode, type: GraphQLObjectType, serial: boolean): void {
    const node: PlanNode = { own: [], children: [], parents: 1, paths: 1 };
    this.order.push(node);
    let index = 0;
    for (const group of this.selections.collect([set], type, serial).values()) this.addCosts(node, group, serial ? index++ : 0, 0);
    // Breadth first, without recursion: a document thousands of levels deep cannot overflow the stack.
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      for (const group of this.selections.collect(next.sets, next.type, false).values()) this.addCosts(next.node, group, next.root, next.depth);
    }
  }

  evaluate(): OperationPlan {
    for (const node of this.order) {
      if (node.paths === 0) continue;
      for (const child of node.children) {
        if (child.factor <= 0) continue;
        child.node.parents += node.parents * child.factor;
        child.node.paths += node.paths;
      }
    }
    const totals = new Map<string, number>();
    for (const node of this.order) {
      if (node.paths === 0) continue;
      for (const term of node.own) totals.set(term.group, (totals.get(term.group) ?? 0) + term.perParent * node.parents + term.once * node.paths);
    }
    const calls = new Map<string, number>();
    const background = new Map<string, number>();
    const add = (map: Map<string, number>, resource: string, n: number) => map.set(resource, (map.get(resource) ?? 0) + n);
    let extraCalls = 0;
    for (const [group, value] of totals) {
      if (value <= 0) continue;
      const [kind, resource = ''] = group.split('|');
      if (kind === 'call') add(calls, resource, value);
      else if (kind === 'byId' || kind === 'packed') add(calls, resource, Math.ceil(value / BATCH));
      else if (kind === 'whole') add(calls, resource, 1);
      else if (kind === 'background') add(background, resource, value);
      else extraCalls += value;
    }
    return { calls, extraCalls, background };
  }

  /** The plan node of these (merged) selection sets on `type`, made once; its fields are costed when its turn comes. */
  private node(sets: readonly SelectionSetNode[], type: GraphQLCompositeType, root: number, depth: number): PlanNode {
    const key = `${this.selections.contentKey(sets)}|${type.name}|${root}.${depth}`;
    const known = this.nodes.get(key);
    if (known) return known;
    const node: PlanNode = { own: [], children: [], parents: 0, paths: 0 };
    this.nodes.set(key, node);
    this.order.push(node);
    this.pending.push({ node, sets, type, root, depth });
    return node;
  }

  private addCosts(node: PlanNode, group: FieldGroup, root: number, depth: number): void {
    const tick = `${root}.${depth}`;
    const { cost, args } = group;
    const own = (term: string, perParent: number, once = 0) => node.own.push({ group: term, perParent, once });
    const first = Math.min(typeof args.first === 'number' ? args.first : DEFAULT_FIRST, cost.maxPage);
    if (group.scope.name === 'Query' && (group.name === 'node' || group.name === 'nodes')) {
      this.addNodeLookups(node, group, root, depth);
      return;
    }
    switch (cost.kind) {
      case 'portfolio':
        this.portfolio(group.sets, args.connectionIds);
        return;
      case 'list':
        own(`call|${cost.resource}`, 1);
        // A list filtered by the gateway: one page at least, `scanPages` at worst.
        if (cost.scanPages) own('extra', cost.scanPages - 1);
        break;
      case 'get':
      case 'scoped':
      case 'perParent':
      case 'single':
        own(`call|${cost.resource}`, 1);
        break;
      case 'children':
        // Batched first pages; a page of 100 or more, or a later page, is one call per parent.
        if (args.after || first >= BATCH) own(`call|${cost.resource}`, 1);
        else {
          own(`packed|${cost.resource}|${tick}|${group.key}`, first + 1);
          // Worst case: the loader's page budget (see children-loader.ts), then every parent alone.
          own('extra', 1, 2);
        }
        break;
      case 'byId':
        own(`byId|${cost.resource}|${tick}`, 1);
        break;
      case 'wholeList':
        own(`whole|${cost.resource}`, 0, 1);
        break;
      case 'write': {
        const write = writeCostOf(group.field);
        own(`call|${cost.resource}`, write ? write.calls(args) : 1);
        const background = write?.background?.(args) ?? 0;
        if (background > 0) own(`background|${cost.resource}`, background);
        break;
      }
      case 'none':
        break;
    }
    if (group.sets.length === 0) return;
    const type = getNamedType(group.field.type);
    if (!isCompositeType(type)) return;
    if (isConnection(group.field.type)) {
      const items = this.connectionItems(group.sets, type);
      if (items) node.children.push({ node: this.node(items.sets, items.type, root, depth + 1), factor: first });
    } else {
      node.children.push({ node: this.node(group.sets, type, root, depth + 1), factor: 1 });
    }
  }

  /** `node(id:)` / `nodes(ids:)`: the ids by type, each type through its own loader. */
  private addNodeLookups(node: PlanNode, group: FieldGroup, root: number, depth: number): void {
    const raw = group.name === 'node' ? [group.args.id] : Array.isArray(group.args.ids) ? group.args.ids : [];
    const perType = new Map<string, Set<string>>();
    for (const value of raw) {
      try {
        const { typename, id } = decodeGlobalId(String(value));
        let ids = perType.get(typename);
        if (!ids) perType.set(typename, (ids = new Set()));
        ids.add(id);
      } catch {
        // Refused at execution (BAD_USER_INPUT): costs nothing.
      }
    }
    for (const [typename, ids] of perType) {
      const lookup = NODE_LOOKUPS[typename];
      const type = this.schema.getType(typename);
      if (!lookup || !isObjectType(type)) continue;
      const count = ids.size;
      const term =
        lookup.kind === 'byId'
          ? { group: `byId|${lookup.resource}|${root}.${depth}`, perParent: count, once: 0 }
          : lookup.kind === 'single'
            ? { group: `call|${lookup.resource}`, perParent: count, once: 0 }
            : { group: `whole|${lookup.resource}`, perParent: 0, once: 1 };
      node.own.push(term);
      if (group.sets.length > 0) node.children.push({ node: this.node(group.sets, type, root, depth + 1), factor: count });
    }
  }

  /** Inside a connection, `edges { node }` and `nodes` select its items: merged, on the item type. */
  private connectionItems(sets: readonly SelectionSetNode[], connection: GraphQLCompositeType): { sets: SelectionSetNode[]; type: GraphQLCompositeType } | null {
    const items: SelectionSetNode[] = [];
    let type: GraphQLCompositeType | null = null;
    for (const group of this.selections.collect(sets, connection, false).values()) {
      const named = getNamedType(group.field.type);
      if (!isCompositeType(named)) continue;
      if (group.name === 'nodes') {
        items.push(...group.sets);
        type = named;
      } else if (group.name === 'edges') {
        for (const edge of this.selections.collect(group.sets, named, false).values()) {
          const nodeType = getNamedType(edge.field.type);
          if (edge.name !== 'node' || !isCompositeType(nodeType)) continue;
          items.push(...edge.sets);
          type = nodeType;
        }
      }
    }
    return type && items.length > 0 ? { sets: items, type } : null;
  }
}
