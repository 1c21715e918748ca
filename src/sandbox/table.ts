/** A generic in-memory table: rows by id, an ascending view and an optional parent index. */

export interface Identified {
  id: number;
}

/** Rows by id, with an ascending-id view and an optional parent index. */
export class Table<T extends Identified> {
  private readonly rows = new Map<number, T>();
  private ascending: T[] | null = null;
  private readonly groups = new Map<number, T[]>();
  private version = 0;

  constructor(private readonly groupKey?: (row: T) => number | null) {}

  get size(): number {
    return this.rows.size;
  }

  /** Incremented by every put/delete (lets the store tell whether it changed since the seed). */
  get revision(): number {
    return this.version;
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  has(id: number): boolean {
    return this.rows.has(id);
  }

  /** Insert or replace a row (the parent key of a row never changes). */
  put(row: T): T {
    const existed = this.rows.has(row.id);
    this.version++;
    this.rows.set(row.id, row);
    this.ascending = null;
    if (this.groupKey) {
      const key = this.groupKey(row);
      if (key !== null) {
        const list = this.groups.get(key) ?? [];
        const i = existed ? list.findIndex((r) => r.id === row.id) : -1;
        if (i >= 0) list[i] = row;
        else {
          const last = list[list.length - 1];
          list.push(row);
          if (last && last.id > row.id) list.sort((a, b) => a.id - b.id);
        }
        this.groups.set(key, list);
      }
    }
    return row;
  }

  delete(id: number): boolean {
    const row = this.rows.get(id);
    if (!row) return false;
    this.version++;
    this.rows.delete(id);
    this.ascending = null;
    if (this.groupKey) {
      const key = this.groupKey(row);
      const list = key === null ? undefined : this.groups.get(key);
      if (list && key !== null) this.groups.set(key, list.filter((r) => r.id !== id));
    }
    return true;
  }

  /** Every row, ascending id (cached until the next write). */
  all(): readonly T[] {
    if (!this.ascending) this.ascending = [...this.rows.values()].sort((a, b) => a.id - b.id);
    return this.ascending;
  }

  /** Rows whose parent key is `key`, ascending id. */
  byGroup(key: number): readonly T[] {
    return this.groups.get(key) ?? [];
  }

  find(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (predicate(row)) return row;
    return undefined;
  }
}
