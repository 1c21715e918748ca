import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { faultBehind } from './error-shaping.js';
import { edgeRequestOf, startEdgeRequest, type EdgeRequest } from './request-state.js';

/** Codes that say something upstream of us is in trouble: worth a warning, not our fault. */
const TROUBLE = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_INVALID_DATA', 'RATE_LIMITED', 'AUTHENTICATION_UNAVAILABLE']);
/** Refusals an operator may want to notice (probing, a misconfigured client). */
const NOTICEABLE = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_HEADER_REQUIRED', 'TRUSTED_DOCUMENT_REQUIRED']);
/** Gateway faults kept per request for the log line; the count covers the rest. */
const FAULTS_KEPT = 3;

/**
 * One log line per GraphQL request, written when its response leaves: who asked (client
 * name, tenant hash), what (operation name and kind), what it cost upstream, and its error
 * codes with counts — never one line per failed field. Level: `error` only when the gateway
 * itself failed (a masked INTERNAL_SERVER_ERROR, with its cause), `warn` when Pennylane or the
 * key set is in trouble or a credential was refused, `info` otherwise (client mistakes
 * included). Every response carries `x-request-id`: the caller's (when a plain token) or a new
 * one, the same as on the log line. A subscription's line is written when its stream starts.
 */
export function useOperationLog(logger: Logger, options: { readonly varyOnOrigin: boolean }): Plugin {
  return {
    onRequest({ request }) {
      startEdgeRequest(request);
    },
    onRequestParse({ request }) {
      startEdgeRequest(request).graphql = true;
    },
    onParams({ request, params }) {
      const state = edgeRequestOf(request);
      if (state && !state.operation) state.operation = { name: params.operationName ?? null, kind: null };
    },
    onExecute({ args }) {
      noteOperation(args);
    },
    onSubscribe({ args }) {
      noteOperation(args);
    },
    onResultProcess({ request, result }) {
      const state = edgeRequestOf(request);
      if (!state) return;
      const results = Array.isArray(result) ? result : Symbol.asyncIterator in (result as object) ? [] : [result];
      for (const one of results as { errors?: readonly GraphQLError[] }[]) {
        for (const error of one.errors ?? []) countError(state, error);
      }
    },
    onResponse({ request, response }) {
      const state = startEdgeRequest(request);
      response.headers.set('x-request-id', state.requestId);
      if (options.varyOnOrigin) response.headers.append('vary', 'Origin');
      if (state.graphql) writeLine(logger, state, response.status);
    },
  };
}

/** The operation's name and kind, once its document is known. */
function noteOperation(args: { contextValue: unknown; document: DocumentNode; operationName?: string | null | undefined }): void {
  const request = (args.contextValue as { request?: Request }).request;
  const state = request && edgeRequestOf(request);
  if (!state) return;
  const operation = getOperationAST(args.document, args.operationName);
  state.operation = { name: operation?.name?.value ?? args.operationName ?? null, kind: operation?.operation ?? null };
}

function countError(state: EdgeRequest, error: GraphQLError): void {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNCODED';
  state.errors.set(code, (state.errors.get(code) ?? 0) + 1);
  const behind = faultBehind(error);
  if (behind) {
    state.faultCount += 1;
    if (state.faults.length < FAULTS_KEPT) state.faults.push(behind.fault);
  }
}

function writeLine(logger: Logger, state: EdgeRequest, status: number): void {
  const codes = [...state.errors.keys()];
  const level =
    state.faultCount > 0 ? 'error' : status >= 500 || codes.some((code) => TROUBLE.has(code) || NOTICEABLE.has(code)) ? 'warn' : 'info';
  const line = {
    requestId: state.requestId,
    client: state.principal?.name ?? null,
    auth: state.principal?.kind ?? null,
    tenant: state.usage?.tenant ?? null,
    operation: state.operation?.name ?? null,
    kind: state.operation?.kind ?? null,
    status,
    ms: Date.now() - state.startedAt,
    ...(state.usage ? { cost: state.usage.cost() } : {}),
    ...(state.traceId ? { traceId: state.traceId } : {}),
    ...(codes.length > 0 ? { errors: Object.fromEntries(state.errors) } : {}),
    ...(state.faultCount > 0 ? { faults: state.faultCount, err: state.faults[0], more: state.faults.slice(1).map(String) } : {}),
  };
  logger[level](line, state.usage ? 'operation' : 'operation refused');
}
