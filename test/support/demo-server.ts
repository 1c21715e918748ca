import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface DemoServer {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  /** Every stdout/stderr line so far. */
  readonly logs: string[];
  /** The parsed JSON log lines so far. */
  readonly entries: Record<string, unknown>[];
  readonly exit: Promise<number | null>;
  stop(): Promise<void>;
}

export interface DemoServerOptions {
  /**
   * `npm`: exactly `npm start` (npm's prestart build check, then npm running the server), so
   * signals go to the npm process as a platform sends them. `node` (default): the compiled
   * server that `npm start` runs, without npm in between.
   */
  readonly via?: 'npm' | 'node';
  /** The checkout to run in (default: this one). */
  readonly cwd?: string;
}

/** Builds dist/ when it is missing or stale, as `npm start` would (one build at a time: a lock). */
export function ensureBuilt(cwd = process.cwd()): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/**
 * The gateway as a user starts it (PORT=0, no token: the embedded simulator), with `env` on top
 * of the machine's; resolves once it listens.
 */
export function startDemoServer(env: Record<string, string> = {}, options: DemoServerOptions = {}): Promise<DemoServer> {
  const cwd = options.cwd ?? process.cwd();
  const fullEnv = { ...process.env, PORT: '0', PENNYLANE_API_TOKEN: '', PENNYLANE_BASE_URL: '', LOG_LEVEL: 'info', ...env };
  let child: ChildProcess;
  if (options.via === 'npm') {
    child = spawn('npm', ['start'], { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  } else {
    ensureBuilt(cwd);
    child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const logs: string[] = [];
  const entries: Record<string, unknown>[] = [];
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise<DemoServer>((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        logs.push(line);
        // npm prints its own lines ("> pennylane-graphql@… start"): only JSON lines are the gateway's.
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        entries.push(entry);
        if (typeof entry.url === 'string') {
          const url = entry.url.replace(/\/graphql$/, '');
          resolve({
            child,
            url,
            logs,
            entries,
            exit,
            async stop() {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
              await exit;
            },
          });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${logs.join('\n')}`)));
  });
}
