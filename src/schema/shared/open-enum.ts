import type { EnumRef } from '@pothos/core';
import { builder, type BuilderTypes } from '../builder.js';

/**
 * An enum over a value set Pennylane documents but may grow. A value this gateway does not
 * know yet comes out as OTHER instead of failing the whole field, so a new Pennylane status
 * never breaks a client's query.
 */
export function defineOpenEnum(
  name: string,
  description: string,
  values: Readonly<Record<string, { value: string; description: string }>>,
) {
  const known = new Set(Object.values(values).map((entry) => entry.value));
  const ref: EnumRef<BuilderTypes, string, string> = builder.enumType(name, {
    description,
    values: {
      ...values,
      OTHER: { value: '__other__', description: 'A value Pennylane added after this gateway version was built.' },
    },
  });
  return {
    ref,
    /** Maps an upstream value onto the enum (null stays null). */
    of(value: string | null | undefined): string | null {
      if (value === null || value === undefined) return null;
      return known.has(value) ? value : '__other__';
    },
  };
}
