import { isObjectType, type GraphQLSchema } from 'graphql';
import { gatewaySchema } from '../schema/index.js';
import { GRAPHQL_CACHE_KEY } from '../datasources/cache/graphql-cache-store.js';

/**
 * Label values for a dimension that grows with use (tenants, operation names): the first
 * `max` distinct values keep a value of their own, every later one is `other`. A value that
 * got its own label keeps it for the life of the process, so no series changes meaning.
 */
export class BoundedLabel {
  private readonly known = new Set<string>();

  constructor(
    private readonly max: number,
    readonly other = 'other',
  ) {}

  of(value: string): string {
    if (this.known.has(value)) return value;
    if (this.known.size >= this.max) return this.other;
    this.known.add(value);
    return value;
  }
}

/**
 * Request paths as the route templates the schema declares (`pennylaneEndpoints`, the same
 * list COVERAGE.md is made of), every placeholder written `{id}`:
 * `/customer_invoices/42/matched_transactions?x=1` → `/customer_invoices/{id}/matched_transactions`.
 * A path no declared template fits is `other`: a label never holds what a client wrote (an
 * id, a reference), and the set of values is fixed by the code.
 */
export class RouteTemplates {
  private readonly templates: { readonly template: string; readonly segments: readonly (string | null)[] }[];

  constructor(schema: GraphQLSchema) {
    const paths = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        for (const endpoint of (field.extensions as { pennylaneEndpoints?: string[] }).pennylaneEndpoints ?? []) {
          const path = endpoint.replace(/^[A-Z]+\s+/, '').split('?')[0]!;
          paths.add(path.replace(/\{[^}]*\}/g, '{id}'));
        }
      }
    }
    // A literal segment wins over a placeholder: `/changelogs/customers` before `/changelogs/{id}`.
    this.templates = [...paths]
      .map((template) => ({ template, segments: template.split('/').filter(Boolean).map((s) => (s === '{id}' ? null : s)) }))
      .sort((a, b) => a.segments.filter((s) => s === null).length - b.segments.filter((s) => s === null).length);
  }

  of(path: string): string {
    const segments = (path.split('?')[0] ?? path).split('/').filter(Boolean);
    const found = this.templates.find((t) => t.segments.length === segments.length && t.segments.every((s, i) => s === null || s === segments[i]));
    return found?.template ?? 'other';
  }
}

let routes: RouteTemplates | null = null;

/** The route template of a request path, from the gateway's schema (built once). */
export function routeOf(path: string): string {
  routes ??= new RouteTemplates(gatewaySchema());
  return routes.of(path);
}

/** The resource a cache key belongs to: `entity:customers:12` → customers; `GET /customers/12?…` → customers. */
export function cacheResource(key: string): string {
  // Reads of the GraphQL response cache (whole answers): one resource of their own.
  if (key === GRAPHQL_CACHE_KEY) return 'graphql';
  if (key.startsWith('entity:')) return key.split(':')[1] ?? 'unknown';
  const first = (key.replace(/^GET /, '').split('?')[0] ?? '').split('/').filter(Boolean)[0];
  return first && /^[a-z][a-z_]{0,63}$/.test(first) ? first : 'unknown';
}
