import type { GatewayContext } from '../../context.js';
import type { ConnectionRecord, Connections } from '../../connections/index.js';
import { oauthNotConfigured } from '../../connections/connection-errors.js';
import { builder } from '../builder.js';
import { CompanyRef } from '../core/me.js';

/** The connections of this gateway, or a clear error when it has no OAuth app. */
export function connectionsOf(ctx: GatewayContext): Connections {
  // The gateway's own records, which no invalidation event follows: never a cached answer.
  ctx.reads.uncacheable('OAuth connections');
  if (!ctx.connections) throw oauthNotConfigured();
  return ctx.connections;
}

export const ConnectionStateEnum = builder.enumType('OAuthConnectionState', {
  description: 'Whether Pennylane still accepts a connection.',
  values: {
    ACTIVE: { value: 'ACTIVE', description: 'Its tokens work (they are renewed as they expire).' },
    REVOKED: { value: 'REVOKED', description: 'Pennylane refused its refresh token: the grant was revoked or has expired. Connect the company again.' },
  },
});

export const OAuthConnectionRef = builder.objectRef<ConnectionRecord>('OAuthConnection').implement({
  description:
    'A company a user connected through OAuth: one grant, one token pair (kept encrypted by the gateway, never shown), one rate budget. Address it with the header `x-pennylane-connection: <id>`, or across companies with `portfolio`.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The connection id, for `x-pennylane-connection`, API key grants (`connections=`) and JWT claims (`pennylane_connections`).' }),
    state: t.field({ type: ConnectionStateEnum, description: 'Whether Pennylane still accepts it.', resolve: (c) => c.state }),
    company: t.field({
      type: CompanyRef,
      description: 'The company the user chose on Pennylane\'s consent page (as `GET /me` gave it when connected).',
      resolve: (c) => ({ id: Number(c.companyId), name: c.companyName, reg_no: null }),
    }),
    scopes: t.stringList({ description: 'Scopes Pennylane granted.', resolve: (c) => [...c.scopes] }),
    createdAt: t.field({ type: 'DateTime', description: 'When the company was first connected.', resolve: (c) => c.createdAt }),
    lastRefreshedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When its tokens were last renewed (a refresh, or a new consent); null before the first.',
      resolve: (c) => c.lastRefreshedAt,
    }),
    accessTokenExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the current access token expires, when Pennylane said; the gateway renews it shortly before.',
      resolve: (c) => (c.accessExpiresAt === null ? null : new Date(c.accessExpiresAt).toISOString()),
    }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the gateway found it revoked.', resolve: (c) => c.revokedAt }),
    createdBy: t.exposeString('createdBy', { description: 'The client of the gateway that started the connection (`anonymous` without client authentication).' }),
  }),
});

builder.queryFields((t) => ({
  connections: t.field({
    type: [OAuthConnectionRef],
    description: 'The companies connected through OAuth that this client may use, oldest first. Costs no Pennylane call.',
    args: { state: t.arg({ type: ConnectionStateEnum, required: false, description: 'Only connections in this state.' }) },
    resolve: async (_root, args, ctx) => {
      const records = await connectionsOf(ctx).list(ctx.principal);
      return args.state ? records.filter((record) => record.state === args.state) : records;
    },
  }),
  connection: t.field({
    type: OAuthConnectionRef,
    nullable: true,
    description: 'A connection by id; null if there is none. FORBIDDEN when this client may not use it. Costs no Pennylane call.',
    args: { id: t.arg.id({ required: true, description: 'The connection id (`cn_…`).' }) },
    resolve: (_root, args, ctx) => connectionsOf(ctx).get(String(args.id), ctx.principal),
  }),
  connectUrl: t.string({
    description:
      'The address a person opens in a browser to connect one more company: Pennylane\'s consent page, then back to this gateway. When the gateway authenticates its clients the address carries a ticket that lasts a few minutes.',
    args: {
      scopes: t.arg.stringList({
        required: false,
        description: 'Pennylane scopes to ask for, e.g. ["customer_invoices:readonly"]; default: the gateway\'s PENNYLANE_OAUTH_SCOPES.',
      }),
    },
    resolve: (_root, args, ctx) => connectionsOf(ctx).connectUrl(ctx.principal, args.scopes ?? null),
  }),
}));

const DisconnectPayloadRef = builder
  .objectRef<{ record: ConnectionRecord; revokedAtPennylane: boolean }>('DisconnectConnectionPayload')
  .implement({
    description: 'A connection that is gone from this gateway.',
    fields: (t) => ({
      connection: t.field({ type: OAuthConnectionRef, description: 'The connection as it was, now REVOKED and without tokens.', resolve: (p) => p.record }),
      revokedAtPennylane: t.exposeBoolean('revokedAtPennylane', {
        description: 'True when Pennylane confirmed the revocation; false when it was already revoked, or forgotten with force.',
      }),
    }),
  });

builder.mutationField('disconnectConnection', (t) =>
  t.field({
    type: DisconnectPayloadRef,
    description:
      'Revokes the connection\'s grant at Pennylane, then deletes its tokens and the connection. If Pennylane cannot be reached nothing is deleted, unless force is true.',
    args: {
      id: t.arg.id({ required: true, description: 'The connection id (`cn_…`).' }),
      force: t.arg.boolean({ required: false, defaultValue: false, description: 'Forget the connection here even when Pennylane cannot confirm the revocation.' }),
    },
    resolve: (_root, args, ctx) => connectionsOf(ctx).disconnect(String(args.id), ctx.principal, args.force === true),
  }),
);
