import type { PennylaneCustomer } from '../../datasources/pennylane/customers.js';
import type { PennylaneContact } from '../../datasources/pennylane/sales-documents.js';
import { UpstreamHttpError } from '../../datasources/http/upstream-errors.js';
import { builder } from '../builder.js';
import { parseEntityId } from '../shared/ids.js';
import { endpoints, pennylaneIdField, subCollectionResolver, timestampFields } from '../shared/resource-fields.js';
import { ContactRef, CUSTOMER_TYPENAMES, CustomerRef } from './refs.js';

ContactRef.implement({
  description: 'A person to contact at a customer.',
  fields: (t) => ({
    pennylaneId: pennylaneIdField(t),
    firstName: t.exposeString('first_name', { nullable: true, description: 'First name.' }),
    lastName: t.exposeString('last_name', { nullable: true, description: 'Last name.' }),
    email: t.exposeString('email', { nullable: true, description: 'E-mail address.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone number.' }),
    jobTitle: t.exposeString('job_title', { nullable: true, description: 'Job title.' }),
    ...timestampFields(t),
  }),
});

export const ContactConnection = builder.connectionObject(
  { type: ContactRef, name: 'ContactConnection', description: 'A page of contacts.' },
  { name: 'ContactEdge', description: 'One of a page of contacts.' },
);

builder.interfaceField(CustomerRef, 'contacts', (t) =>
  t.connection(
    {
      type: ContactRef,
      ...endpoints('GET /customers/{id}/contacts'),
      description: "This customer's contacts. Pennylane has no filter across customers: one call per customer (and page).",
      resolve: subCollectionResolver<PennylaneCustomer, PennylaneContact>({
        path: (customer) => `/customers/${customer.id}/contacts`,
        resource: 'contacts',
      }),
    },
    ContactConnection,
  ),
);

builder.queryField('customerContact', (t) =>
  t.field({
    ...endpoints('GET /customers/{id}/contacts/{contact_id}'),
    type: ContactRef,
    nullable: true,
    description: 'One contact of a customer (`GET /customers/{id}/contacts/{contact_id}`): one call. Null if there is none.',
    args: {
      customerId: t.arg.id({ required: true, description: 'The customer: global id or Pennylane id.' }),
      id: t.arg.id({ required: true, description: 'Pennylane id of the contact.' }),
    },
    resolve: async (_root, args, ctx) => {
      const customerId = parseEntityId(String(args.customerId), CUSTOMER_TYPENAMES, 'customerId');
      const id = parseEntityId(String(args.id), [], 'id');
      try {
        return await ctx.pennylane.get<PennylaneContact>(`/customers/${customerId}/contacts/${id}`, {}, { resource: 'contacts' });
      } catch (error) {
        if (error instanceof UpstreamHttpError && error.status === 404) return null;
        throw error;
      }
    },
  }),
);
