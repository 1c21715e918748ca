import { spawn, type ChildProcess } from 'node:child_process';

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

/**
 * `npm start` as a user runs it (`src/server.ts` in its own process, PORT=0), with `env` on
 * top of the machine's; resolves once it listens.
 */
export function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', PENNYLANE_API_TOKEN: '', PENNYLANE_BASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const entries: Record<string, unknown>[] = [];
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise<DemoServer>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
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
              if (child.exitCode === null) child.kill('SIGTERM');
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
