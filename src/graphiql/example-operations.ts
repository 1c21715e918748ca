/** Operations preloaded as GraphiQL tabs: a newcomer's first clicks. */
export const EXAMPLE_OPERATIONS: readonly { query: string; variables?: string }[] = [
  {
    query: `# Who am I talking to Pennylane as?
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
    query: `# Unpaid invoices with their customers: one invoice list call
# plus one batched customer call, however many invoices.
query LateInvoices($first: Int = 50) {
  customerInvoices(first: $first, filter: { draft: { eq: false }, creditNote: { eq: false } }, sort: DATE_DESC) {
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
    query: `# One invoice, its lines and payments (each sub-collection costs one call).
query InvoiceDetail($id: ID!) {
  customerInvoice(id: $id) {
    invoiceNumber
    currencyAmountBeforeTax
    currencyTax
    currencyAmount
    lines(first: 20) { edges { node { label quantity rawCurrencyUnitPrice vatRate currencyAmount product { label } } } }
    payments { edges { node { currencyAmount status } } }
  }
}
`,
    variables: '{ "id": "paste a pennylaneId or id here" }',
  },
  {
    query: `# A customer and its invoices of 2026.
query CustomerInvoices {
  customers(first: 5, filter: { customerType: { eq: COMPANY } }) {
    edges {
      node {
        name
        ... on CompanyCustomer { vatNumber regNo }
        invoices(first: 5, filter: { date: { gteq: "2026-01-01" } }) {
          edges { node { invoiceNumber date status currencyAmount } }
        }
      }
    }
  }
}
`,
  },
];
