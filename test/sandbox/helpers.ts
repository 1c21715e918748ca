/** Shared helpers for the simulator tests (HTTP through global fetch). */
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sandbox/simulator.js';

export type { Simulator };

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ rateLimit: false, pdfDelayMs: 0, ...options });
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = unknown>(
  sim: Simulator,
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; query?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const url = new URL(sim.baseUrl + path);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? sim.demoToken : init.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('application/json')) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export interface Page<T = Record<string, unknown>> {
  items: T[];
  has_more: boolean;
  next_cursor: string | null;
}

export function filterParam(conditions: unknown[]): string {
  return JSON.stringify(conditions);
}

/** Every item of a list, resending filter and sort on each page. */
export async function listAll<T = Record<string, unknown>>(
  sim: Simulator,
  path: string,
  query: Record<string, string> = {},
  limit = 100,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const q: Record<string, string> = { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) };
    const res = await call<Page<T>>(sim, path, { query: q });
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${res.text}`);
    out.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Exact decimal string → integer cents (test-side, independent of src/sandbox/money.ts). */
export function cents(s: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a 2-decimal amount: ${s}`);
  const v = BigInt(m[2] as string) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -v : v;
}

/** multipart/form-data POST with a `file` part (and optional text fields), through fetch. */
export async function upload<T = unknown>(
  sim: Simulator,
  path: string,
  file: { bytes: Uint8Array; filename: string; type?: string } | null,
  fields: Record<string, string> = {},
): Promise<Reply<T>> {
  const form = new FormData();
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], file.type !== undefined ? { type: file.type } : {}), file.filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(sim.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${sim.demoToken}` }, body: form });
  const text = await res.text();
  const body = (res.headers.get('content-type') ?? '').includes('application/json') ? JSON.parse(text) : text;
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** Ids of the rows of a snapshot. */
export function idsOf(rows: unknown[]): number[] {
  return (rows as Array<{ id: number }>).map((r) => r.id);
}
