import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createGateway } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import type { Simulator } from './sandbox/simulator.js';

/**
 * Process entry: config -> gateway -> listen; SIGTERM -> drain -> exit.
 * With no PENNYLANE_API_TOKEN the embedded simulator (a seeded demo company) is started on
 * loopback and the gateway points at it, so `npm start` always shows a living company.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, undefined, config.ops.logFormat);

  let closeSandbox: (() => Promise<void>) | undefined;
  let sandbox: Simulator | undefined;
  if (config.pennylane.upstream === 'simulator') {
    const { startSimulator } = await import('./sandbox/simulator.js');
    // The demo's books run up to today, so late invoices are late now and changelogs are recent.
    const today = config.sandbox.today ?? new Date().toISOString().slice(0, 10);
    sandbox = await startSimulator({ host: '127.0.0.1', port: config.sandbox.port, seed: config.sandbox.seed, today });
    closeSandbox = sandbox.close;
    config = {
      ...config,
      pennylane: { ...config.pennylane, apiToken: sandbox.demoToken, baseUrl: sandbox.baseUrl },
    };
    // The demo token is the simulator's own, public one (not a Pennylane secret): printed so
    // a newcomer can call the simulator directly and create more companies (README).
    logger.info(
      { sandbox: sandbox.baseUrl, sandboxControl: `${new URL(sandbox.baseUrl).origin}/__sandbox/`, demoToken: sandbox.demoToken, booksUpTo: today },
      'No PENNYLANE_API_TOKEN: serving the embedded Pennylane simulator (seeded demo company); set the token to use real Pennylane',
    );
  }

  // Listening first: the embedded demo's OAuth callback needs the port (PORT=0 picks one).
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  let stopping = false;
  // Answers being written, event streams (subscriptions, status page) aside: what a stop cuts off
  // if it must. Yoga streams whatever asks for text/event-stream, so the header tells them apart;
  // a client that claims it for a plain request only changes what its own cut-off is counted as.
  const answering = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (!req.headers.accept?.includes('text/event-stream')) {
      answering.add(res);
      res.once('close', () => {
        answering.delete(res);
        // While stopping, a connection is closed as soon as its last answer is out, so the stop ends with the work.
        if (stopping) setImmediate(() => server.closeIdleConnections());
      });
    }
    if (handler) return handler(req, res);
    res.writeHead(503, { 'retry-after': '1' }).end();
  });
  server.keepAliveTimeout = 65_000;
  // Slow clients (slowloris): headers within 20 s, a whole request within 120 s (Node's default
  // is 300 s), still room for a large upload. Webhooks have their own, shorter read deadline
  // (PENNYLANE_WEBHOOK_READ_TIMEOUT_MS).
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (sandbox && !config.oauth.app) {
    const { demoOAuth } = await import('./connections/demo.js');
    const demo = await demoOAuth(sandbox, config, port);
    config = { ...config, oauth: { ...config.oauth, app: demo.app } };
    const previous = closeSandbox;
    closeSandbox = async () => {
      await previous?.();
      demo.cleanUp();
    };
  }
  if (sandbox && config.webhooks.publicUrl === null) {
    // The embedded simulator posts its webhooks to this very process (loopback http, a sandbox-only allowance).
    const { loopbackOrigin } = await import('./connections/demo.js');
    config = { ...config, webhooks: { ...config.webhooks, publicUrl: loopbackOrigin(config.host, port) } };
  }

  const gateway = createGateway({ config, logger });
  handler = gateway.yoga;
  logger.info(
    { url: `http://${config.host}:${port}/graphql`, upstream: config.pennylane.baseUrl },
    'pennylane-graphql listening (GraphiQL at /graphql, health at /health and /ready)',
  );

  /**
   * Readiness drops at once; the server stops accepting connections; requests in flight get
   * up to half the drain time, then their connections are closed; running bulk operations get
   * the rest. Past GATEWAY_DRAIN_SECONDS the process exits anyway (code 1), so it never
   * outlives its platform's grace period; a stop that had to cut anything off exits 1 too.
   * A repeated signal (npm forwards its own) is ignored.
   */
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const drainMs = config.ops.drainMs;
    const deadline = Date.now() + drainMs;
    logger.info({ signal, drainSeconds: drainMs / 1_000 }, 'draining: refusing new connections, finishing requests in flight');
    gateway.setDraining(true);
    setTimeout(() => {
      logger.warn('drain deadline passed: exiting with work unfinished');
      process.exit(1);
    }, drainMs).unref();
    let cutOff = false;
    const forceAfter = setTimeout(() => {
      cutOff = answering.size > 0;
      logger.warn('requests still in flight: closing their connections');
      server.closeAllConnections();
    }, drainMs / 2);
    forceAfter.unref();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(forceAfter);
    // Room for the last goodbyes to Redis (src/state/closing.ts) before the hard exit above.
    const finished = await gateway.close({ deadline: deadline - Math.min(1_500, drainMs / 4) });
    await closeSandbox?.();
    if (cutOff || !finished) {
      logger.warn('stopped with work unfinished: what was in flight at the deadline was cut off');
      process.exit(1);
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`pennylane-graphql failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
