import { context, createContextKey, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';

/** The tracing of one gateway, in the context of the requests it traces. */
export const TRACING = createContextKey('pennylane-graphql tracing');
/** The resolver (of a field with declared Pennylane endpoints) running in this context, if any. */
export const RESOLVER = createContextKey('pennylane-graphql resolver');

/**
 * A resolver that may reach Pennylane, while it runs. Its span is created only once one of
 * its calls actually leaves (src/ops/tracing.ts), with the resolver's own start time: a
 * resolver answered from the cache or by another's batch costs no span.
 */
export interface ResolverScope {
  readonly name: string;
  readonly path: string;
  readonly startedAt: number;
  readonly parent: Context;
  span: Span | null;
  endedAt: number | null;
  failed: boolean;
  cacheHits: number;
  /** Ends the span, once both exist: the span and the resolver's end. */
  finish(): void;
}

const TRACED = Symbol('pennylane-graphql traced resolvers');

/**
 * Wraps the resolvers of the fields that declare Pennylane endpoints (`pennylaneEndpoints`,
 * the same declarations COVERAGE.md is made of), once per schema. Outside a traced request
 * the wrapper only reads the active context and calls the resolver.
 */
export function traceResolvers(schema: GraphQLSchema): void {
  const marked = schema as GraphQLSchema & { [TRACED]?: true };
  if (marked[TRACED]) return;
  marked[TRACED] = true;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.extensions?.pennylaneEndpoints) continue;
      field.resolve = traced(field.resolve ?? defaultFieldResolver);
    }
  }
}

function traced(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, contextValue, info) => {
    const active = context.active();
    if (active.getValue(TRACING) === undefined) return resolve(source, args, contextValue, info);
    const scope = scopeOf(active, info);
    let result: unknown;
    try {
      result = context.with(active.setValue(RESOLVER, scope), () => resolve(source, args, contextValue, info));
    } catch (error) {
      end(scope, true);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          end(scope, false);
          return value;
        },
        (error: unknown) => {
          end(scope, true);
          throw error;
        },
      );
    }
    end(scope, false);
    return result;
  };
}

function scopeOf(parent: Context, info: GraphQLResolveInfo): ResolverScope {
  const scope: ResolverScope = {
    name: `${info.parentType.name}.${info.fieldName}`,
    path: pathOf(info.path),
    startedAt: Date.now(),
    parent,
    span: null,
    endedAt: null,
    failed: false,
    cacheHits: 0,
    finish() {
      if (!scope.span || scope.endedAt === null) return;
      scope.span.setAttribute('pennylane.cache_hits', scope.cacheHits);
      if (scope.failed) scope.span.setStatus({ code: SpanStatusCode.ERROR });
      scope.span.end(scope.endedAt);
    },
  };
  return scope;
}

function end(scope: ResolverScope, failed: boolean): void {
  scope.endedAt = Date.now();
  scope.failed = failed;
  scope.finish();
}

function pathOf(path: GraphQLResolveInfo['path']): string {
  const parts: (string | number)[] = [];
  for (let at: GraphQLResolveInfo['path'] | undefined = path; at; at = at.prev) parts.unshift(at.key);
  return parts.join('.');
}
