/**
 * One gateway replica configured from the environment (PENNYLANE_BASE_URL, REDIS_URL, …),
 * as in production, on a loopback port. Prints `READY <port>` once listening.
 */
import { createGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { serveOnLoopback } from './serve.js';

const config = loadConfig();
const gateway = createGateway({ config, logger: createLogger(config.logLevel) });
serveOnLoopback(gateway.yoga, () => gateway.close());
