import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readJsonFile, writeFileAtomically } from '../state/json-file.js';
import { parseRecord, type ConnectionRecord, type ConnectionStore, type StoreLock } from './connection-store.js';

/**
 * Connections in one JSON file, for a single gateway process without Redis. Every change
 * rewrites the file atomically (a 0600 temporary file, fsync, rename), so a crash leaves the
 * old file or the new one, never half of one. A lock file next to it keeps a second process
 * from using the same file: two writers would lose each other's refreshes (replicas need Redis).
 * Pending authorizations and refresh locks live in memory: in one process that is enough.
 */
export class FileConnectionStore implements ConnectionStore {
  readonly kind = 'file';
  private readonly path: string;
  private readonly lockPath: string;
  private records = new Map<string, ConnectionRecord>();
  private readonly pending = new Map<string, { value: string; expiresAt: number }>();
  private readonly locks = new Set<string>();
  /** Writes one after another, each with the whole set. */
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(path: string) {
    this.path = resolve(path);
    this.lockPath = `${this.path}.lock`;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    takeProcessLock(this.lockPath, this.path);
    try {
      this.records = readRecords(this.path);
    } catch (error) {
      this.releaseProcessLock();
      throw error;
    }
  }

  async get(id: string): Promise<ConnectionRecord | null> {
    return this.records.get(id) ?? null;
  }

  async list(): Promise<ConnectionRecord[]> {
    return [...this.records.values()];
  }

  async put(record: ConnectionRecord, expectedGeneration: number | null): Promise<boolean> {
    const current = this.records.get(record.id);
    if ((current?.generation ?? null) !== expectedGeneration) return false;
    this.records.set(record.id, record);
    try {
      await this.persist();
    } catch (error) {
      // Memory follows the file: what could not be written did not happen.
      if (current) this.records.set(record.id, current);
      else this.records.delete(record.id);
      throw error;
    }
    return true;
  }

  async delete(id: string): Promise<void> {
    const current = this.records.get(id);
    if (!current) return;
    this.records.delete(id);
    try {
      await this.persist();
    } catch (error) {
      this.records.set(id, current);
      throw error;
    }
  }

  async putPending(key: string, value: string, ttlMs: number): Promise<void> {
    const now = Date.now();
    for (const [k, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(k);
    this.pending.set(key, { value, expiresAt: now + ttlMs });
  }

  async takePending(key: string): Promise<string | null> {
    const entry = this.pending.get(key);
    this.pending.delete(key);
    return entry && entry.expiresAt > Date.now() ? entry.value : null;
  }

  async lock(id: string, ttlMs: number): Promise<StoreLock | null> {
    if (this.locks.has(id)) return null;
    this.locks.add(id);
    // A holder that never releases (a bug) must not block refreshes forever.
    const timer = setTimeout(() => this.locks.delete(id), ttlMs);
    timer.unref();
    return {
      release: async () => {
        clearTimeout(timer);
        this.locks.delete(id);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    this.releaseProcessLock();
  }

  private persist(): Promise<void> {
    const snapshot = JSON.stringify({ version: 1, connections: [...this.records.values()] }, null, 2);
    const write = this.writing.then(() => writeFileAtomically(this.path, snapshot));
    // The next write waits for this one whatever its outcome; this caller sees the failure.
    this.writing = write.catch(() => undefined);
    return write;
  }

  private releaseProcessLock(): void {
    try {
      unlinkSync(this.lockPath);
    } catch {
      // already gone
    }
  }
}

function readRecords(path: string): Map<string, ConnectionRecord> {
  const parsed = readJsonFile(path, 'it is not a connections file; move it away or set PENNYLANE_CONNECTIONS_FILE') as { connections?: unknown } | null;
  const records = new Map<string, ConnectionRecord>();
  for (const entry of Array.isArray(parsed?.connections) ? parsed.connections : []) {
    const record = parseRecord(JSON.stringify(entry));
    if (record) records.set(record.id, record);
  }
  return records;
}

/** One process per file: the lock holds the owner's pid; a dead owner's lock is taken over. */
function takeProcessLock(lockPath: string, path: string): void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(
          `${path} is in use by another gateway (pid ${owner}${owner === process.pid ? ', this process' : ''}). One file serves one process: give each its own PENNYLANE_CONNECTIONS_FILE, or share connections between replicas with REDIS_URL`,
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new Error(`could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
