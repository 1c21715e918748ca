import type { GatewayContext } from '../../context.js';
import type { LiveChange } from '../../live/change-hub.js';
import { builder } from '../builder.js';
import { PENNYLANE_ID_DESCRIPTION } from '../shared/resource-fields.js';
import { eventsOfBatches, liveClientOf } from '../live/live-events.js';

/**
 * `dms_file.created` (API.md §4.8) has no changelog and no API route reads the DMS: the only
 * news of a new DMS file is Pennylane's webhook, which the gateway publishes to the change hub
 * as a `dms_files` INSERT (src/webhooks). This subscription delivers those.
 */
const DmsFileCreatedRef = builder.objectRef<LiveChange>('DmsFileCreated').implement({
  description: "A file added to the company's document management system (DMS), as a Pennylane webhook told the gateway.",
  fields: (t) => ({
    pennylaneId: t.string({ description: `Id of the DMS file. ${PENNYLANE_ID_DESCRIPTION}`, resolve: (change) => change.pennylaneId }),
    cursor: t.string({ description: 'This event\'s position: subscribe again with `after:` set to the last cursor received to get every event since, once.', resolve: (change) => change.cursor }),
  }),
});

builder.subscriptionField('dmsFileCreated', (t) =>
  t.field({
    type: DmsFileCreatedRef,
    description:
      'Every file added to the DMS from now on (or after `after`), as Pennylane\'s `dms_file.created` webhooks reach the gateway (register them with `createWebhookSubscription`); nothing is polled and no call is made.',
    args: {
      after: t.arg.string({
        required: false,
        description: 'Resume after this event cursor (from an earlier event). Refused with CURSOR_EXPIRED when older than the events kept, CURSOR_UNKNOWN when not one of ours.',
      }),
    },
    subscribe: async (_root, args, ctx: GatewayContext) => {
      const batches = await ctx.live.open(ctx.tenant, liveClientOf(ctx), 'dms_files', args.after ?? undefined, { poll: false });
      return eventsOfBatches(batches, (batch) => batch);
    },
    resolve: (change) => change,
  }),
);
