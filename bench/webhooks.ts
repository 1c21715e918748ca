/**
 * Webhooks received (issue 16, `npx tsx bench/webhooks.ts`; not part of `npm run bench`):
 *   1. latency: from an event in the simulator (a customer invoice's e-invoicing status) to a
 *      `customerInvoiceChanged` subscriber over SSE, through the simulator's signed POST, the
 *      route's checks, the cache drop and the record read again; changelog polling off, so
 *      only the webhook can deliver it (polling would take up to PENNYLANE_CHANGE_POLL_SECONDS);
 *   2. the route alone: verified webhooks per second (each a new id) and forged ones refused
 *      per second, beside GET /health on the same server (the floor of any request), BENCH_WEBHOOK_CONCURRENCY (default 20) requests in flight over loopback HTTP.
 * BENCH_WEBHOOK_EVENTS (default 50) sets the events of 1; BENCH_DURATION (default 5 s) the time of 2.
 */
import { SseSubscription } from '../test/support/sse.js';
import { registerGateway, servedGateway, signedHeaders, webhookBody, type ServedGateway } from '../test/support/webhooks.js';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 20);
const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1_000;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function latency(h: ServedGateway): Promise<string> {
  await registerGateway(h);
  const invoices = (h.sim.control.snapshot('customer_invoices') as { id: number; draft: boolean }[]).filter((i) => !i.draft);
  const sub = await SseSubscription.open(h.gateway, 'subscription { customerInvoiceChanged { pennylaneId customerInvoice { invoiceNumber status } } }');
  const times: number[] = [];
  try {
    for (let i = 0; i < EVENTS; i++) {
      const started = performance.now();
      h.sim.control.webhooks.eInvoicingStatusUpdated(invoices[i % invoices.length]!.id, i % 2 === 0 ? 'approved' : 'collected');
      await sub.until(i + 1);
      times.push(performance.now() - started);
    }
  } finally {
    await sub.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return `| event → SSE subscriber (${EVENTS} events, one after the other) | p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms |`;
}

/** `forged: null`: GET /health, the same server's floor for a request. */
async function rate(h: ServedGateway, secret: string, path: string, forged: boolean | null): Promise<{ perSecond: number; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  let done = 0;
  const until = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const body = webhookBody('dms_file.created', 1);
        const headers = signedHeaders(forged ? 'whsec_' + Buffer.alloc(24, 3).toString('base64') : secret, body);
        const response = forged === null ? await fetch(`${h.url}/health`) : await fetch(`${h.url}${path}`, { method: 'POST', headers, body });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        done += 1;
      }
    }),
  );
  await h.gateway.webhooks.receiver.idle();
  return { perSecond: done / ((performance.now() - started) / 1_000), statuses };
}

export async function webhooksReport(): Promise<void> {
  const h = await servedGateway({ LOG_LEVEL: 'warn' });
  try {
    const lines = ['| Measure | Result |', '|---|---|', await latency(h)];
    const hook = await registerGateway(h);
    for (const forged of [null, false, true]) {
      const { perSecond, statuses } = await rate(h, hook.secret, hook.path, forged);
      lines.push(`| ${forged === null ? 'GET /health (the floor)' : forged ? 'forged webhooks refused' : 'verified webhooks accepted'} per second (${CONCURRENCY} in flight, ${DURATION_MS / 1_000} s) | ${perSecond.toFixed(0)} (statuses ${JSON.stringify(statuses)}) |`);
    }
    console.log(lines.join('\n'));
  } finally {
    await h.close();
  }
}

if (process.argv[1]?.endsWith('webhooks.ts')) await webhooksReport();
