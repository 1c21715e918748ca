import type { PennylanePaRegistration } from '../../datasources/pennylane/core.js';
import { builder } from '../builder.js';
import { endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';

const PaRegistrationRef = builder.objectRef<PennylanePaRegistration>('PaRegistration').implement({
  description: 'A registration of the company (or one of its establishments) with an e-invoicing platform (PA).',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    siret: t.exposeString('siret', { nullable: true, description: 'SIRET of the registered establishment; null for the head office.' }),
    status: t.exposeString('status', { description: 'Registration status, as Pennylane reports it.' }),
    platformName: t.exposeString('platform_name', { nullable: true, description: 'Name of the e-invoicing platform.' }),
    ...timestampFields(t),
  }),
});

builder.queryField('paRegistrations', (t) =>
  t.field({
    ...endpoints('GET /pa_registrations'),
    type: [PaRegistrationRef],
    description: 'E-invoicing platform registrations (`GET /pa_registrations`). A small list read whole once, then cached.',
    resolve: async (_root, _args, ctx) => [...(await ctx.loaders.wholeList<PennylanePaRegistration>('pa_registrations'))],
  }),
);
