import { Kind, OperationTypeNode, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { CostEstimate } from './estimate.js';

/** Fields of a portfolio entry that are the entry's own (no Pennylane call), not a company's. */
const ENTRY_FIELDS = new Set(['connectionId', 'connection', 'error', '__typename']);

/**
 * The planner's portfolio rule: the entry's selection is planned once, as a query of one
 * company, then counted once per company. Each company spends its own token's budget, in
 * parallel with the others: calls add up, time is the longest company's (all run the same plan).
 */
export function portfolioCost(
  sets: readonly SelectionSetNode[],
  connectionIds: unknown,
  knownConnections: number,
  document: DocumentNode,
  planOneCompany: (document: DocumentNode) => CostEstimate,
): CostEstimate {
  const none = { calls: 0, maxCalls: 0, backgroundCalls: 0, timeMs: 0, backgroundTimeMs: 0 };
  const companies = Array.isArray(connectionIds) ? new Set(connectionIds.map(String)).size : knownConnections;
  const selections = sets.flatMap((set) => set.selections).filter((s) => s.kind !== Kind.FIELD || !ENTRY_FIELDS.has(s.name.value));
  if (companies === 0 || selections.length === 0) return none;
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const each = planOneCompany({
    kind: Kind.DOCUMENT,
    definitions: [
      { kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, selectionSet: { kind: Kind.SELECTION_SET, selections } },
      ...fragments,
    ],
  });
  return {
    calls: each.calls * companies,
    maxCalls: each.maxCalls * companies,
    backgroundCalls: each.backgroundCalls * companies,
    timeMs: each.timeMs,
    backgroundTimeMs: each.backgroundTimeMs,
  };
}
