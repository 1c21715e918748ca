import { describe, expect, it } from 'vitest';
import { nodesOf } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

type Ref = { id: number };
interface Category {
  id: number;
  label: string;
  direction: string | null;
  category_group: Ref;
  analytical_code: string | null;
}
interface Attached extends Category {
  weight: string;
}

const byIdDesc = (a: { id: number }, b: { id: number }) => b.id - a.id;

describe('analytics', () => {
  const h = useHarness({ beforeEach: 'clearLog' });

  it('returns categories and their groups as the simulator holds them', async () => {
    const categories = h.sim.control.snapshot('categories') as Category[];
    const groups = h.sim.control.snapshot('category_groups') as { id: number; label: string }[];
    const category = categories.find((c) => c.direction)!;
    const res = await h.gql<{ category: unknown; categories: { edges: { node: { pennylaneId: string; group: { label: string } } }[] } }>(
      `query($id: ID!) {
        category(id: $id) { pennylaneId label direction analyticalCode group { pennylaneId label } }
        categories(first: 50) { edges { node { pennylaneId group { label } } } }
      }`,
      { id: String(category.id) },
    );
    expect(res.errors).toBeUndefined();
    const group = groups.find((g) => g.id === category.category_group.id)!;
    expect(res.data!.category).toEqual({
      pennylaneId: String(category.id),
      label: category.label,
      direction: category.direction!.toUpperCase(),
      analyticalCode: category.analytical_code,
      group: { pennylaneId: String(group.id), label: group.label },
    });
    const listed = nodesOf(res.data!.categories);
    expect(listed.map((c) => c.pennylaneId)).toEqual([...categories].sort(byIdDesc).map((c) => String(c.id)));
    for (const node of listed) {
      const own = categories.find((c) => String(c.id) === node.pennylaneId)!;
      expect(node.group.label).toBe(groups.find((g) => g.id === own.category_group.id)!.label);
    }
    expect(h.sim.control.counters()).toEqual({ 'GET /categories': 2, 'GET /category_groups': 1 });
  });

  it('sends category filters as Pennylane expects them', async () => {
    const groups = h.sim.control.snapshot('category_groups') as { id: number; label: string }[];
    const res = await h.gql<{ categories: { edges: { node: { label: string } }[] } }>(
      `query($g: ID!) { categories(filter: { categoryGroupId: { in: [$g] }, label: { startWith: "Projet" }, analyticalCode: { notIn: ["PRJ-ATL"] } }) {
        edges { node { label } } } }`,
      { g: String(groups.find((g) => g.label === 'Projet')!.id) },
    );
    expect(res.errors).toBeUndefined();
    const [call] = h.sim.control.requests({ route: 'GET /categories' });
    expect(call!.filter).toEqual(
      expect.arrayContaining([
        { field: 'category_group_id', operator: 'in', value: [groups.find((g) => g.label === 'Projet')!.id] },
        { field: 'label', operator: 'start_with', value: 'Projet' },
        { field: 'analytical_code', operator: 'not_in', value: ['PRJ-ATL'] },
      ]),
    );
    // A null analytical code is not in the excluded list.
    expect(nodesOf(res.data!.categories).map((c) => c.label).sort()).toEqual(['Projet Boréal', 'Projet Cèdre', 'Projet Delta']);
  });

  it("answers every group's categories in 2 calls", async () => {
    const res = await h.gql<{ categoryGroups: { edges: { node: { pennylaneId: string; categories: { edges: { node: { pennylaneId: string } }[] } } }[] } }>(
      `{ categoryGroups { edges { node { pennylaneId label categories(first: 10) { edges { node { pennylaneId label } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(h.sim.control.counters()).toEqual({ 'GET /category_groups': 1, 'GET /categories': 1 });
    for (const { node } of res.data!.categoryGroups.edges) {
      const expected = (h.sim.control.subList(`/category_groups/${node.pennylaneId}/categories`) as Category[]).sort(byIdDesc);
      expect(nodesOf(node.categories).map((c) => c.pennylaneId)).toEqual(expected.map((c) => String(c.id)));
    }
  });

  it("lists a category's invoices through the category_id filter", async () => {
    const category = (h.sim.control.snapshot('categories') as Category[])[0]!;
    const res = await h.gql<{ category: { customerInvoices: { edges: { node: { pennylaneId: string } }[] }; supplierInvoices: { edges: { node: { pennylaneId: string } }[] } } }>(
      `query($id: ID!) { category(id: $id) {
        customerInvoices(first: 5) { edges { node { pennylaneId } } }
        supplierInvoices(first: 5, sort: DATE_DESC) { edges { node { pennylaneId } } } } }`,
      { id: String(category.id) },
    );
    expect(res.errors).toBeUndefined();
    const scope = [{ field: 'category_id', operator: 'in', value: [category.id] }];
    expect(h.sim.control.requests({ route: 'GET /customer_invoices' })[0]!.filter).toEqual(scope);
    const supplierCall = h.sim.control.requests({ route: 'GET /supplier_invoices' })[0]!;
    expect(supplierCall.filter).toEqual(scope);
    expect(supplierCall.query.sort).toBe('-date');
    const invoices = nodesOf(res.data!.category.customerInvoices);
    expect(invoices.length).toBeGreaterThan(0);
    for (const invoice of invoices) {
      const attached = h.sim.control.subList(`/customer_invoices/${invoice.pennylaneId}/categories`) as Attached[];
      expect(attached.map((c) => c.id)).toContain(category.id);
    }
  });

  it('returns the weighted categories of invoices, customers, suppliers and entry lines: one call per record', async () => {
    const pick = (resource: string, path: (id: number) => string) =>
      (h.sim.control.snapshot(resource) as { id: number }[]).find((r) => h.sim.control.subList(path(r.id)).length > 1)!;
    const invoice = pick('customer_invoices', (id) => `/customer_invoices/${id}/categories`);
    const supplierInvoice = pick('supplier_invoices', (id) => `/supplier_invoices/${id}/categories`);
    const customer = pick('customers', (id) => `/customers/${id}/categories`);
    const supplier = pick('suppliers', (id) => `/suppliers/${id}/categories`);
    const line = pick('ledger_entry_lines', (id) => `/ledger_entry_lines/${id}/categories`);
    const fields = 'categories { weight category { pennylaneId label direction analyticalCode group { label } } }';
    const res = await h.gql<Record<string, { categories: { weight: string; category: { pennylaneId: string; label: string } }[] }>>(
      `query($i: ID!, $si: ID!, $c: ID!, $s: ID!, $l: ID!) {
        customerInvoice(id: $i) { ${fields} }
        supplierInvoice(id: $si) { ${fields} }
        customer(id: $c) { ${fields} }
        supplier(id: $s) { ${fields} }
        ledgerEntryLine(id: $l) { ${fields} }
      }`,
      { i: String(invoice.id), si: String(supplierInvoice.id), c: String(customer.id), s: String(supplier.id), l: String(line.id) },
    );
    expect(res.errors).toBeUndefined();
    const expectations: [string, string][] = [
      ['customerInvoice', `/customer_invoices/${invoice.id}/categories`],
      ['supplierInvoice', `/supplier_invoices/${supplierInvoice.id}/categories`],
      ['customer', `/customers/${customer.id}/categories`],
      ['supplier', `/suppliers/${supplier.id}/categories`],
      ['ledgerEntryLine', `/ledger_entry_lines/${line.id}/categories`],
    ];
    for (const [field, path] of expectations) {
      const expected = h.sim.control.subList(path) as Attached[];
      expect(res.data![field]!.categories.map((a) => [a.weight, a.category.pennylaneId, a.category.label])).toEqual(
        expected.map((a) => [a.weight, String(a.id), a.label]),
      );
      const [call] = h.sim.control.requests({ path });
      expect(call!.query).toMatchObject({ limit: '100', sort: 'id' });
      expect(h.sim.control.count({ path })).toBe(1);
    }
    expect(h.sim.control.count({ route: 'GET /category_groups' })).toBe(1);
    expect(h.sim.control.count({ route: 'GET /categories' })).toBe(0);
  });
});
