import { BulkStateUnavailableError, type BulkOperationView } from './bulk-jobs.js';

/**
 * An operation's views after each change, until a final one. `subscribe` registers a wake-up
 * for changes; `read` gives the current view (null: gone). Wake-ups while the reader is slow
 * collapse into one view, so it always sees the latest counts; the last view is final.
 * `pollMs` also re-reads now and then, so a missed wake-up (a message lost while Redis was
 * away) never leaves a subscriber waiting forever.
 */
export async function* followChanges(
  subscribe: (wake: () => void) => () => void,
  read: () => Promise<BulkOperationView | null>,
  pollMs?: number,
): AsyncGenerator<BulkOperationView> {
  let changed = true;
  let wake: (() => void) | null = null;
  const signal = () => {
    changed = true;
    wake?.();
  };
  const unsubscribe = subscribe(signal);
  const timer = pollMs ? setInterval(signal, pollMs) : null;
  timer?.unref();
  let lastProcessed = -1;
  try {
    for (;;) {
      if (!changed) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      changed = false;
      let view: BulkOperationView | null;
      try {
        view = await read();
      } catch (error) {
        // Paused with Redis: the operation is not lost, its state just cannot be read now.
        if (error instanceof BulkStateUnavailableError) continue;
        throw error;
      }
      if (!view) return;
      // Decided before yielding: a state that turned final while the client read this one
      // is yielded on the next turn, so the last event always shows the final counts.
      const final = view.status !== 'RUNNING';
      if (view.processed !== lastProcessed || final) {
        lastProcessed = view.processed;
        yield view;
      }
      if (final) return;
    }
  } finally {
    unsubscribe();
    if (timer) clearInterval(timer);
  }
}
