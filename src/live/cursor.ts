import { LiveCursorError } from './change-hub.js';

/**
 * Event positions in a tenant's log: Redis stream ids (`ms-seq`), or the same shape in memory
 * (`epoch-seq`, the epoch being the process start, so a cursor from an earlier process reads as
 * older than the log). Clients see them as `v1.<kind>.<id>` in base64url.
 */
export interface LogPosition {
  readonly kind: 'r' | 'm';
  readonly ms: bigint;
  readonly seq: bigint;
}

export function positionOf(kind: 'r' | 'm', id: string): LogPosition {
  const [ms, seq] = id.split('-');
  return { kind, ms: BigInt(ms ?? '0'), seq: BigInt(seq ?? '0') };
}

export function idOf(position: LogPosition): string {
  return `${position.ms}-${position.seq}`;
}

export function encodeCursor(position: LogPosition): string {
  return Buffer.from(`v1.${position.kind}.${idOf(position)}`).toString('base64url');
}

/** Redis stream ids are two unsigned 64-bit numbers: anything larger is refused before Redis sees it. */
const MAX_PART = 2n ** 64n - 1n;

export function decodeCursor(cursor: string): LogPosition {
  const match = cursor.length <= 100 ? /^v1\.([rm])\.(\d{1,20})-(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString()) : null;
  const ms = match ? BigInt(match[2]!) : MAX_PART + 1n;
  const seq = match ? BigInt(match[3]!) : MAX_PART + 1n;
  if (!match || ms > MAX_PART || seq > MAX_PART) throw new LiveCursorError('CURSOR_UNKNOWN', 'This cursor was not given by this gateway.');
  return { kind: match[1] as 'r' | 'm', ms, seq };
}

/** Negative when `a` comes first. */
export function compare(a: LogPosition, b: LogPosition): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return a.seq === b.seq ? 0 : a.seq < b.seq ? -1 : 1;
}
