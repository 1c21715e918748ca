import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';

export interface UseHarnessOptions extends HarnessOptions {
  /**
   * What each test starts from: `reset` puts the simulator's records back as seeded (tests
   * that write), `clearLog` only forgets its requests (tests that read). The gateway's cache
   * is cleared either way, so every test counts its own upstream calls.
   */
  readonly beforeEach: 'reset' | 'clearLog';
}

/**
 * The harness of a describe block: started before its tests, closed after them, and reset
 * before each (see `beforeEach`). Returns the harness at once, for the block's tests and
 * hooks to use; it reaches the real one, which exists from the block's `beforeAll` on.
 */
export function useHarness(options: UseHarnessOptions): Harness {
  let started: Harness | undefined;
  const current = (): Harness => {
    if (!started) throw new Error('useHarness: the harness starts in beforeAll; use it in hooks and tests.');
    return started;
  };
  beforeAll(async () => {
    started = await startHarness(options);
  });
  afterAll(() => current().close());
  beforeEach(() => {
    const h = current();
    if (options.beforeEach === 'reset') h.sim.control.reset();
    else h.sim.control.clearLog();
    h.gateway.upstream.cache.clear();
    h.gateway.responseCache?.clear();
  });
  return {
    get sim() {
      return current().sim;
    },
    get gateway() {
      return current().gateway;
    },
    gql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
      current().gql<T>(query, variables, headers),
    close: () => current().close(),
  };
}
