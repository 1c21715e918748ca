import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';

/**
 * The JSON files a gateway without Redis keeps its records in (OAuth connections, webhook
 * secrets): read once at start, rewritten whole on every change.
 */

/** The parsed file, or null when there is none; a file that is not JSON stops start-up with `notJson` (what to do about it). */
export function readJsonFile(path: string, notJson: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${path} is not JSON: ${notJson}`);
  }
}

/** A 0600 temporary file, fsync, rename: a crash leaves the old file or the new one, never half of one. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
