import type { GatewayContext } from '../../context.js';
import { MAX_PAGE_SIZE } from '../../datasources/pennylane/common.js';

/**
 * Upserts match items to existing records by external reference. The lookups of a whole
 * operation are done once, in `external_reference in [...]` calls of 100, not per item.
 */
const lookups = new WeakMap<readonly unknown[], Promise<Map<string, { id: number }>>>();

export function existingByExternalReference<Input extends { externalReference: string }, T extends { id: number; external_reference: string | null }>(
  ctx: GatewayContext,
  all: readonly Input[],
  path: string,
  resource: string,
): Promise<Map<string, T>> {
  let found = lookups.get(all);
  if (!found) {
    found = (async () => {
      const references = [...new Set(all.map((input) => input.externalReference))];
      const byReference = new Map<string, T>();
      for (let i = 0; i < references.length; i += MAX_PAGE_SIZE) {
        const chunk = references.slice(i, i + MAX_PAGE_SIZE);
        const page = await ctx.pennylane.list<T>(
          path,
          { filter: [{ field: 'external_reference', operator: 'in', value: chunk }], limit: MAX_PAGE_SIZE },
          { resource, cacheResponse: false },
        );
        for (const record of page.items) if (record.external_reference) byReference.set(record.external_reference, record);
      }
      return byReference;
    })();
    lookups.set(all, found);
  }
  return found as Promise<Map<string, T>>;
}

/** At most: the lookups of the distinct references, 100 a call, and one write per item. */
export function upsertCalls(inputs: readonly { externalReference: string }[]): number {
  return Math.ceil(new Set(inputs.map((input) => input.externalReference)).size / MAX_PAGE_SIZE) + inputs.length;
}
