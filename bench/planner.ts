/**
 * Planning time of hostile document shapes: how long the cost planner takes (estimateCost
 * alone, median of warm runs) and how long the gateway takes to answer the estimate through
 * the front door (`x-pennylane-cost: estimate`: parse, validation and planning, no upstream
 * call). Before issue 10 the planner walked every fragment spread afresh: exponential.
 */
import { parse } from 'graphql';
import { parseRateLimits } from '../src/datasources/scheduler/rate-limits.js';
import { startSimulator } from '../src/sandbox/simulator.js';
import { estimateCost } from '../src/schema/cost/estimate.js';
import { gatewaySchema } from '../src/schema/index.js';
import { gatewayOver } from '../test/support/harness.js';

interface Shape {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

/** Each fragment selects the next one under two different fields: the executed tree doubles at every level. */
export function fanOut(levels: number): string {
  let doc = 'query FanOut { customers(first: 2) { edges { node { ...F1 } } } }\n';
  for (let k = 1; k <= levels; k += 1) {
    const next = k < levels ? `...F${k + 1}` : 'name';
    doc += `fragment F${k} on Customer { invoices(first: 2) { edges { node { customer { ${next} } } } } quotes(first: 2) { edges { node { customer { ${next} } } } } }\n`;
  }
  return doc;
}

/** Each fragment spreads the next one twice through two aliases of the same field. */
function aliasFanOut(levels: number): string {
  let doc = 'query AliasFanOut { customers(first: 2) { edges { node { ...A1 } } } }\n';
  for (let k = 1; k <= levels; k += 1) {
    const next = k < levels ? `...A${k + 1}` : 'name';
    doc += `fragment A${k} on Customer { a: invoices(first: 2) { edges { node { customer { ${next} } } } } b: invoices(first: 2) { edges { node { customer { ${next} } } } } }\n`;
  }
  return doc;
}

const globalId = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

const SHAPES: readonly Shape[] = [
  { name: 'fragment fan-out, 24 levels', query: fanOut(24) },
  { name: 'alias fan-out, 24 levels', query: aliasFanOut(24) },
  { name: 'fragment fan-out, 200 levels', query: fanOut(200) },
  { name: 'fragment fan-out, 2,000 levels', query: fanOut(2_000) },
  {
    name: '2,000 aliased lookups',
    query: `{ ${Array.from({ length: 2_000 }, (_, n) => `c${n}: customer(id: "${1_000_000 + n}") { name invoices(first: 5) { edges { node { invoiceNumber } } } }`).join(' ')} }`,
  },
  {
    name: 'nodes(ids:), 1,000 ids of 2 types',
    query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on CustomerInvoice { customer { name } } ... on CommercialDocument { label } } }',
    variables: { ids: Array.from({ length: 1_000 }, (_, n) => globalId(n % 2 ? 'CustomerInvoice' : 'CommercialDocument', 1_000_000 + n)) },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function plannerReport(): Promise<void> {
  const schema = gatewaySchema();
  const limits = parseRateLimits('token=25/5s', { marginMs: 150 });
  const sim = await startSimulator({ rateLimit: false });
  const gateway = gatewayOver(sim);
  console.log('\n### (f) Planning time of hostile shapes (cost planner alone, and the estimate through the front door)\n');
  console.log('| Shape | Document (KiB) | Planner, median of 9 warm runs (ms) | Front door, `x-pennylane-cost: estimate` (ms) | Estimated calls | Answer |');
  console.log('|---|---:|---:|---:|---:|---|');
  try {
    for (const shape of SHAPES) {
      const document = parse(shape.query);
      const times: number[] = [];
      let calls = 0;
      for (let run = 0; run < 10; run += 1) {
        const started = performance.now();
        calls = estimateCost(schema, document, shape.variables, null, limits).calls;
        if (run > 0) times.push(performance.now() - started);
      }
      const started = performance.now();
      const response = await gateway.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pennylane-cost': 'estimate' },
        body: JSON.stringify({ query: shape.query, variables: shape.variables }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      const frontDoor = performance.now() - started;
      const answer = body.errors ? String(body.errors[0]?.extensions?.code ?? 'error') : 'estimate';
      const shown = calls >= Number.MAX_SAFE_INTEGER ? '≥ 2^53' : calls.toLocaleString('en');
      console.log(`| ${shape.name} | ${(shape.query.length / 1024).toFixed(1)} | ${median(times).toFixed(2)} | ${frontDoor.toFixed(0)} | ${shown} | ${answer} |`);
    }
  } finally {
    await gateway.close();
    await sim.close();
  }
}

if (process.argv[1]?.endsWith('planner.ts')) await plannerReport();
