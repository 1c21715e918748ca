import { createHash } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The operation a request runs, as far as its cache key is concerned. */
interface OperationShape {
  readonly name: string;
  /** Declared variables, sorted. */
  readonly variables: readonly string[];
}

/** What the key of a request is built from, or null when its answer is neither looked up nor stored. */
export interface RequestKey {
  readonly hash: string;
  /** The request carried variables its operation does not declare: it may be served, never stored. */
  readonly undeclared: boolean;
}

// Documents are few and repeated; bounded in bytes, whatever hostile documents and names arrive.
const shapes = new LRUCache<string, { readonly shape: OperationShape | null }>({ maxSize: 8 * 1024 * 1024, sizeCalculation: (_v, key) => key.length + 64 });

/**
 * The key of a request, from what can change its answer only: the session (identity and
 * generation), the operation it selects, the variables that operation declares in a canonical
 * form (sorted keys, at every depth), and the document. Variables the document never declares
 * do not change the answer, so they are not in the key (else each new one would be a new entry).
 * Null: not a single query (parse error, unknown operation name, a mutation or subscription).
 */
export function requestKey(session: string, documentString: string, operationName: string | null | undefined, variableValues: unknown): RequestKey | null {
  const shape = operationShape(documentString, operationName ?? '');
  if (!shape) return null;
  const given = variableValues && typeof variableValues === 'object' && !Array.isArray(variableValues) ? (variableValues as Record<string, unknown>) : {};
  const declared: Record<string, unknown> = {};
  for (const name of shape.variables) if (Object.hasOwn(given, name)) declared[name] = given[name];
  const undeclared = Object.keys(given).some((name) => !shape.variables.includes(name));
  const hash = createHash('sha256')
    .update(session)
    .update('\0')
    .update(shape.name)
    .update('\0')
    .update(canonicalJson(declared))
    .update('\0')
    .update(documentString)
    .digest('base64url');
  return { hash, undeclared };
}

function operationShape(documentString: string, operationName: string): OperationShape | null {
  const memo = `${operationName}\0${documentString}`;
  let known = shapes.get(memo);
  if (!known) shapes.set(memo, (known = { shape: shapeOf(documentString, operationName) }));
  return known.shape;
}

function shapeOf(documentString: string, operationName: string): OperationShape | null {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(documentString, { noLocation: true }).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return null;
  }
  // As graphql-js selects it: the named one, or the only one.
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query') return null;
  return { name: operation.name?.value ?? '', variables: (operation.variableDefinitions ?? []).map((v) => v.variable.name.value).sort() };
}

/** JSON with object keys sorted at every depth: the same values spelled in another order give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  }) ?? 'null';
}
