import { getMe, type PennylaneMe } from '../../datasources/pennylane/me.js';
import { builder } from '../builder.js';
import { endpoints } from '../shared/resource-fields.js';

type MeUser = NonNullable<PennylaneMe['user']>;
type MeCompany = PennylaneMe['company'];

const UserRef = builder.objectRef<MeUser>('User').implement({
  description: 'The Pennylane user who owns the API token.',
  fields: (t) => ({
    pennylaneId: t.string({ description: 'Pennylane id of the user.', resolve: (u) => String(u.id) }),
    firstName: t.exposeString('first_name', { description: 'First name.' }),
    lastName: t.exposeString('last_name', { description: 'Last name.' }),
    email: t.exposeString('email', { description: 'E-mail address.' }),
    locale: t.exposeString('locale', { description: 'Interface language: fr, en or de.' }),
  }),
});

export const CompanyRef = builder.objectRef<MeCompany>('Company').implement({
  description: 'The company the API token gives access to.',
  fields: (t) => ({
    pennylaneId: t.string({ description: 'Pennylane id of the company.', resolve: (c) => String(c.id) }),
    name: t.exposeString('name', { description: 'Company name.' }),
    regNo: t.string({
      nullable: true,
      description: 'Registration number (SIREN in France).',
      resolve: (c) => (c.reg_no === null ? null : String(c.reg_no)),
    }),
  }),
});

const MeRef = builder.objectRef<PennylaneMe>('Me').implement({
  description: 'Who the gateway talks to Pennylane as: the token\'s company, user and scopes.',
  fields: (t) => ({
    company: t.field({ type: CompanyRef, description: 'The company.', resolve: (me) => me.company }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The user behind the token; null for firm or app-bound tokens.',
      resolve: (me) => me.user,
    }),
    scopes: t.stringList({
      description: 'Scopes granted to the token, e.g. customer_invoices:readonly.',
      resolve: (me) => [...(me.scopes ?? [])],
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    ...endpoints('GET /me'),
    type: MeRef,
    description: 'The token\'s company, user and scopes (`GET /me`, no scope needed). Costs one call, then cached.',
    resolve: (_root, _args, ctx) => getMe(ctx.pennylane),
  }),
);
