/**
 * Counting what a write sends before itself: each uploaded file in its input is one
 * `POST /file_attachments` before the import that references it.
 */
export function uploadsIn(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object' || depth > 8) return 0;
  if (typeof (value as Blob).arrayBuffer === 'function') return 1;
  let count = 0;
  for (const inner of Array.isArray(value) ? value : Object.values(value)) count += uploadsIn(inner, depth + 1);
  return count;
}
