/**
 * Operations preloaded as GraphiQL tabs: a newcomer's first clicks. Each runs as shipped on
 * the demo company (test/graphiql/graphiql-browser.test.ts clicks and runs every one), so none
 * asks for an id to paste: the detail takes the newest invoice, the subscription follows the
 * latest bulk operation.
 */
export const EXAMPLE_OPERATIONS: readonly { query: string; variables?: string }[] = [
  {
    query: `# Who am I talking to Pennylane as? (No scope needed.)
query WhoAmI {
  me {
    company { name regNo }
    user { firstName lastName email }
    scopes
  }
}
`,
  },
  {
    query: `# Late invoices and who owes them. Pennylane cannot filter on status,
# so customerInvoicesByStatus reads the list 100 invoices per call and keeps
# the LATE ones (at most 10 calls a page; the filter below narrows what is read).
# Customers come in one batched call, however many invoices.
query LateInvoices {
  customerInvoicesByStatus(
    status: [LATE]
    filter: { draft: { eq: false }, creditNote: { eq: false } }
    sort: DATE_DESC
    first: 20
  ) {
    edges {
      node {
        invoiceNumber
        status
        date
        deadline
        currencyAmount
        remainingAmountWithTax
        customer { name emails }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    query: `# The newest finalized invoice with its lines and payments (each
# sub-collection costs one call). For one you know: customerInvoice(id: "…").
query InvoiceDetail {
  customerInvoices(first: 1, filter: { draft: { eq: false }, creditNote: { eq: false } }) {
    edges {
      node {
        pennylaneId
        invoiceNumber
        status
        currencyAmountBeforeTax
        currencyTax
        currencyAmount
        customer { name }
        lines(first: 20) { edges { node { label quantity rawCurrencyUnitPrice vatRate currencyAmount product { label } } } }
        payments { edges { node { currencyAmount status } } }
      }
    }
  }
}
`,
  },
  {
    query: `# Five companies and their latest invoices: the invoices of all five
# come in one batched call.
query CustomerInvoices {
  customers(first: 5, filter: { customerType: { eq: COMPANY } }) {
    edges {
      node {
        name
        ... on CompanyCustomer { vatNumber regNo }
        invoices(first: 5, sort: DATE_DESC) {
          edges { node { invoiceNumber date status currencyAmount } }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# A mutation: create a product. The idempotency key makes it safe to run
# again: the second run returns the first result with replayed: true.
mutation CreateProduct {
  createProduct(
    idempotencyKey: "graphiql-tab-create-product"
    input: { label: "Onboarding workshop", priceBeforeTax: "450.00", vatRate: "FR_200", unit: "day" }
  ) {
    __typename
    ... on ProductPayload { replayed product { pennylaneId label priceBeforeTax price vatRate } }
    ... on ValidationError { message fieldErrors { path code message } }
    ... on MutationError { message refusedBy }
  }
}
`,
  },
  {
    query: `# A bulk operation: sync three products by external reference (created
# the first time, unchanged after). It returns at once; follow it in the
# FollowBulkOperation tab, or poll bulkOperation(id:).
mutation UpsertProducts {
  upsertProducts(
    idempotencyKey: "graphiql-tab-upsert-products"
    inputs: [
      { externalReference: "shop-sku-1001", label: "Espresso beans 1 kg", priceBeforeTax: "18.50", vatRate: "FR_55", unit: "piece" }
      { externalReference: "shop-sku-1002", label: "Milk frother", priceBeforeTax: "39.90", vatRate: "FR_200", unit: "piece" }
      { externalReference: "shop-sku-1003", label: "Barista course", priceBeforeTax: "120.00", vatRate: "FR_200", unit: "hour" }
    ]
  ) {
    __typename
    ... on BulkOperationPayload { replayed bulkOperation { id status total processed } }
    ... on MutationError { message }
  }
}
`,
  },
  {
    query: `# Progress of the latest bulk operation of this token, as server-sent
# events, until it finishes (run UpsertProducts first). Pass id: "…" to
# follow a given one.
subscription FollowBulkOperation {
  bulkOperation {
    id
    kind
    status
    processed
    succeeded
    failed
    items(first: 10) {
      edges {
        node {
          index
          state
          outcome {
            __typename
            ... on BulkItemSuccess { record { id ... on Product { label price } } }
            ... on MutationError { message }
          }
        }
      }
    }
  }
}
`,
  },
];
