import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createGateway, type Gateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Simulator } from '../../src/sandbox/simulator.js';

/** The machine's Redis (CI starts it); REDIS_URL overrides. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when a Redis answers PING at `url` within a second. */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** True when `redis-server` can be started (to test a Redis restart on a port of our own). */
export async function redisServerInstalled(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('redis-server', ['--version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A throwaway redis-server: without persistence a restart loses every key (as in CI); with
 * `persistent`, every write is on disk (append-only file, fsync always) and a restart keeps them.
 */
export class OwnRedis {
  private child: ChildProcess | null = null;
  private readonly dir: string | null;
  constructor(
    readonly port: number,
    options: { persistent?: boolean } = {},
  ) {
    this.dir = options.persistent ? mkdtempSync(join(tmpdir(), 'own-redis-')) : null;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const persistence = this.dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir] : ['--appendonly', 'no'];
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 50 && !(await redisAnswers(this.url)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered, as with a hung Redis. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
      // A frozen server is killed all the same; the CONT lets it be reaped at once.
      child.kill('SIGCONT');
    });
  }
}

export interface LoggedGateway {
  readonly gateway: Gateway;
  /** Log lines (parsed JSON) written so far. */
  readonly lines: { level: number; msg: string }[];
}

/** A gateway over `sim` with its log lines captured, to check what it says about Redis. */
export function loggedGatewayOver(sim: Simulator, env: Record<string, string>): LoggedGateway {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  // The GraphQL response cache off, as in the harness: these tests count what the REST layer does.
  const config = loadConfig({ PENNYLANE_API_TOKEN: sim.demoToken, PENNYLANE_BASE_URL: sim.baseUrl, PENNYLANE_CHANGE_POLL_SECONDS: '0', PENNYLANE_RESPONSE_CACHE_MAX_BYTES: '0', ...env });
  return { gateway: createGateway({ config, logger: pino({ level: 'info' }, sink) }), lines };
}
