/**
 * Recipe (a): import a supplier invoice with its PDF and follow the purchase order it answers.
 * Pennylane's API lets you import a purchase order as a purchase request (with its document),
 * import the supplier invoice (with its PDF) and link the two; the request then lists the
 * invoices it became. Run: `npm start`, then `npx tsx examples/supplier-invoices.ts [endpoint]`.
 */
import { graphql } from './gql/index.js';
import { isMain, request, samplePdf, upload, type Gateway } from './client.js';

const FirstSupplier = graphql(`
  query RecipeFirstSupplier {
    suppliers(first: 1) { edges { node { pennylaneId name } } }
  }
`);

const ImportPurchaseOrder = graphql(`
  mutation RecipeImportPurchaseOrder($input: ImportPurchaseRequestInput!) {
    importPurchaseRequest(input: $input) {
      __typename
      ... on PurchaseRequestPayload { replayed purchaseRequest { pennylaneId label status amount } }
      ... on MutationError { message }
    }
  }
`);

const ImportInvoice = graphql(`
  mutation RecipeImportSupplierInvoice($input: ImportSupplierInvoiceInput!) {
    importSupplierInvoice(input: $input) {
      __typename
      ... on SupplierInvoicePayload { replayed supplierInvoice { pennylaneId invoiceNumber currencyAmount } }
      ... on MutationError { message }
    }
  }
`);

const Link = graphql(`
  mutation RecipeLinkPurchaseRequest($id: ID!, $invoice: ID!) {
    linkPurchaseRequestToSupplierInvoice(id: $id, supplierInvoiceId: $invoice) {
      __typename
      ... on PurchaseRequestPayload { purchaseRequest { pennylaneId supplierInvoices { pennylaneId invoiceNumber currencyAmount } } }
      ... on MutationError { message }
    }
  }
`);

export interface SupplierInvoiceRecipe {
  readonly purchaseRequest: string;
  readonly supplierInvoice: string;
  /** What the purchase request lists after the link: the invoices it became. */
  readonly followedTo: readonly string[];
}

export async function run(gateway: Gateway, orderNumber = `PO-${Date.now()}`): Promise<SupplierInvoiceRecipe> {
  const supplier = (await request(gateway, FirstSupplier, {})).suppliers.edges[0]!.node;

  const ordered = await upload(
    gateway,
    ImportPurchaseOrder,
    { input: { supplierId: supplier.pennylaneId, label: `${orderNumber} office chairs`, amount: '1200.00', externalReference: orderNumber, file: null } },
    { 'input.file': samplePdf(`${orderNumber}.pdf`) },
  );
  if (ordered.importPurchaseRequest.__typename !== 'PurchaseRequestPayload') throw new Error(JSON.stringify(ordered.importPurchaseRequest));
  const purchaseRequest = ordered.importPurchaseRequest.purchaseRequest.pennylaneId;

  const invoiced = await upload(
    gateway,
    ImportInvoice,
    {
      input: {
        supplierId: supplier.pennylaneId,
        invoiceNumber: `INV-${orderNumber}`,
        externalReference: `INV-${orderNumber}`,
        date: '2026-11-02',
        deadline: '2026-12-02',
        currencyAmountBeforeTax: '1000.00',
        currencyTax: '200.00',
        currencyAmount: '1200.00',
        invoiceLines: [{ label: 'Office chairs x 4', vatRate: 'FR_200', currencyAmount: '1200.00', currencyTax: '200.00' }],
        file: null,
      },
    },
    { 'input.file': samplePdf(`INV-${orderNumber}.pdf`) },
  );
  if (invoiced.importSupplierInvoice.__typename !== 'SupplierInvoicePayload') throw new Error(JSON.stringify(invoiced.importSupplierInvoice));
  const supplierInvoice = invoiced.importSupplierInvoice.supplierInvoice.pennylaneId;

  const linked = await request(gateway, Link, { id: purchaseRequest, invoice: supplierInvoice });
  if (linked.linkPurchaseRequestToSupplierInvoice.__typename !== 'PurchaseRequestPayload') throw new Error(JSON.stringify(linked.linkPurchaseRequestToSupplierInvoice));
  const followedTo = linked.linkPurchaseRequestToSupplierInvoice.purchaseRequest.supplierInvoices.map((invoice) => invoice.pennylaneId);
  return { purchaseRequest, supplierInvoice, followedTo };
}

if (isMain(import.meta.url)) {
  const result = await run({ endpoint: process.argv[2] ?? 'http://127.0.0.1:4000/graphql' });
  console.log(`purchase request ${result.purchaseRequest} became supplier invoice(s) ${result.followedTo.join(', ')}`);
}
