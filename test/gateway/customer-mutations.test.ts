import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import { fieldErrorCodes, type MutationResult } from '../support/mutations.js';

/** Customers, their categories and their contacts, written through the gateway. */

const RESULT = `
  __typename
  ... on MutationError { message refusedBy }
  ... on ValidationError { fieldErrors { path code message } }`;

const CUSTOMER = `id pennylaneId name externalReference emails billingIban paymentConditions billingLanguage
  billingAddress { address postalCode city countryAlpha2 } deliveryAddress { city }
  ... on CompanyCustomer { vatNumber regNo } ... on IndividualCustomer { firstName lastName }`;

const CREATE_COMPANY = `mutation($input: CreateCompanyCustomerInput!, $key: String) {
  createCompanyCustomer(input: $input, idempotencyKey: $key) { ${RESULT} ... on CustomerPayload { replayed customer { ${CUSTOMER} } } }
}`;
const CREATE_INDIVIDUAL = `mutation($input: CreateIndividualCustomerInput!) {
  createIndividualCustomer(input: $input) { ${RESULT} ... on CustomerPayload { customer { ${CUSTOMER} } } }
}`;
const UPDATE_COMPANY = `mutation($id: ID!, $input: UpdateCompanyCustomerInput!) {
  updateCompanyCustomer(id: $id, input: $input) { ${RESULT} ... on CustomerPayload { customer { ${CUSTOMER} } } }
}`;
const SET_CATEGORIES = `mutation($id: ID!, $categories: [CategoryWeightInput!]!) {
  setCustomerCategories(id: $id, categories: $categories) { ${RESULT} ... on CustomerPayload { customer { pennylaneId categories { weight category { pennylaneId } } } } }
}`;

const address = { address: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', countryAlpha2: 'FR' };
const company = { name: 'Atelier Garance SARL', billingAddress: address, emails: ['compta@garance.fr'], billingIban: 'FR76 3000 6000 0112 3456 7890 189' };

describe('customer mutations', () => {
  const h = useHarness({ beforeEach: 'reset' });

  const run = async <K extends string>(query: string, field: K, variables: Record<string, unknown>) =>
    (await h.gql<Record<K, MutationResult>>(query, variables)).data![field];
  const customers = () => h.sim.control.snapshot('customers') as { id: number; name: string; customer_type: string; ledger_account: { id: number } | null }[];

  it('creates a company customer with its auxiliary account, read back without another call', async () => {
    const accounts = h.sim.control.snapshot('ledger_accounts').length;
    const created = await run(CREATE_COMPANY, 'createCompanyCustomer', { input: { ...company, paymentConditions: 'DAYS_45', billingLanguage: 'EN_GB' } });
    expect(created).toMatchObject({
      __typename: 'CustomerPayload',
      replayed: false,
      customer: { name: company.name, emails: company.emails, billingIban: 'FR7630006000011234567890189', paymentConditions: 'DAYS_45', billingLanguage: 'en_GB' },
    });
    expect(h.sim.control.count({ route: 'POST /company_customers' })).toBe(1);
    expect(h.sim.control.snapshot('ledger_accounts')).toHaveLength(accounts + 1);
    const id = (created.customer as { id: string }).id;
    h.sim.control.clearLog();
    const read = await h.gql<{ customer: { name: string; billingAddress: { city: string } } }>(`{ customer(id: "${id}") { name billingAddress { city } } }`);
    expect(read.data!.customer).toEqual({ name: company.name, billingAddress: { city: 'Lyon' } });
    expect(h.sim.control.count()).toBe(0);
  });

  it('creates an individual customer', async () => {
    const created = await run(CREATE_INDIVIDUAL, 'createIndividualCustomer', { input: { firstName: 'Léa', lastName: 'Moreau', billingAddress: address } });
    expect(created).toMatchObject({ __typename: 'CustomerPayload', customer: { name: 'Léa Moreau', firstName: 'Léa', lastName: 'Moreau' } });
    expect(customers().filter((c) => c.name === 'Léa Moreau')).toHaveLength(1);
  });

  it('refuses every bad field at once, with its path, before any call', async () => {
    const result = await run(CREATE_COMPANY, 'createCompanyCustomer', {
      input: {
        name: ' ',
        billingAddress: { ...address, countryAlpha2: 'XX' },
        deliveryAddress: { ...address, city: '', countryAlpha2: 'fr' },
        emails: ['ok@example.fr', 'not-an-email'],
        billingIban: 'FR76 3000 6000 0112 3456 7890 188',
        paymentConditions: 'OTHER',
        ledgerAccountId: Buffer.from('Customer:1').toString('base64'),
      },
    });
    expect(result).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY' });
    expect(fieldErrorCodes(result)).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.billingAddress.countryAlpha2', 'INVALID_COUNTRY'],
      ['input.deliveryAddress.city', 'REQUIRED'],
      ['input.deliveryAddress.countryAlpha2', 'INVALID_COUNTRY'],
      ['input.billingIban', 'INVALID_IBAN'],
      ['input.paymentConditions', 'INVALID'],
      ['input.emails.1', 'INVALID_EMAIL'],
      ['input.ledgerAccountId', 'INVALID_ID'],
    ]);
    expect(h.sim.control.count()).toBe(0);
  });

  it("returns Pennylane's refusals as typed errors: a duplicate reference (409), a non-411 account (422)", async () => {
    const existing = h.sim.control.snapshot('customers')[0] as { external_reference: string };
    const duplicate = await run(CREATE_COMPANY, 'createCompanyCustomer', { input: { ...company, externalReference: existing.external_reference } });
    expect(duplicate).toMatchObject({ __typename: 'ConflictError', refusedBy: 'PENNYLANE' });
    const revenue = (h.sim.control.snapshot('ledger_accounts') as { id: number; number: string }[]).find((a) => a.number === '706000')!;
    const refused = await run(CREATE_COMPANY, 'createCompanyCustomer', { input: { ...company, ledgerAccountId: String(revenue.id) } });
    expect(refused).toMatchObject({ __typename: 'ValidationError', refusedBy: 'PENNYLANE' });
    expect(customers().filter((c) => c.name === company.name)).toHaveLength(0);
  });

  it('updates a company customer; a later read sees it without a stale cache; the wrong kind is refused', async () => {
    const target = customers().find((c) => c.customer_type === 'company')!;
    await h.gql(`{ customer(id: "${target.id}") { name } }`);
    const updated = await run(UPDATE_COMPANY, 'updateCompanyCustomer', { id: String(target.id), input: { name: 'Renamed SAS', reference: null } });
    expect(updated).toMatchObject({ __typename: 'CustomerPayload', customer: { name: 'Renamed SAS' } });
    h.sim.control.clearLog();
    const read = await h.gql<{ customer: { name: string } }>(`{ customer(id: "${target.id}") { name } }`);
    expect(read.data!.customer.name).toBe('Renamed SAS');
    expect(h.sim.control.count()).toBe(0);

    const person = customers().find((c) => c.customer_type === 'individual')!;
    const wrongKind = await run(UPDATE_COMPANY, 'updateCompanyCustomer', { id: String(person.id), input: { name: 'x' } });
    expect(wrongKind).toMatchObject({ __typename: 'NotFoundError', refusedBy: 'PENNYLANE' });
    const nulls = await run(UPDATE_COMPANY, 'updateCompanyCustomer', { id: String(target.id), input: { name: null, emails: null } });
    expect(fieldErrorCodes(nulls)).toEqual([['input.name', 'NOT_NULLABLE'], ['input.emails', 'NOT_NULLABLE']]);
  });

  it('updates an individual customer: the name follows the first name', async () => {
    const person = customers().find((c) => c.customer_type === 'individual')!;
    const UPDATE_INDIVIDUAL = `mutation($id: ID!, $input: UpdateIndividualCustomerInput!) {
      updateIndividualCustomer(id: $id, input: $input) { ${RESULT} ... on CustomerPayload { customer { ${CUSTOMER} } } }
    }`;
    const result = await run(UPDATE_INDIVIDUAL, 'updateIndividualCustomer', { id: String(person.id), input: { firstName: 'Zoé', billingIban: null } });
    expect(result).toMatchObject({ __typename: 'CustomerPayload', customer: { firstName: 'Zoé', billingIban: null } });
    expect((result.customer as { name: string }).name).toMatch(/^Zoé /);
    expect(customers().find((c) => c.id === person.id)!.name).toMatch(/^Zoé /);
  });

  it('sets weighted categories, checked per group at the gateway, and reads them back fresh', async () => {
    const target = customers()[3]!;
    const [ventes, marketing, , atlas] = h.sim.control.snapshot('categories') as { id: number }[];
    const unbalanced = await run(SET_CATEGORIES, 'setCustomerCategories', {
      id: String(target.id),
      categories: [{ categoryId: String(ventes!.id), weight: '0.5' }, { categoryId: String(marketing!.id), weight: '0.4' }],
    });
    expect(unbalanced).toMatchObject({ __typename: 'ValidationError', refusedBy: 'GATEWAY', fieldErrors: [{ path: ['categories'], code: 'WEIGHTS_NOT_ONE' }] });
    expect(h.sim.control.count({ method: 'PUT' })).toBe(0);

    const bad = await run(SET_CATEGORIES, 'setCustomerCategories', { id: String(target.id), categories: [{ categoryId: 'x', weight: '1.5' }] });
    expect(fieldErrorCodes(bad)).toEqual([['categories.0.categoryId', 'INVALID_ID'], ['categories.0.weight', 'INVALID_WEIGHT']]);

    await h.gql(`{ customer(id: "${target.id}") { categories { weight } } }`);
    h.sim.control.clearLog();
    const set = await run(SET_CATEGORIES, 'setCustomerCategories', {
      id: String(target.id),
      categories: [
        { categoryId: String(ventes!.id), weight: '0.5' },
        { categoryId: String(marketing!.id), weight: '0.5' },
        { categoryId: String(atlas!.id), weight: '1' },
      ],
    });
    const weights = (set.customer as { categories: { weight: string; category: { pennylaneId: string } }[] }).categories;
    expect(weights.map((c) => [c.category.pennylaneId, Number(c.weight)]).sort()).toEqual(
      [[String(ventes!.id), 0.5], [String(marketing!.id), 0.5], [String(atlas!.id), 1]].sort(),
    );
    expect(h.sim.control.count({ route: 'PUT /customers/{id}/categories' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /customers/{id}/categories' })).toBe(1);
  });

  describe('contacts', () => {
    const CONTACT = 'pennylaneId firstName lastName email jobTitle';
    const CREATE = `mutation($input: CreateCustomerContactInput!, $key: String) {
      createCustomerContact(input: $input, idempotencyKey: $key) { ${RESULT} ... on ContactPayload { replayed contact { ${CONTACT} } } }
    }`;
    const UPDATE = `mutation($id: ID!, $input: UpdateCustomerContactInput!) {
      updateCustomerContact(id: $id, input: $input) { ${RESULT} ... on ContactPayload { contact { ${CONTACT} } } }
    }`;
    const DELETE = `mutation($customerId: ID!, $id: ID!) {
      deleteCustomerContact(customerId: $customerId, id: $id) { ${RESULT} ... on DeleteCustomerContactPayload { deletedId } }
    }`;
    const contactsOf = async (customerId: number) =>
      (await h.gql<{ customer: { contacts: { edges: { node: { pennylaneId: string; firstName: string; email: string } }[] } } }>(
        `{ customer(id: "${customerId}") { contacts(first: 50) { edges { node { pennylaneId firstName email } } } } }`,
      )).data!.customer.contacts.edges.map((e) => e.node);

    it('adds, changes and deletes a contact; each read after it is fresh', async () => {
      const customer = customers()[5]!;
      const before = await contactsOf(customer.id);
      const created = await run(CREATE, 'createCustomerContact', {
        input: { customerId: String(customer.id), firstName: 'Inès', lastName: 'Roux', email: 'ines.roux@example.fr', jobTitle: 'DAF' },
      });
      expect(created).toMatchObject({ __typename: 'ContactPayload', contact: { firstName: 'Inès', email: 'ines.roux@example.fr' } });
      const id = (created.contact as { pennylaneId: string }).pennylaneId;
      expect((await contactsOf(customer.id)).map((c) => c.pennylaneId)).toEqual([id, ...before.map((c) => c.pennylaneId)].sort().reverse());

      const updated = await run(UPDATE, 'updateCustomerContact', { id, input: { customerId: String(customer.id), jobTitle: 'CFO' } });
      expect(updated).toMatchObject({ __typename: 'ContactPayload', contact: { pennylaneId: id, jobTitle: 'CFO' } });
      h.sim.control.clearLog();
      const one = await h.gql<{ customerContact: { jobTitle: string } }>(`{ customerContact(customerId: "${customer.id}", id: "${id}") { jobTitle } }`);
      expect(one.data!.customerContact.jobTitle).toBe('CFO');
      expect(h.sim.control.count()).toBe(1);

      const deleted = await run(DELETE, 'deleteCustomerContact', { customerId: String(customer.id), id });
      expect(deleted).toEqual({ __typename: 'DeleteCustomerContactPayload', deletedId: id });
      expect((await contactsOf(customer.id)).map((c) => c.pennylaneId)).not.toContain(id);
      const again = await run(DELETE, 'deleteCustomerContact', { customerId: String(customer.id), id });
      expect(again).toMatchObject({ __typename: 'NotFoundError', refusedBy: 'PENNYLANE' });
    });

    it('refuses a contact without a name or e-mail, or with a bad e-mail, before any call', async () => {
      const customer = customers()[5]!;
      const empty = await run(CREATE, 'createCustomerContact', { input: { customerId: String(customer.id), phone: '0600000000' } });
      expect(fieldErrorCodes(empty)).toEqual([['input', 'REQUIRED']]);
      const bad = await run(CREATE, 'createCustomerContact', { input: { customerId: 'nope', email: 'ines@', firstName: null } });
      expect(fieldErrorCodes(bad)).toEqual([['input.customerId', 'INVALID_ID'], ['input.firstName', 'NOT_NULLABLE'], ['input.email', 'INVALID_EMAIL']]);
      expect(h.sim.control.count()).toBe(0);
    });

    it('resolves a reset after Pennylane created the contact by finding it: exactly one contact', async () => {
      const customer = customers()[6]!;
      h.sim.control.injectFault({ match: { route: 'POST /customers/{id}/contacts' }, reset: 'after' });
      const created = await run(CREATE, 'createCustomerContact', { input: { customerId: String(customer.id), firstName: 'Yann', email: 'yann@example.fr' }, key: 'contact-1' });
      expect(created).toMatchObject({ __typename: 'ContactPayload', contact: { firstName: 'Yann' } });
      expect(h.sim.control.count({ route: 'POST /customers/{id}/contacts' })).toBe(1);
      expect((await contactsOf(customer.id)).filter((c) => c.firstName === 'Yann')).toHaveLength(1);
    });
  });
});
