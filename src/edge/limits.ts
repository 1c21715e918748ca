import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { FetchAPI, Plugin } from 'graphql-yoga';
import type { RequestLimits } from './edge-config.js';
import { edgeError } from './edge-errors.js';

/** Each limit, with the setting that changes it (named in the refusal). */
const SETTINGS = {
  maxDepth: { setting: 'GATEWAY_MAX_DEPTH', what: 'levels of nesting', fix: 'Ask for fewer nested levels, or split the operation.' },
  maxAliases: { setting: 'GATEWAY_MAX_ALIASES', what: 'aliases', fix: 'Use fewer aliases: `nodes(ids:)` and list filters fetch many records at once.' },
  maxTokens: { setting: 'GATEWAY_MAX_TOKENS', what: 'tokens', fix: 'Send a shorter document: move values into variables.' },
  maxDirectives: { setting: 'GATEWAY_MAX_DIRECTIVES', what: 'directives', fix: 'Use fewer directives.' },
  maxRootFields: { setting: 'GATEWAY_MAX_ROOT_FIELDS', what: 'root fields', fix: 'Ask for fewer root fields, or split the operation.' },
} as const;

type LimitName = keyof typeof SETTINGS;

function limitError(name: LimitName, max: number, found: number | null): GraphQLError {
  const { setting, what, fix } = SETTINGS[name];
  const has = found === null ? `more than ${max} ${what}` : `${found} ${what}`;
  return edgeError(`This document has ${has}; this gateway allows ${max} (${setting}). ${fix}`, 'GRAPHQL_VALIDATION_FAILED', 400, {
    limit: { name, max, ...(found === null ? {} : { found }), setting },
  });
}

/** What armor found, from its own message ("… limit of 15 exceeded, found 100."). */
function foundIn(error: GraphQLError): number | null {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : null;
}

/**
 * graphql-armor's depth, alias, token and directive limits (its cost limit stays off: the
 * gateway plans each operation's upstream calls itself), each refusal re-worded to name the
 * setting, plus a limit of our own on root fields. All run while parsing or validating:
 * a refused document never executes, so it costs no upstream call.
 */
export function useRequestLimits(limits: RequestLimits, options: { readonly fieldSuggestions: boolean }): Plugin[] {
  const report = (name: LimitName, max: number) => ({
    n: max,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const refusal = limitError(name, max, foundIn(error));
        // Tokens are counted while parsing, where there is no validation context to report to.
        if (!context) throw refusal;
        context.reportError(refusal);
      },
    ],
  });
  const armor = EnvelopArmorPlugin({
    costLimit: { enabled: false },
    maxDepth: report('maxDepth', limits.maxDepth),
    maxAliases: report('maxAliases', limits.maxAliases),
    maxTokens: report('maxTokens', limits.maxTokens),
    maxDirectives: report('maxDirectives', limits.maxDirectives),
    // "Did you mean …?" names fields a client did not ask for: hidden unless enabled.
    blockFieldSuggestion: { enabled: !options.fieldSuggestions, mask: '' },
  });
  const rootFields: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(maxRootFieldsRule(limits.maxRootFields));
    },
  };
  return [armor as Plugin, rootFields];
}

/** Root fields of each operation (`__typename` aside), through fragments. */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const found = countRootFields(operation.selectionSet, context, new Set());
      if (found > max) context.reportError(limitError('maxRootFields', max, found));
    },
  });
}

function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, context, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

/**
 * The shape of the HTTP request, before any GraphQL work:
 * - bodies are bounded (GATEWAY_MAX_BODY_BYTES; uploads GATEWAY_MAX_UPLOAD_REQUEST_BYTES),
 *   from `content-length` at once, and while streaming when it is absent;
 * - a GET's `variables` and `extensions` must be JSON;
 * - a multipart request must carry the spec's `map` (which file goes to which variable).
 */
export function useRequestShape(limits: RequestLimits): Plugin {
  return {
    onRequestParse({ request, url, requestParser, setRequestParser, fetchAPI }) {
      if (request.method === 'GET') {
        for (const name of ['variables', 'extensions']) {
          const value = url.searchParams.get(name);
          if (!value) continue;
          try {
            JSON.parse(value);
          } catch (error) {
            throw edgeError(`The "${name}" parameter of this GET request is not valid JSON (${(error as Error).message}).`, 'BAD_REQUEST', 400);
          }
        }
        return;
      }
      const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
      const limit = multipart ? limits.maxUploadRequestBytes : limits.maxBodyBytes;
      const setting = multipart ? 'GATEWAY_MAX_UPLOAD_REQUEST_BYTES' : 'GATEWAY_MAX_BODY_BYTES';
      const tooLarge = () =>
        edgeError(`The request body is larger than this gateway accepts (${limit} bytes, ${setting}).`, 'PAYLOAD_TOO_LARGE', 413, { limit: { name: setting, max: limit } });
      const length = request.headers.get('content-length');
      const declared = length !== null && /^\d+$/.test(length) ? Number(length) : null;
      if (declared !== null && declared > limit) throw tooLarge();
      if (!requestParser || !request.body) return;
      // A declared length within the limit bounds the body already (HTTP reads no further):
      // only bodies of unknown length are counted as they stream.
      if (declared !== null && !multipart) return;
      const parse = requestParser;
      setRequestParser(async (incoming) => {
        const counted = declared === null ? countingBody(incoming, limit, fetchAPI) : { request: incoming, exceeded: () => false };
        let hasMap = !multipart;
        const seen = multipart
          ? new Proxy(counted.request, {
              get(target, property) {
                if (property === 'formData') {
                  return async () => {
                    const form = await target.formData();
                    hasMap = form.has('map');
                    return form;
                  };
                }
                const value: unknown = Reflect.get(target, property, target);
                return typeof value === 'function' ? value.bind(target) : value;
              },
            })
          : counted.request;
        let params;
        try {
          params = await parse(seen);
        } catch (error) {
          if (counted.exceeded()) throw tooLarge();
          throw error;
        }
        if (!hasMap) {
          throw edgeError(
            'This multipart request has no "map" field: the GraphQL multipart request spec needs `operations`, then `map` (which file goes to which variable, e.g. {"0":["variables.file"]}), then the files.',
            'BAD_REQUEST',
            400,
          );
        }
        return params;
      });
    },
  };
}

/**
 * The request with its body counted as it streams; past the limit, the stream fails. Built
 * with Yoga's fetch API (as Yoga's own body limit does), so the upload limits configured on
 * it still apply while the multipart body is parsed.
 */
function countingBody(request: Request, limit: number, fetchAPI: FetchAPI): { request: Request; exceeded(): boolean } {
  let read = 0;
  // A native stream needs the native TransformStream, a ponyfill one the ponyfill's.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(new Error('request body over the limit'));
        else controller.enqueue(chunk);
      },
    }),
  );
  const limited = new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
  return { request: limited, exceeded: () => read > limit };
}
