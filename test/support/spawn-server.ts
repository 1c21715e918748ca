import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts a server script (bench/servers/) in its own Node process; resolves once it prints
 * `READY <port>`. `preload` modules are imported before it (e.g. a skewed clock).
 */
export function startServer(
  script: string,
  env: Record<string, string> = {},
  preload: readonly string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...preload.flatMap((module) => ['--import', module]), '--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString());
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
