import { describe, expect, it } from 'vitest';
import { CHANGE_FEEDS } from '../../src/datasources/changes/change-feeds.js';
import { CHANGELOG_FEEDS } from '../../src/sandbox/routes/changelogs.js';
import { gatewaySchema } from '../../src/schema/index.js';

/** The changelogs are listed in four places (poller, queries, subscriptions, simulator): they must agree. */
describe('the changelog feeds', () => {
  const changelogOf = (field: { extensions: { pennylaneEndpoints?: unknown } }) =>
    ((field.extensions.pennylaneEndpoints as string[] | undefined) ?? []).map((e) => /^GET \/changelogs\/(\w+)$/.exec(e)?.[1]).find(Boolean);

  it('has one `…Changes` query and one `…Changed` subscription per changelog the poller reads and the simulator serves', () => {
    const schema = gatewaySchema();
    const polled = CHANGE_FEEDS.map((feed) => feed.feed).sort();
    const queried = Object.values(schema.getQueryType()!.getFields()).map(changelogOf).filter(Boolean).sort();
    const subscribed = Object.values(schema.getSubscriptionType()!.getFields()).map(changelogOf).filter(Boolean).sort();
    expect(polled).toHaveLength(10);
    expect(queried).toEqual(polled);
    expect(subscribed).toEqual(polled);
    expect(Object.keys(CHANGELOG_FEEDS).sort()).toEqual(polled);
  });
});
