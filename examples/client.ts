/**
 * The few lines every recipe shares: send a typed document to the gateway (optionally with a
 * client's own Pennylane token, and this app's API key), or a multipart upload (GraphQL
 * multipart request spec).
 *
 * Documents go out by their hash (`extensions.persistedQuery`): `npm run codegen` writes them
 * all in the trusted-documents manifest examples/gql/persisted-documents.json. A gateway that
 * does not know the hash answers PERSISTED_QUERY_NOT_FOUND, and the text is sent instead; a
 * gateway that runs trusted documents only refuses the text, so deploy the manifest with it.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print } from 'graphql';

export interface Gateway {
  /** e.g. http://127.0.0.1:4000/graphql */
  readonly endpoint: string;
  /** A Pennylane token of this client's company (needs PENNYLANE_ALLOW_CLIENT_TOKENS=true). */
  readonly token?: string;
  /** This app's API key, where the gateway requires one (default: PENNYLANE_GRAPHQL_API_KEY). */
  readonly apiKey?: string;
}

interface Answer<R> {
  readonly data?: R | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

function headersOf(gateway: Gateway): Record<string, string> {
  const apiKey = gateway.apiKey ?? process.env['PENNYLANE_GRAPHQL_API_KEY'];
  return { ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}), ...(apiKey ? { 'x-api-key': apiKey } : {}) };
}

function dataOf<R>(answer: Answer<R>, status: number): R {
  if (answer.errors?.length || !answer.data) throw new Error(answer.errors?.map((e) => e.message).join('; ') ?? `HTTP ${status}`);
  return answer.data;
}

/** The GraphQL request of a document: by its hash, or (`text`) by its text. */
function paramsOf<V>(document: TypedDocumentNode<unknown, V>, variables: V, text: boolean): Record<string, unknown> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  const operationName = getOperationAST(document)?.name?.value;
  return text || !hash
    ? { operationName, query: print(document), variables }
    : { operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
}

/** Sends by hash first; once more with the text when the gateway does not know the hash. */
async function send<R>(post: (text: boolean) => Promise<Response>): Promise<R> {
  let response = await post(false);
  let answer = (await response.json()) as Answer<R>;
  if (answer.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    response = await post(true);
    answer = (await response.json()) as Answer<R>;
  }
  return dataOf(answer, response.status);
}

export async function request<R, V>(gateway: Gateway, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  return send<R>((text) =>
    fetch(gateway.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersOf(gateway) },
      body: JSON.stringify(paramsOf(document, variables, text)),
    }),
  );
}

/**
 * A subscription over server-sent events: each event's data, until the gateway ends the
 * stream or `signal` aborts. Sent by hash like `request`, with the text where the hash is unknown.
 */
export async function* subscribe<R, V>(gateway: Gateway, document: TypedDocumentNode<R, V>, variables: V, signal?: AbortSignal): AsyncGenerator<R> {
  for (const text of [false, true]) {
    const response = await fetch(gateway.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headersOf(gateway) },
      body: JSON.stringify(paramsOf(document, variables, text)),
      ...(signal ? { signal } : {}),
    });
    let first = true;
    for await (const answer of answersOf<R>(response)) {
      if (first && !text && answer.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) break;
      first = false;
      yield dataOf(answer, response.status);
    }
    if (!first) return;
  }
}

/** The answers of an event stream (`data:` lines of each event), or the one JSON answer of a refusal. */
async function* answersOf<R>(response: Response): AsyncGenerator<Answer<R>> {
  if (!response.headers.get('content-type')?.includes('text/event-stream') || !response.body) {
    yield (await response.json()) as Answer<R>;
    return;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
        if (data && !lines.some((line) => line === 'event: complete')) yield JSON.parse(data) as Answer<R>;
      }
    }
  } finally {
    // Left early (a refusal, or the caller stopped): the connection goes, and the subscription with it.
    await reader.cancel().catch(() => undefined);
  }
}

/** The same with files: `files` maps a variable path (`input.file`) to the file to put there. */
export async function upload<R, V>(gateway: Gateway, document: TypedDocumentNode<R, V>, variables: V, files: Record<string, File>): Promise<R> {
  return send<R>((text) => {
    const form = new FormData();
    form.append('operations', JSON.stringify(paramsOf(document, variables, text)));
    const entries = Object.entries(files);
    form.append('map', JSON.stringify(Object.fromEntries(entries.map(([path], i) => [String(i), [`variables.${path}`]]))));
    entries.forEach(([, file], i) => form.append(String(i), file));
    // A multipart POST is a form a browser could send from any site: this header says it is not one.
    return fetch(gateway.endpoint, { method: 'POST', headers: { 'x-graphql-yoga-csrf': '1', ...headersOf(gateway) }, body: form });
  });
}

/** Polls a bulk operation until it is no longer RUNNING (the subscription streams the same). */
export async function settle<T extends { status: string }>(poll: () => Promise<T | null>, everyMs = 200): Promise<T> {
  for (;;) {
    const operation = await poll();
    if (!operation) throw new Error('bulk operation not found');
    if (operation.status !== 'RUNNING') return operation;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** True when this module is the script `npx tsx <file>` runs. */
export function isMain(url: string): boolean {
  return url === `file://${process.argv[1]}`;
}

/** A minimal one-page PDF, so the recipes run with no file of yours. */
export function samplePdf(name: string): File {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${name}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return new File([body], name, { type: 'application/pdf' });
}
