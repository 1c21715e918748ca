import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldCost, type FieldCost } from './cost-kinds.js';

/**
 * Field collection for the planner, as GraphQL execution does it: fragments spread more than
 * once in a selection are collected once, `@skip`/`@include` apply, type conditions narrow
 * (a fragment that cannot apply to a type adds nothing), and fields are grouped by name and
 * arguments — two aliases of one field with the same arguments make the same upstream calls.
 */
/** One field as selected at a place of the plan, every selection set written under it merged. */
export interface FieldGroup {
  readonly name: string;
  readonly field: GraphQLField<unknown, unknown>;
  readonly scope: GraphQLCompositeType;
  readonly args: Record<string, unknown>;
  readonly cost: FieldCost;
  readonly key: string;
  readonly sets: SelectionSetNode[];
}

export class Selections {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;
  private readonly narrowed = new Map<string, GraphQLCompositeType | null>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  /**
   * The fields these selection sets select on `type`, grouped by field and arguments (by
   * response key on the mutation root: each mutation field runs, even twice the same).
   * Each fragment is collected once, as GraphQL execution does.
   */
  collect(sets: readonly SelectionSetNode[], type: GraphQLCompositeType, byResponseKey: boolean): Map<string, FieldGroup> {
    const groups = new Map<string, FieldGroup>();
    const visited = new Set<string>();
    // An explicit stack, in document order (the mutation root's order is the execution order).
    const stack: { selection: SelectionNode; scope: GraphQLCompositeType }[] = [];
    const push = (set: SelectionSetNode, scope: GraphQLCompositeType) => {
      for (let i = set.selections.length - 1; i >= 0; i -= 1) stack.push({ selection: set.selections[i]!, scope });
    };
    for (let i = sets.length - 1; i >= 0; i -= 1) push(sets[i]!, type);
    for (let item = stack.pop(); item; item = stack.pop()) {
      const { selection, scope } = item;
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) this.addField(groups, selection, scope, byResponseKey);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = this.narrow(scope, selection.typeCondition?.name.value);
        if (narrowed) push(selection.selectionSet, narrowed);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        if (!fragment || visited.has(name)) continue;
        visited.add(name);
        const narrowed = this.narrow(scope, fragment.typeCondition.name.value);
        if (narrowed) push(fragment.selectionSet, narrowed);
      }
    }
    return groups;
  }

  private addField(groups: Map<string, FieldGroup>, node: FieldNode, scope: GraphQLCompositeType, byResponseKey: boolean): void {
    const name = node.name.value;
    if (name.startsWith('__') || !('getFields' in scope)) return;
    const field = scope.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
    if (!field) return;
    const args = this.argumentsOf(field, node);
    const cost = fieldCost(field, scope as GraphQLObjectType);
    const key = byResponseKey ? `${node.alias?.value ?? name}` : `${name}|${cost.kind}:${cost.resource}|${stableKey(args)}`;
    let group = groups.get(key);
    if (!group) {
      group = { name, field, scope, args, cost, key, sets: [] };
      groups.set(key, group);
    }
    if (node.selectionSet) group.sets.push(node.selectionSet);
  }

  private argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    if (!node.arguments?.length && field.args.every((arg) => arg.defaultValue === undefined)) return {};
    try {
      return getArgumentValues(field, node, this.variables as Record<string, unknown>);
    } catch {
      return {}; // execution refuses it with the reason
    }
  }

  private included(selection: SelectionNode): boolean {
    if (!selection.directives?.length) return true;
    try {
      const variables = this.variables as Record<string, unknown>;
      if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
    } catch {
      return true;
    }
  }

  /** The type a fragment's fields are read on inside `scope`, or null when it cannot apply. */
  private narrow(scope: GraphQLCompositeType, conditionName: string | undefined): GraphQLCompositeType | null {
    if (!conditionName || conditionName === scope.name) return scope;
    const memoKey = `${scope.name}>${conditionName}`;
    if (this.narrowed.has(memoKey)) return this.narrowed.get(memoKey)!;
    const condition = this.schema.getType(conditionName);
    let result: GraphQLCompositeType | null = null;
    if (condition && isCompositeType(condition)) {
      if (isAbstractType(condition)) {
        if (isObjectType(scope)) result = this.schema.isSubType(condition, scope) ? scope : null;
        else if (isAbstractType(scope)) result = this.schema.getPossibleTypes(scope).some((t) => this.schema.isSubType(condition, t)) ? condition : null;
      } else if (isAbstractType(scope) && this.schema.isSubType(scope, condition)) {
        result = condition;
      }
    }
    this.narrowed.set(memoKey, result);
    return result;
  }

  /** Identity of merged selection sets by what they select: `{ ...A }` written twice is one plan node. */
  contentKey(sets: readonly SelectionSetNode[]): string {
    const parts: string[] = [];
    for (const set of sets) {
      for (const selection of set.selections) {
        parts.push(selection.kind === Kind.FRAGMENT_SPREAD ? `f:${selection.name.value}` : String(this.idOf(selection)));
      }
    }
    return parts.length === 1 ? parts[0]! : [...new Set(parts)].sort().join(',');
  }

  private idOf(node: object): number {
    let id = this.ids.get(node);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(node, id);
    }
    return id;
  }
}

/** Arguments as a key: the same values in any key order give the same key. */
function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
