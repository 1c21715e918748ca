/**
 * How the example scripts talk to the gateway: a generated document goes out by its hash
 * (`extensions.persistedQuery`, the trusted-documents manifest `npm run codegen` writes in
 * examples/gql/persisted-documents.json); a gateway that does not know the hash answers
 * PERSISTED_QUERY_NOT_FOUND, and the document's text is sent instead. A gateway that runs
 * trusted documents only refuses that text, so deploy the manifest with it.
 *
 * Environment: PENNYLANE_GRAPHQL_API_KEY (sent as x-api-key) when the gateway requires API keys.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print } from 'graphql';

export interface GraphQLErrorShape {
  readonly message: string;
  readonly extensions?: { readonly code?: string } & Record<string, unknown>;
}

export class GatewayError extends Error {
  constructor(readonly errors: readonly GraphQLErrorShape[]) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
    this.name = 'GatewayError';
  }
}

export async function execute<Result, Variables>(
  endpoint: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  headers: Record<string, string> = defaultHeaders(),
): Promise<Result> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  const operationName = getOperationAST(document)?.name?.value;
  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ operationName, variables, ...body }),
    });
    return (await response.json()) as { data?: Result | null; errors?: GraphQLErrorShape[] };
  };
  let answer = hash ? await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }) : await post({ query: print(document) });
  if (hash && answer.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    answer = await post({ query: print(document) });
  }
  if (answer.errors?.length || !answer.data) throw new GatewayError(answer.errors ?? [{ message: 'no data' }]);
  return answer.data;
}

function defaultHeaders(): Record<string, string> {
  const key = process.env['PENNYLANE_GRAPHQL_API_KEY'];
  return key ? { 'x-api-key': key } : {};
}
