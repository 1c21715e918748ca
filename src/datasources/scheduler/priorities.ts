/**
 * Work classes, most urgent first. A person waiting in GraphiQL beats a mutation, which
 * beats a bulk import, which beats background polling.
 */
export type Priority = 'interactive' | 'mutation' | 'bulk' | 'background';

/** Order in the rate buckets' queues (window-bucket.ts): lower is served first. Gaps leave room for finer classes later. */
export const QUEUE_PRIORITY: Readonly<Record<Priority, number>> = {
  interactive: 1,
  mutation: 3,
  bulk: 5,
  background: 7,
};
