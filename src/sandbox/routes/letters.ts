/**
 * Lettering groups (API.md §4.3): lines lettered together share a group key in
 * `company.letterings`; every change is an `update` on the ledger_entry_lines changelog.
 */
import type { LedgerEntryLineRecord } from '../records-accounting.js';
import type { CompanyStore } from '../store.js';

function changed(company: CompanyStore, line: LedgerEntryLineRecord, key: number | null, at: string): void {
  line.lettering_id = key;
  line.updated_at = company.clock.after(at > line.updated_at ? at : line.updated_at);
  company.tables.ledger_entry_lines.put(line);
  company.recordChange('ledger_entry_lines', line, 'update');
}

function nextKey(company: CompanyStore): number {
  let max = 0;
  for (const key of company.letterings.keys()) if (key > max) max = key;
  return max + 1;
}

/** Letters `lines` together as one new group (their previous groups are dropped). */
export function formGroup(company: CompanyStore, lines: readonly LedgerEntryLineRecord[], at: string): number[] {
  const key = nextKey(company);
  for (const old of new Set(lines.map((l) => l.lettering_id))) if (old !== null) company.letterings.delete(old);
  const ids = [...new Set(lines.map((l) => l.id))].sort((a, b) => a - b);
  company.letterings.set(key, ids);
  for (const line of lines) changed(company, line, key, at);
  return ids;
}

/** Unletters every line of group `key`. */
export function dissolve(company: CompanyStore, key: number, at: string): void {
  const ids = company.letterings.get(key) ?? [];
  company.letterings.delete(key);
  for (const id of ids) {
    const line = company.tables.ledger_entry_lines.get(id);
    if (line && line.lettering_id === key) changed(company, line, null, at);
  }
}

/** Takes one line out of its group (a group left with a single line is dissolved). */
export function detach(company: CompanyStore, line: LedgerEntryLineRecord, at: string): void {
  const key = line.lettering_id;
  if (key === null) return;
  const rest = (company.letterings.get(key) ?? []).filter((id) => id !== line.id);
  changed(company, line, null, at);
  if (rest.length < 2) dissolve(company, key, at);
  else company.letterings.set(key, rest);
}
