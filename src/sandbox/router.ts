/** Route table: templates like `GET /customers/{id}` compiled to matchers. */
import type { RouteSpec } from './routes/types.js';

export const API_PREFIX = '/api/external/v2';

export interface RouteMatch {
  readonly route: RouteSpec;
  /** `GET /customers/{id}` */
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
}

interface Compiled {
  readonly route: RouteSpec;
  readonly template: string;
  readonly segments: readonly string[];
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export class Router {
  private readonly compiled: Compiled[] = [];

  constructor(routes: readonly RouteSpec[]) {
    for (const route of routes) this.add(route);
  }

  add(route: RouteSpec): void {
    const template = `${route.method} ${route.path}`;
    if (this.compiled.some((c) => c.template === template)) throw new Error(`Duplicate route ${template}`);
    this.compiled.push({ route, template, segments: split(route.path) });
    // Literal segments win over parameters (e.g. /customer_invoices/import before /{id}).
    this.compiled.sort((a, b) => specificity(b) - specificity(a));
  }

  get templates(): string[] {
    return this.compiled.map((c) => c.template);
  }

  /** Match a path without the API prefix. Unknown → undefined (the caller answers 404). */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = split(path);
    for (const c of this.compiled) {
      if (c.route.method !== method || c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = c.segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith('{') && seg.endsWith('}')) {
          let value: string;
          try {
            value = decodeURIComponent(part);
          } catch {
            ok = false;
            break;
          }
          params[seg.slice(1, -1)] = value;
        } else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (ok) return { route: c.route, template: c.template, params };
    }
    return undefined;
  }
}

function specificity(c: Compiled): number {
  return c.segments.reduce((n, s, i) => n + (s.startsWith('{') ? 0 : 2 ** (8 - Math.min(i, 8))), 0);
}
