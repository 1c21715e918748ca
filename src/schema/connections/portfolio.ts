import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { Connections } from '../../connections/index.js';
import { costExtension } from '../cost/cost-kinds.js';
import { builder } from '../builder.js';
import { toClientError, userInputError } from '../shared/errors.js';
import { connectionsOf, OAuthConnectionRef } from './connection.js';
import { registerPortfolio, settled, type PortfolioEntry } from './portfolio-scope.js';

/** One company's failure, beside the others' data. */
interface PortfolioProblem {
  readonly code: string;
  readonly reason: string | null;
  readonly message: string;
  readonly retryAfter: number | null;
  readonly reconnectUrl: string | null;
}

const PortfolioErrorRef = builder.objectRef<PortfolioProblem>('PortfolioError').implement({
  description: 'Why one company of a portfolio has no data (or only part of it); the other companies are not affected.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'The same codes as `errors[].extensions.code`: UNAUTHENTICATED (with reason CONNECTION_REVOKED: connect the company again), FORBIDDEN (this client may not use the connection), CONNECTION_NOT_FOUND, OAUTH_UNAVAILABLE, RATE_LIMITED, UPSTREAM_UNAVAILABLE and the others of the error table.',
    }),
    reason: t.string({
      nullable: true,
      description: 'Finer than the code, as `errors[].extensions.reason`: CONNECTION_REVOKED when Pennylane refused the connection\'s refresh token.',
      resolve: (p) => p.reason,
    }),
    message: t.exposeString('message', { description: 'What happened and what to do.' }),
    retryAfter: t.int({ nullable: true, description: 'For RATE_LIMITED: seconds before this company\'s budget allows a retry.', resolve: (p) => p.retryAfter }),
    reconnectUrl: t.string({
      nullable: true,
      description: 'For a revoked connection: where a person connects the company again.',
      resolve: (p) => p.reconnectUrl,
    }),
  }),
});

const PortfolioEntryRef = builder.objectRef<PortfolioEntry>('PortfolioEntry').implement({
  description:
    'One connected company in a portfolio: every field of Query (customerInvoices, suppliers, ledgerEntries…) asked of that company alone, with its own token and budget. Each of them is nullable: when one company fails, its fields are null, `error` says why, and the other companies answer as usual.',
  fields: (t) => ({
    connectionId: t.exposeID('connectionId', { description: 'The connection id, as asked.' }),
    connection: t.field({
      type: OAuthConnectionRef,
      nullable: true,
      description: 'The connection (its company, state and scopes) once the company answered; null when there is none or this client may not use it.',
      resolve: async (entry, _args, ctx) => {
        if (entry.record === null) return null;
        await settled(entry);
        // A failure may have changed it (a refresh that found the grant revoked): show it as it is now.
        return entry.fieldFailure === null ? entry.record : ((await connectionsOf(ctx).store.get(entry.connectionId).catch(() => null)) ?? entry.record);
      },
    }),
    error: t.field({
      type: PortfolioErrorRef,
      nullable: true,
      description:
        'Null when the company answered. Else the first failure: one that kept the company from being asked at all, or one of its top-level fields\' (each also in `errors[]` with its path).',
      resolve: async (entry) => {
        await settled(entry);
        const failure = entry.failure ?? entry.fieldFailure;
        return failure === null || failure === undefined ? null : problemOf(failure);
      },
    }),
  }),
});

builder.queryField('portfolio', (t) =>
  t.field({
    type: [PortfolioEntryRef],
    extensions: costExtension('portfolio'),
    description:
      'One query across connected companies: each entry asks its company, in parallel, with that company\'s own token and rate budget, so a slow, rate-limited or revoked company never holds the others back. Costs what its fields cost, once per company.',
    args: {
      connectionIds: t.arg.idList({
        required: false,
        description: 'The connections to ask, in this order (duplicates once). Default: every connection this client may use.',
      }),
    },
    resolve: async (_root, args, ctx, info) => {
      const connections = connectionsOf(ctx);
      const max = connections.options.config.portfolioMaxConnections;
      const ids = args.connectionIds ? [...new Set(args.connectionIds.map(String))] : (await connections.list(ctx.principal)).map((record) => record.id);
      if (ids.length > max) {
        throw userInputError(
          `A portfolio spans at most ${max} connections (PENNYLANE_PORTFOLIO_MAX_CONNECTIONS); this one would span ${ids.length}. Pass connectionIds in smaller groups.`,
        );
      }
      const entries = await Promise.all(ids.map((id) => openEntry(connections, ctx, id)));
      registerPortfolio(ctx, info.path, entries);
      return entries;
    },
  }),
);

/** The company's context, its token loaded (and renewed when about to expire): or why it cannot be asked. */
async function openEntry(connections: Connections, ctx: GatewayContext, connectionId: string): Promise<PortfolioEntry> {
  const entry = (fields: Pick<PortfolioEntry, 'record' | 'context' | 'failure'>): PortfolioEntry => ({ connectionId, ...fields, fieldFailure: null, pending: [] });
  try {
    const record = await connections.resolve(connectionId, ctx.principal);
    const tenant = connections.tenantFor(record);
    await tenant.ready();
    return entry({ record, context: ctx.forTenant(tenant), failure: null });
  } catch (error) {
    const forbidden = error instanceof GraphQLError && error.extensions.code === 'FORBIDDEN';
    // Shown as it is now (a refresh may just have found it revoked); never to a client that may not see it.
    const record = forbidden ? null : await connections.store.get(connectionId).catch(() => null);
    return entry({ record, context: null, failure: error });
  }
}

function problemOf(failure: unknown): PortfolioProblem {
  const known = failure instanceof GraphQLError && typeof failure.extensions.code === 'string' ? failure : toClientError(failure);
  if (!known) return { code: 'INTERNAL_SERVER_ERROR', reason: null, message: 'The gateway failed on this company; its log line has the cause.', retryAfter: null, reconnectUrl: null };
  const { code, reason, retryAfter, reconnectUrl } = known.extensions;
  return {
    code: String(code),
    reason: typeof reason === 'string' ? reason : null,
    message: known.message,
    retryAfter: typeof retryAfter === 'number' ? retryAfter : null,
    reconnectUrl: typeof reconnectUrl === 'string' ? reconnectUrl : null,
  };
}
