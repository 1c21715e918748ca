import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { GatewayContext } from '../../context.js';
import { builder } from '../builder.js';
import { nodesOrRejections } from '../shared/ids.js';
import { CompanyCustomerRef, CustomerRef, IndividualCustomerRef } from './refs.js';

/** Both kinds live in `/customers`; a global id of the wrong kind resolves to null. */
async function loadCustomers(ids: readonly string[], ctx: GatewayContext, kind: PennylaneCustomer['customer_type']) {
  const customers = await ctx.loaders.byId<PennylaneCustomer>('customers').loadMany(ids);
  return nodesOrRejections(customers.map((customer) => (customer instanceof Error || customer?.customer_type === kind ? customer : null)));
}

builder.node(CompanyCustomerRef, {
  description: 'A customer that is a company.',
  interfaces: [CustomerRef],
  id: { resolve: (customer) => String(customer.id) },
  isTypeOf: (value) => (value as PennylaneCustomer).customer_type === 'company',
  loadManyWithoutCache: (ids, ctx) => loadCustomers(ids, ctx, 'company'),
  fields: (t) => ({
    vatNumber: t.string({ nullable: true, description: 'Intra-EU VAT number.', resolve: (c) => c.vat_number ?? null }),
    regNo: t.string({ nullable: true, description: 'Registration number (SIREN in France).', resolve: (c) => c.reg_no ?? null }),
  }),
});

builder.node(IndividualCustomerRef, {
  description: 'A customer that is a person.',
  interfaces: [CustomerRef],
  id: { resolve: (customer) => String(customer.id) },
  isTypeOf: (value) => (value as PennylaneCustomer).customer_type === 'individual',
  loadManyWithoutCache: (ids, ctx) => loadCustomers(ids, ctx, 'individual'),
  fields: (t) => ({
    firstName: t.string({ nullable: true, description: 'First name.', resolve: (c) => c.first_name ?? null }),
    lastName: t.string({ nullable: true, description: 'Last name.', resolve: (c) => c.last_name ?? null }),
  }),
});
