/** GET /me (no scope, API.md §1.5). */
import type { RouteSpec } from './types.js';

export const meRoutes: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/me',
    scope: null,
    handler: (ctx) => {
      const { user, info } = ctx.company;
      return {
        status: 200,
        body: {
          user: { id: user.id, first_name: user.first_name, last_name: user.last_name, email: user.email, locale: user.locale },
          company: { id: info.id, name: info.name, reg_no: info.reg_no },
          scopes: [...ctx.scopes],
        },
      };
    },
  },
];
