/**
 * Label values for a dimension that grows with use (tenants, routes, operation names): the
 * first `max` distinct values keep a value of their own, every later one is `other`. A value
 * that got its own label keeps it for the life of the process, so no series changes meaning.
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

  /** Whether `value` has a label of its own (without giving it one). */
  has(value: string): boolean {
    return this.known.has(value);
  }
}

/**
 * A request path as a route template: the query dropped, every segment that is not a plain
 * lowercase word (ids, references, anything a client may have chosen) replaced by `{id}`.
 * `/customer_invoices/42/matched_transactions?x=1` → `/customer_invoices/{id}/matched_transactions`.
 */
export function routeTemplate(path: string): string {
  const bare = path.split('?')[0] ?? path;
  const segments = bare.split('/').filter(Boolean);
  return `/${segments.map((segment) => (/^[a-z][a-z_]{0,63}$/.test(segment) ? segment : '{id}')).join('/')}`;
}

/** The resource a cache key belongs to: `entity:customers:12` → customers; `GET /customers/12?…` → customers. */
export function cacheResource(key: string): string {
  if (key.startsWith('entity:')) return key.split(':')[1] ?? 'unknown';
  const first = (key.replace(/^GET /, '').split('?')[0] ?? '').split('/').filter(Boolean)[0];
  return first && /^[a-z][a-z_]{0,63}$/.test(first) ? first : 'unknown';
}
