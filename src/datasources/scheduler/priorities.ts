/**
 * Work classes, most urgent first. A person waiting in GraphiQL beats a mutation, which
 * beats a bulk import, which beats background polling.
 */
export type Priority = 'interactive' | 'mutation' | 'bulk' | 'background';

/** Bottleneck priorities: 0 is served first. Gaps leave room for finer classes later. */
export const BOTTLENECK_PRIORITY: Readonly<Record<Priority, number>> = {
  interactive: 1,
  mutation: 3,
  bulk: 5,
  background: 7,
};
