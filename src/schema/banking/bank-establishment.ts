import type { PennylaneBankEstablishment } from '../../datasources/pennylane/banking.js';
import { builder } from '../builder.js';
import { ALL_OPERATORS, defineListFilter } from '../shared/filters.js';
import { nodesOrRejections } from '../shared/ids.js';
import { addLookupField, endpoints, pennylaneIdField, timestampFields } from '../shared/resource-fields.js';
import { defineListSort } from '../shared/sorts.js';
import { addRootListField, type ResourceList } from '../shared/list-fields.js';
import { BankAccountRef, BankEstablishmentRef } from './refs.js';

/** Bank establishments: id-filtered, so lookups and edges are batched into `id in` calls. */

builder.node(BankEstablishmentRef, {
  description: 'A bank (establishment) the company holds accounts at.',
  id: { resolve: (establishment) => String(establishment.id) },
  loadManyWithoutCache: async (ids, ctx) =>
    nodesOrRejections(await ctx.loaders.byId<PennylaneBankEstablishment>('bank_establishments').loadMany(ids)),
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    name: t.exposeString('name', { description: 'Name of the bank.' }),
    ...timestampFields(t),
  }),
});

const bankEstablishmentFilter = defineListFilter('BankEstablishment', 'bank_establishments', {
  id: { field: 'id', kind: 'id', of: ['BankEstablishment'], operators: ALL_OPERATORS, description: 'The establishment\'s id.' },
});

const bankEstablishmentSort = defineListSort('BankEstablishment', 'bank establishments', ['id']);

export const BankEstablishmentConnection = builder.connectionObject(
  { type: BankEstablishmentRef, name: 'BankEstablishmentConnection', description: 'A page of bank establishments.' },
  { name: 'BankEstablishmentEdge', description: 'One of a page of bank establishments.' },
);

addLookupField('bankEstablishment', {
  type: BankEstablishmentRef,
  typenames: ['BankEstablishment'],
  resource: 'bank_establishments',
  description: 'A bank establishment by id.',
  endpoints: ['GET /bank_establishments'],
});

/** The bank establishment list, from which every connection over it is made. */
export const bankEstablishmentList: ResourceList<PennylaneBankEstablishment> = {
  type: BankEstablishmentRef,
  connection: BankEstablishmentConnection,
  filter: bankEstablishmentFilter,
  sort: bankEstablishmentSort,
  path: '/bank_establishments',
  resource: 'bank_establishments',
};

addRootListField(
  bankEstablishmentList,
  'bankEstablishments',
  'Bank establishments, newest first by default (`GET /bank_establishments`): one call per page.',
);

builder.objectField(BankAccountRef, 'bankEstablishment', (t) =>
  t.field({
    type: BankEstablishmentRef,
    nullable: true,
    ...endpoints('GET /bank_establishments'),
    description: 'The bank holding this account. Batched: establishments of many accounts cost one `id in` call per 100.',
    resolve: (account, _args, ctx) =>
      account.bank_establishment
        ? ctx.loaders.byId<PennylaneBankEstablishment>('bank_establishments').load(String(account.bank_establishment.id))
        : null,
  }),
);
