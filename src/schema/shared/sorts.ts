import type { EnumRef } from '@pothos/core';
import { builder, type BuilderTypes } from '../builder.js';

/**
 * A list's sort enum: `<FIELD>_ASC` / `<FIELD>_DESC` for each field Pennylane can sort that
 * list by (API.md §3.2). The internal value is Pennylane's `sort` parameter.
 */
export function defineListSort(typeName: string, listLabel: string, fields: readonly string[]): EnumRef<BuilderTypes, string, string> {
  const values: Record<string, { value: string; description: string }> = {};
  for (const field of fields) {
    const upper = field.toUpperCase();
    values[`${upper}_ASC`] = { value: field, description: `By ${field}, ascending.` };
    values[`${upper}_DESC`] = {
      value: `-${field}`,
      description: `By ${field}, descending${field === 'id' ? " (Pennylane's default: newest first)" : ''}.`,
    };
  }
  return builder.enumType(`${typeName}Sort`, {
    description: `Orders Pennylane can sort ${listLabel} by. Ties keep Pennylane's order.`,
    values,
  });
}
