/**
 * Preloaded into a bench server: on SIGUSR2, a full garbage collection, then one line
 * `MEMORY <rss bytes> <heap used bytes>` on stdout, so the bench reads what is retained.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc');

process.on('SIGUSR2', () => {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(`MEMORY ${rss} ${heapUsed}\n`);
});
