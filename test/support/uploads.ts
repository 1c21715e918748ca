import type { GraphQLResponse, Harness } from './harness.js';

/**
 * A GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * `files` maps variable paths (e.g. `variables.input.file`) to the files to upload there.
 */
export async function multipart<T>(
  h: Harness,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, File>,
): Promise<GraphQLResponse<T>> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  const entries = Object.entries(files);
  form.append('map', JSON.stringify(Object.fromEntries(entries.map(([path], i) => [String(i), [path]]))));
  entries.forEach(([, file], i) => form.append(String(i), file));
  // Multipart is a form a browser could post cross-site: the CSRF header says it is not one.
  const response = await h.gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1' } });
  return (await response.json()) as GraphQLResponse<T>;
}

/** A small PDF whose bytes depend on `name` (every byte value included, to catch re-encoding). */
export function pdfFile(name: string): File {
  const body = `%PDF-1.4\n% ${name} ${Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('')}\n%%EOF\n`;
  return new File([Buffer.from(body, 'latin1')], name.endsWith('.pdf') ? name : `${name}.pdf`, { type: 'application/pdf' });
}
