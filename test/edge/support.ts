import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';
import type { GraphQLResponse, Harness } from '../support/harness.js';

/** A pino logger of the gateway's kind whose lines stay in memory, parsed. */
export function memoryLogger(level = 'info'): { logger: Logger; lines: () => LogLine[]; raw: () => string; clear: () => void } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger(level, sink),
    lines: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine),
    raw: () => text,
    clear: () => {
      text = '';
    },
  };
}

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly requestId?: string;
  readonly [field: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** The lines of GraphQL requests (one per request), without start-up lines. */
export function operationLines(lines: readonly LogLine[]): LogLine[] {
  return lines.filter((line) => line.msg === 'operation' || line.msg === 'operation refused');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A request through the gateway's front door, answered as a Response. */
export function send(h: Harness, init: RequestInit & { path?: string } = {}): Promise<Response> {
  const { path = '/graphql', ...rest } = init;
  return Promise.resolve(h.gateway.yoga.fetch(`http://gateway.test${path}`, rest));
}

/** A JSON POST of a GraphQL document, answered with its status and body. */
export async function post<T = Record<string, unknown>>(
  h: Harness,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: GraphQLResponse<T> }> {
  const response = await send(h, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T> };
}

export const ME = '{ me { company { name } } }';
