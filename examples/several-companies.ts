/**
 * Recipe (e): serve several companies from one gateway. Each client sends its own company's
 * Pennylane token (`Authorization: Bearer …`; the gateway needs PENNYLANE_ALLOW_CLIENT_TOKENS=true):
 * each token is its own tenant, with its own rate budget and cache. Against the embedded
 * simulator, more companies are made with `POST /__sandbox/tokens` (its URL is in `npm start`'s
 * log as `sandboxControl`). Run:
 *   PENNYLANE_ALLOW_CLIENT_TOKENS=true npm start
 *   npx tsx examples/several-companies.ts <sandboxControl URL> [endpoint]
 */
import { graphql } from './gql/index.js';
import { isMain, request, type Gateway } from './client.js';

const Company = graphql(`
  query RecipeCompany {
    me { company { name } }
    customers(first: 3) { edges { node { name } } }
  }
`);

/** A new simulated company and its token (simulator only: real tokens come from Pennylane). */
export async function addSimulatedCompany(sandboxControl: string, company: string, seed: number): Promise<string> {
  const token = `${company}-token`;
  const response = await fetch(new URL('tokens', sandboxControl.endsWith('/') ? sandboxControl : `${sandboxControl}/`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, company, seed }),
  });
  if (!response.ok) throw new Error(`POST /__sandbox/tokens: ${response.status} ${await response.text()}`);
  return token;
}

export async function run(endpoint: string, tokens: readonly string[]): Promise<{ token: string; company: string; customers: string[] }[]> {
  return Promise.all(
    tokens.map(async (token) => {
      const gateway: Gateway = { endpoint, token };
      const data = await request(gateway, Company, {});
      return { token, company: data.me.company.name, customers: data.customers.edges.map((edge) => edge.node.name) };
    }),
  );
}

if (isMain(import.meta.url)) {
  const control = process.argv[2];
  if (!control) throw new Error('usage: npx tsx examples/several-companies.ts <sandboxControl URL from the npm start log> [endpoint]');
  const endpoint = process.argv[3] ?? 'http://127.0.0.1:4000/graphql';
  const tokens = [await addSimulatedCompany(control, 'bakery', 7), await addSimulatedCompany(control, 'garage', 8)];
  for (const company of await run(endpoint, tokens)) console.log(`${company.token}: ${company.company} (${company.customers.join(', ')})`);
}
