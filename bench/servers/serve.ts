import { createServer, type RequestListener } from 'node:http';

/**
 * Serves `handler` on a free loopback port and prints `READY <port>` (what startServer waits
 * for); on SIGTERM stops listening, runs `stop` and exits.
 */
export function serveOnLoopback(handler: RequestListener, stop: () => Promise<unknown>): void {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    void stop().then(() => process.exit(0));
  });
}
