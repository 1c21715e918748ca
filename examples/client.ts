/**
 * The few lines every recipe shares: send a typed document to the gateway (optionally with a
 * client's own Pennylane token), or a multipart upload (GraphQL multipart request spec).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface Gateway {
  /** e.g. http://127.0.0.1:4000/graphql */
  readonly endpoint: string;
  /** A Pennylane token of this client's company (needs PENNYLANE_ALLOW_CLIENT_TOKENS=true). */
  readonly token?: string;
}

async function answer<R>(response: Response): Promise<R> {
  const { data, errors } = (await response.json()) as { data?: R; errors?: { message: string }[] };
  if (errors?.length || !data) throw new Error(errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return data;
}

export async function request<R, V>(gateway: Gateway, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const response = await fetch(gateway.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return answer<R>(response);
}

/** The same with files: `files` maps a variable path (`input.file`) to the file to put there. */
export async function upload<R, V>(gateway: Gateway, document: TypedDocumentNode<R, V>, variables: V, files: Record<string, File>): Promise<R> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: print(document), variables }));
  const entries = Object.entries(files);
  form.append('map', JSON.stringify(Object.fromEntries(entries.map(([path], i) => [String(i), [`variables.${path}`]]))));
  entries.forEach(([, file], i) => form.append(String(i), file));
  const response = await fetch(gateway.endpoint, {
    method: 'POST',
    headers: gateway.token ? { authorization: `Bearer ${gateway.token}` } : {},
    body: form,
  });
  return answer<R>(response);
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
