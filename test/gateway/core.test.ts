import { describe, expect, it } from 'vitest';
import { gatewaySchema } from '../../src/schema/index.js';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Json = Record<string, unknown>;
type Page<T = Json> = { edges: { node: T }[]; pageInfo: { hasNextPage: boolean } };

const newestFirst = (rows: Json[]) => [...rows].sort((a, b) => (b.id as number) - (a.id as number));
const idOf = (ref: unknown) => (ref ? String((ref as { id: number }).id) : null);

describe('mandates, webhooks, e-invoicing registrations and files', () => {
  const h = useHarness({ env: { PENNYLANE_ALLOW_CLIENT_TOKENS: 'true', PENNYLANE_TOKEN_SOURCE: 'client-or-server' }, beforeEach: 'clearLog' });

  it('lists SEPA and GoCardless mandates and looks them up by id, one call per lookup', async () => {
    const sepa = h.sim.control.snapshot('sepa_mandates') as Json[];
    const gocardless = h.sim.control.snapshot('gocardless_mandates') as Json[];
    expect(sepa.length).toBeGreaterThan(0);
    expect(gocardless.length).toBeGreaterThan(0);
    const res = await h.gql<{ sepaMandates: Page; gocardlessMandates: Page; sepaMandate: Json; gocardlessMandate: Json }>(
      `query($s: ID!, $g: ID!) {
        sepaMandates(first: 100) { edges { node { pennylaneId reference status iban signedAt customer { pennylaneId } } } }
        gocardlessMandates(first: 100) { edges { node { pennylaneId reference status } } }
        sepaMandate(id: $s) { pennylaneId reference createdAt updatedAt }
        gocardlessMandate(id: $g) { pennylaneId status }
      }`,
      { s: String(sepa[0]!.id), g: String(gocardless[0]!.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(nodesOf(res.data!.sepaMandates)).toEqual(
      newestFirst(sepa)
        .slice(0, 100)
        .map((m) => ({
          pennylaneId: String(m.id),
          reference: m.reference ?? null,
          status: m.status,
          iban: m.iban ?? null,
          signedAt: m.signed_at ?? null,
          customer: { pennylaneId: idOf(m.customer) },
        })),
    );
    expect(nodesOf(res.data!.gocardlessMandates)).toEqual(
      newestFirst(gocardless)
        .slice(0, 100)
        .map((m) => ({ pennylaneId: String(m.id), reference: m.reference ?? null, status: m.status })),
    );
    expect(res.data!.sepaMandate).toEqual({
      pennylaneId: String(sepa[0]!.id),
      reference: sepa[0]!.reference,
      createdAt: sepa[0]!.created_at,
      updatedAt: sepa[0]!.updated_at,
    });
    expect(res.data!.gocardlessMandate).toEqual({ pennylaneId: String(gocardless[0]!.id), status: gocardless[0]!.status });
    expect(h.sim.control.count({ route: 'GET /sepa_mandates/{id}' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /gocardless_mandates/{id}' })).toBe(1);
  });

  it('answers the Pro Account lists with empty lists, not errors, for a company without a Pro Account', async () => {
    const res = await h.gql<{ proAccountMandates: Page; proAccountMandateMigrations: Page }>(
      `{ proAccountMandates(first: 10) { edges { node { pennylaneId } } pageInfo { hasNextPage } }
         proAccountMandateMigrations(first: 10) { edges { node { pennylaneId } } pageInfo { hasNextPage } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      proAccountMandates: { edges: [], pageInfo: { hasNextPage: false } },
      proAccountMandateMigrations: { edges: [], pageInfo: { hasNextPage: false } },
    });
    const calls = h.sim.control.requests();
    expect(calls.map((c) => [c.route, c.status])).toEqual(
      expect.arrayContaining([
        ['GET /pro_account/mandates', 404],
        ['GET /pro_account/mandate_migrations', 404],
      ]),
    );
    expect(calls).toHaveLength(2);
  });

  it('lists Pro Account mandates and migrations of a company that has a Pro Account', async () => {
    h.sim.control.addToken('pro-account-token', { company: 'pro-co', proAccount: true });
    const res = await h.gql<{ proAccountMandates: Page; proAccountMandateMigrations: Page }>(
      `{ proAccountMandates(first: 100) { edges { node { pennylaneId status customer { pennylaneId } createdAt } } }
         proAccountMandateMigrations(first: 100) { edges { node { pennylaneId status } } } }`,
      undefined,
      { authorization: 'Bearer pro-account-token' },
    );
    expect(res.errors).toBeUndefined();
    const mandates = newestFirst(h.sim.control.subList('/pro_account/mandates', 'pro-co') as Json[]);
    const migrations = newestFirst(h.sim.control.subList('/pro_account/mandate_migrations', 'pro-co') as Json[]);
    expect(mandates.length).toBeGreaterThan(0);
    expect(nodesOf(res.data!.proAccountMandates)).toEqual(
      mandates.map((m) => ({ pennylaneId: String(m.id), status: m.status, customer: { pennylaneId: idOf(m.customer) }, createdAt: m.created_at })),
    );
    expect(nodesOf(res.data!.proAccountMandateMigrations)).toEqual(migrations.map((m) => ({ pennylaneId: String(m.id), status: m.status })));
  });

  it('lists webhook subscriptions whole, looks one up, and never exposes a secret', async () => {
    const webhooks = h.sim.control.snapshot('webhook_subscriptions') as Json[];
    expect(webhooks.length).toBeGreaterThan(0);
    const res = await h.gql<{ webhookSubscriptions: Json[]; webhookSubscription: Json }>(
      `query($id: ID!) {
        webhookSubscriptions { pennylaneId callbackUrl events enabled createdAt }
        webhookSubscription(id: $id) { pennylaneId callbackUrl }
      }`,
      { id: String(webhooks[0]!.id) },
    );
    expect(res.errors).toBeUndefined();
    const asEnum = (event: string) => event.replace('.', '_').toUpperCase();
    expect(res.data!.webhookSubscriptions).toEqual(
      newestFirst(webhooks).map((w) => ({
        pennylaneId: String(w.id),
        callbackUrl: w.callback_url,
        events: (w.events as string[]).map(asEnum),
        enabled: w.enabled,
        createdAt: w.created_at,
      })),
    );
    expect(res.data!.webhookSubscription).toEqual({ pennylaneId: String(webhooks[0]!.id), callbackUrl: webhooks[0]!.callback_url });
    expect(h.sim.control.counters()).toEqual({ 'GET /webhook_subscriptions': 1, 'GET /webhook_subscriptions/{id}': 1 });
    const webhookType = gatewaySchema().getType('WebhookSubscription') as unknown as { getFields(): Record<string, unknown> };
    expect(Object.keys(webhookType.getFields()).filter((name) => /secret/i.test(name))).toEqual([]);
  });

  it('lists e-invoicing platform registrations and (deprecated) file attachments', async () => {
    const registrations = h.sim.control.snapshot('pa_registrations') as Json[];
    const files = h.sim.control.snapshot('file_attachments') as Json[];
    const res = await h.gql<{ paRegistrations: Json[]; fileAttachments: Page }>(
      `{ paRegistrations { pennylaneId siret status platformName }
         fileAttachments(first: 100) { edges { node { pennylaneId filename url } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.paRegistrations).toEqual(
      newestFirst(registrations).map((r) => ({
        pennylaneId: String(r.id),
        siret: r.siret,
        status: r.status,
        platformName: r.platform_name ?? null,
      })),
    );
    expect(nodesOf(res.data!.fileAttachments)).toEqual(
      newestFirst(files)
        .slice(0, 100)
        .map((f) => ({ pennylaneId: String(f.id), filename: f.filename, url: f.url })),
    );
    expect(h.sim.control.counters()).toEqual({ 'GET /pa_registrations': 1, 'GET /file_attachments': 1 });
    const query = gatewaySchema().getQueryType()!.getFields();
    expect(query.fileAttachments!.deprecationReason).toMatch(/deprecat/i);
  });
});
