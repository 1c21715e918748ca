import { readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  printSchema,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewaySchema } from '../../src/schema/index.js';

describe('schema', () => {
  it('matches the committed schema.graphql (run `npm run codegen` after changing the schema)', () => {
    const committed = printSchema(buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8')));
    expect(committed).toBe(printSchema(gatewaySchema()));
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    const check = (what: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(what);
    };
    for (const type of Object.values(gatewaySchema().getTypeMap()) as GraphQLNamedType[]) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) continue;
      check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never uses Int for an id or Float for money', () => {
    const sdl = printSchema(gatewaySchema());
    expect(sdl).not.toMatch(/\bFloat\b/);
    expect(sdl).not.toMatch(/[iI]d: Int/);
  });
});
