import type { Redis } from 'ioredis';

/**
 * Shutdown must end by its deadline whatever Redis or Pennylane do: a hung Redis keeps its
 * sockets open and never answers, so every goodbye below is bounded, then dropped.
 */

/** Whether `work` settled by `deadline` (epoch ms): resolves at whichever comes first; never rejects. */
export function settledBy(work: Promise<unknown>, deadline: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    timer.unref();
    void work
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        resolve(true);
      });
  });
}

/** A healthy Redis answers QUIT in a millisecond; one that has not after this is not going to. */
export const REDIS_GOODBYE_MS = 500;

/** Says goodbye to Redis when it is connected, then drops the connection whether or not it answered. */
export async function closeRedisClient(client: Redis, goodbye?: () => Promise<unknown>): Promise<void> {
  if (client.status === 'ready') {
    const deadline = Date.now() + REDIS_GOODBYE_MS;
    if (goodbye) await settledBy(goodbye(), deadline);
    await settledBy(client.quit(), deadline);
  }
  client.disconnect();
}
