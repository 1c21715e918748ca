/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query RecipeShopCustomers($first: Int!) {\n    customers(first: $first, filter: { customerType: { eq: INDIVIDUAL } }) { edges { node { pennylaneId name } } }\n  }\n": typeof types.RecipeShopCustomersDocument,
    "\n  mutation RecipeCreateInvoices($inputs: [CreateCustomerInvoiceInput!]!, $key: String) {\n    createCustomerInvoices(inputs: $inputs, idempotencyKey: $key) {\n      __typename\n      ... on BulkOperationPayload { replayed bulkOperation { id } }\n      ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeCreateInvoicesDocument,
    "\n  query RecipeInvoiceProgress($id: ID!) {\n    bulkOperation(id: $id) {\n      status\n      processed\n      total\n      items(first: 100) {\n        edges { node { index state outcome { __typename ... on BulkItemSuccess { record { ... on CustomerInvoice { pennylaneId } } } ... on MutationError { message } } } }\n      }\n    }\n  }\n": typeof types.RecipeInvoiceProgressDocument,
    "\n  mutation RecipeFinalize($id: ID!) {\n    finalizeCustomerInvoice(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status } }\n      ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeFinalizeDocument,
    "\n  mutation RecipeMarkPaid($id: ID!) {\n    markCustomerInvoiceAsPaid(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status paid } }\n      ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeMarkPaidDocument,
    "\n  mutation RecipeCreateJournal($code: String!, $key: String!) {\n    createJournal(input: { code: $code, label: \"Payroll\" }, idempotencyKey: $key) {\n      __typename ... on JournalPayload { journal { pennylaneId code } } ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeCreateJournalDocument,
    "\n  mutation RecipeCreateAccount($number: String!, $label: String!) {\n    createLedgerAccount(input: { number: $number, label: $label }, idempotencyKey: $number) {\n      __typename ... on LedgerAccountPayload { ledgerAccount { pennylaneId number } } ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeCreateAccountDocument,
    "\n  mutation RecipePushEntries($inputs: [CreateLedgerEntryInput!]!, $key: String) {\n    createLedgerEntries(inputs: $inputs, idempotencyKey: $key) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n": typeof types.RecipePushEntriesDocument,
    "\n  query RecipePushedEntries($id: ID!) { bulkOperation(id: $id) { status succeeded failed } }\n": typeof types.RecipePushedEntriesDocument,
    "\n  query RecipeReadBack($journal: ID!, $from: Date!, $to: Date!) {\n    ledgerEntries(first: 50, filter: { journalId: { eq: $journal } }) {\n      edges { node { pennylaneId label date lines(first: 10) { edges { node { debit credit label ledgerAccount { number } } } } } }\n    }\n    trialBalance(periodStart: $from, periodEnd: $to, first: 1000) { edges { node { number label debits credits } } }\n  }\n": typeof types.RecipeReadBackDocument,
    "\n  subscription PaidInvoices($after: String) {\n    customerInvoiceChanged(filter: { status: [PAID], operations: [INSERT, UPDATE] }, after: $after) {\n      operation\n      cursor\n      customerInvoice {\n        pennylaneId\n        invoiceNumber\n        status\n        remainingAmountWithTax\n        customer {\n          name\n        }\n      }\n    }\n  }\n": typeof types.PaidInvoicesDocument,
    "\n  query RecipeCompany {\n    me { company { name } }\n    customers(first: 3) { edges { node { name } } }\n  }\n": typeof types.RecipeCompanyDocument,
    "\n  query RecipeFirstSupplier {\n    suppliers(first: 1) { edges { node { pennylaneId name } } }\n  }\n": typeof types.RecipeFirstSupplierDocument,
    "\n  mutation RecipeImportPurchaseOrder($input: ImportPurchaseRequestInput!) {\n    importPurchaseRequest(input: $input) {\n      __typename\n      ... on PurchaseRequestPayload { replayed purchaseRequest { pennylaneId label status amount } }\n      ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeImportPurchaseOrderDocument,
    "\n  mutation RecipeImportSupplierInvoice($input: ImportSupplierInvoiceInput!) {\n    importSupplierInvoice(input: $input) {\n      __typename\n      ... on SupplierInvoicePayload { replayed supplierInvoice { pennylaneId invoiceNumber currencyAmount } }\n      ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeImportSupplierInvoiceDocument,
    "\n  mutation RecipeLinkPurchaseRequest($id: ID!, $invoice: ID!) {\n    linkPurchaseRequestToSupplierInvoice(id: $id, supplierInvoiceId: $invoice) {\n      __typename\n      ... on PurchaseRequestPayload { purchaseRequest { pennylaneId supplierInvoices { pennylaneId invoiceNumber currencyAmount } } }\n      ... on MutationError { message }\n    }\n  }\n": typeof types.RecipeLinkPurchaseRequestDocument,
    "\n  mutation RecipePushProducts($inputs: [UpsertProductInput!]!) {\n    upsertProducts(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n": typeof types.RecipePushProductsDocument,
    "\n  mutation RecipePushCustomers($inputs: [UpsertCustomerInput!]!) {\n    upsertCustomers(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n": typeof types.RecipePushCustomersDocument,
    "\n  query RecipeSyncOutcome($id: ID!) {\n    bulkOperation(id: $id) { status succeeded failed items(first: 100) { edges { node { index state outcome { __typename ... on MutationError { message } } } } } }\n  }\n": typeof types.RecipeSyncOutcomeDocument,
    "\n  query RecipePullChanges($since: DateTime) {\n    productChanges(first: 1000, since: $since) { edges { node { operation processedAt product { externalReference label priceBeforeTax } } } }\n    customerChanges(first: 1000, since: $since) { edges { node { operation processedAt customer { externalReference name } } } }\n  }\n": typeof types.RecipePullChangesDocument,
    "\n  query RecipeCountSynced($refs: [String!]!) {\n    products(first: 100, filter: { externalReference: { in: $refs } }) { edges { node { pennylaneId } } }\n  }\n": typeof types.RecipeCountSyncedDocument,
    "\n  query UnpaidInvoices($first: Int!, $after: String) {\n    customerInvoices(first: $first, after: $after, filter: { draft: { eq: false }, creditNote: { eq: false } }) {\n      edges {\n        node {\n          pennylaneId\n          invoiceNumber\n          status\n          deadline\n          currency\n          remainingAmountWithTax\n          customer {\n            name\n            emails\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.UnpaidInvoicesDocument,
};
const documents: Documents = {
    "\n  query RecipeShopCustomers($first: Int!) {\n    customers(first: $first, filter: { customerType: { eq: INDIVIDUAL } }) { edges { node { pennylaneId name } } }\n  }\n": types.RecipeShopCustomersDocument,
    "\n  mutation RecipeCreateInvoices($inputs: [CreateCustomerInvoiceInput!]!, $key: String) {\n    createCustomerInvoices(inputs: $inputs, idempotencyKey: $key) {\n      __typename\n      ... on BulkOperationPayload { replayed bulkOperation { id } }\n      ... on MutationError { message }\n    }\n  }\n": types.RecipeCreateInvoicesDocument,
    "\n  query RecipeInvoiceProgress($id: ID!) {\n    bulkOperation(id: $id) {\n      status\n      processed\n      total\n      items(first: 100) {\n        edges { node { index state outcome { __typename ... on BulkItemSuccess { record { ... on CustomerInvoice { pennylaneId } } } ... on MutationError { message } } } }\n      }\n    }\n  }\n": types.RecipeInvoiceProgressDocument,
    "\n  mutation RecipeFinalize($id: ID!) {\n    finalizeCustomerInvoice(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status } }\n      ... on MutationError { message }\n    }\n  }\n": types.RecipeFinalizeDocument,
    "\n  mutation RecipeMarkPaid($id: ID!) {\n    markCustomerInvoiceAsPaid(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status paid } }\n      ... on MutationError { message }\n    }\n  }\n": types.RecipeMarkPaidDocument,
    "\n  mutation RecipeCreateJournal($code: String!, $key: String!) {\n    createJournal(input: { code: $code, label: \"Payroll\" }, idempotencyKey: $key) {\n      __typename ... on JournalPayload { journal { pennylaneId code } } ... on MutationError { message }\n    }\n  }\n": types.RecipeCreateJournalDocument,
    "\n  mutation RecipeCreateAccount($number: String!, $label: String!) {\n    createLedgerAccount(input: { number: $number, label: $label }, idempotencyKey: $number) {\n      __typename ... on LedgerAccountPayload { ledgerAccount { pennylaneId number } } ... on MutationError { message }\n    }\n  }\n": types.RecipeCreateAccountDocument,
    "\n  mutation RecipePushEntries($inputs: [CreateLedgerEntryInput!]!, $key: String) {\n    createLedgerEntries(inputs: $inputs, idempotencyKey: $key) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n": types.RecipePushEntriesDocument,
    "\n  query RecipePushedEntries($id: ID!) { bulkOperation(id: $id) { status succeeded failed } }\n": types.RecipePushedEntriesDocument,
    "\n  query RecipeReadBack($journal: ID!, $from: Date!, $to: Date!) {\n    ledgerEntries(first: 50, filter: { journalId: { eq: $journal } }) {\n      edges { node { pennylaneId label date lines(first: 10) { edges { node { debit credit label ledgerAccount { number } } } } } }\n    }\n    trialBalance(periodStart: $from, periodEnd: $to, first: 1000) { edges { node { number label debits credits } } }\n  }\n": types.RecipeReadBackDocument,
    "\n  subscription PaidInvoices($after: String) {\n    customerInvoiceChanged(filter: { status: [PAID], operations: [INSERT, UPDATE] }, after: $after) {\n      operation\n      cursor\n      customerInvoice {\n        pennylaneId\n        invoiceNumber\n        status\n        remainingAmountWithTax\n        customer {\n          name\n        }\n      }\n    }\n  }\n": types.PaidInvoicesDocument,
    "\n  query RecipeCompany {\n    me { company { name } }\n    customers(first: 3) { edges { node { name } } }\n  }\n": types.RecipeCompanyDocument,
    "\n  query RecipeFirstSupplier {\n    suppliers(first: 1) { edges { node { pennylaneId name } } }\n  }\n": types.RecipeFirstSupplierDocument,
    "\n  mutation RecipeImportPurchaseOrder($input: ImportPurchaseRequestInput!) {\n    importPurchaseRequest(input: $input) {\n      __typename\n      ... on PurchaseRequestPayload { replayed purchaseRequest { pennylaneId label status amount } }\n      ... on MutationError { message }\n    }\n  }\n": types.RecipeImportPurchaseOrderDocument,
    "\n  mutation RecipeImportSupplierInvoice($input: ImportSupplierInvoiceInput!) {\n    importSupplierInvoice(input: $input) {\n      __typename\n      ... on SupplierInvoicePayload { replayed supplierInvoice { pennylaneId invoiceNumber currencyAmount } }\n      ... on MutationError { message }\n    }\n  }\n": types.RecipeImportSupplierInvoiceDocument,
    "\n  mutation RecipeLinkPurchaseRequest($id: ID!, $invoice: ID!) {\n    linkPurchaseRequestToSupplierInvoice(id: $id, supplierInvoiceId: $invoice) {\n      __typename\n      ... on PurchaseRequestPayload { purchaseRequest { pennylaneId supplierInvoices { pennylaneId invoiceNumber currencyAmount } } }\n      ... on MutationError { message }\n    }\n  }\n": types.RecipeLinkPurchaseRequestDocument,
    "\n  mutation RecipePushProducts($inputs: [UpsertProductInput!]!) {\n    upsertProducts(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n": types.RecipePushProductsDocument,
    "\n  mutation RecipePushCustomers($inputs: [UpsertCustomerInput!]!) {\n    upsertCustomers(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n": types.RecipePushCustomersDocument,
    "\n  query RecipeSyncOutcome($id: ID!) {\n    bulkOperation(id: $id) { status succeeded failed items(first: 100) { edges { node { index state outcome { __typename ... on MutationError { message } } } } } }\n  }\n": types.RecipeSyncOutcomeDocument,
    "\n  query RecipePullChanges($since: DateTime) {\n    productChanges(first: 1000, since: $since) { edges { node { operation processedAt product { externalReference label priceBeforeTax } } } }\n    customerChanges(first: 1000, since: $since) { edges { node { operation processedAt customer { externalReference name } } } }\n  }\n": types.RecipePullChangesDocument,
    "\n  query RecipeCountSynced($refs: [String!]!) {\n    products(first: 100, filter: { externalReference: { in: $refs } }) { edges { node { pennylaneId } } }\n  }\n": types.RecipeCountSyncedDocument,
    "\n  query UnpaidInvoices($first: Int!, $after: String) {\n    customerInvoices(first: $first, after: $after, filter: { draft: { eq: false }, creditNote: { eq: false } }) {\n      edges {\n        node {\n          pennylaneId\n          invoiceNumber\n          status\n          deadline\n          currency\n          remainingAmountWithTax\n          customer {\n            name\n            emails\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.UnpaidInvoicesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipeShopCustomers($first: Int!) {\n    customers(first: $first, filter: { customerType: { eq: INDIVIDUAL } }) { edges { node { pennylaneId name } } }\n  }\n"): (typeof documents)["\n  query RecipeShopCustomers($first: Int!) {\n    customers(first: $first, filter: { customerType: { eq: INDIVIDUAL } }) { edges { node { pennylaneId name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeCreateInvoices($inputs: [CreateCustomerInvoiceInput!]!, $key: String) {\n    createCustomerInvoices(inputs: $inputs, idempotencyKey: $key) {\n      __typename\n      ... on BulkOperationPayload { replayed bulkOperation { id } }\n      ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeCreateInvoices($inputs: [CreateCustomerInvoiceInput!]!, $key: String) {\n    createCustomerInvoices(inputs: $inputs, idempotencyKey: $key) {\n      __typename\n      ... on BulkOperationPayload { replayed bulkOperation { id } }\n      ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipeInvoiceProgress($id: ID!) {\n    bulkOperation(id: $id) {\n      status\n      processed\n      total\n      items(first: 100) {\n        edges { node { index state outcome { __typename ... on BulkItemSuccess { record { ... on CustomerInvoice { pennylaneId } } } ... on MutationError { message } } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecipeInvoiceProgress($id: ID!) {\n    bulkOperation(id: $id) {\n      status\n      processed\n      total\n      items(first: 100) {\n        edges { node { index state outcome { __typename ... on BulkItemSuccess { record { ... on CustomerInvoice { pennylaneId } } } ... on MutationError { message } } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeFinalize($id: ID!) {\n    finalizeCustomerInvoice(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status } }\n      ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeFinalize($id: ID!) {\n    finalizeCustomerInvoice(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status } }\n      ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeMarkPaid($id: ID!) {\n    markCustomerInvoiceAsPaid(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status paid } }\n      ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeMarkPaid($id: ID!) {\n    markCustomerInvoiceAsPaid(id: $id) {\n      __typename\n      ... on CustomerInvoicePayload { customerInvoice { invoiceNumber status paid } }\n      ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeCreateJournal($code: String!, $key: String!) {\n    createJournal(input: { code: $code, label: \"Payroll\" }, idempotencyKey: $key) {\n      __typename ... on JournalPayload { journal { pennylaneId code } } ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeCreateJournal($code: String!, $key: String!) {\n    createJournal(input: { code: $code, label: \"Payroll\" }, idempotencyKey: $key) {\n      __typename ... on JournalPayload { journal { pennylaneId code } } ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeCreateAccount($number: String!, $label: String!) {\n    createLedgerAccount(input: { number: $number, label: $label }, idempotencyKey: $number) {\n      __typename ... on LedgerAccountPayload { ledgerAccount { pennylaneId number } } ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeCreateAccount($number: String!, $label: String!) {\n    createLedgerAccount(input: { number: $number, label: $label }, idempotencyKey: $number) {\n      __typename ... on LedgerAccountPayload { ledgerAccount { pennylaneId number } } ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipePushEntries($inputs: [CreateLedgerEntryInput!]!, $key: String) {\n    createLedgerEntries(inputs: $inputs, idempotencyKey: $key) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n"): (typeof documents)["\n  mutation RecipePushEntries($inputs: [CreateLedgerEntryInput!]!, $key: String) {\n    createLedgerEntries(inputs: $inputs, idempotencyKey: $key) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipePushedEntries($id: ID!) { bulkOperation(id: $id) { status succeeded failed } }\n"): (typeof documents)["\n  query RecipePushedEntries($id: ID!) { bulkOperation(id: $id) { status succeeded failed } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipeReadBack($journal: ID!, $from: Date!, $to: Date!) {\n    ledgerEntries(first: 50, filter: { journalId: { eq: $journal } }) {\n      edges { node { pennylaneId label date lines(first: 10) { edges { node { debit credit label ledgerAccount { number } } } } } }\n    }\n    trialBalance(periodStart: $from, periodEnd: $to, first: 1000) { edges { node { number label debits credits } } }\n  }\n"): (typeof documents)["\n  query RecipeReadBack($journal: ID!, $from: Date!, $to: Date!) {\n    ledgerEntries(first: 50, filter: { journalId: { eq: $journal } }) {\n      edges { node { pennylaneId label date lines(first: 10) { edges { node { debit credit label ledgerAccount { number } } } } } }\n    }\n    trialBalance(periodStart: $from, periodEnd: $to, first: 1000) { edges { node { number label debits credits } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PaidInvoices($after: String) {\n    customerInvoiceChanged(filter: { status: [PAID], operations: [INSERT, UPDATE] }, after: $after) {\n      operation\n      cursor\n      customerInvoice {\n        pennylaneId\n        invoiceNumber\n        status\n        remainingAmountWithTax\n        customer {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PaidInvoices($after: String) {\n    customerInvoiceChanged(filter: { status: [PAID], operations: [INSERT, UPDATE] }, after: $after) {\n      operation\n      cursor\n      customerInvoice {\n        pennylaneId\n        invoiceNumber\n        status\n        remainingAmountWithTax\n        customer {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipeCompany {\n    me { company { name } }\n    customers(first: 3) { edges { node { name } } }\n  }\n"): (typeof documents)["\n  query RecipeCompany {\n    me { company { name } }\n    customers(first: 3) { edges { node { name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipeFirstSupplier {\n    suppliers(first: 1) { edges { node { pennylaneId name } } }\n  }\n"): (typeof documents)["\n  query RecipeFirstSupplier {\n    suppliers(first: 1) { edges { node { pennylaneId name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeImportPurchaseOrder($input: ImportPurchaseRequestInput!) {\n    importPurchaseRequest(input: $input) {\n      __typename\n      ... on PurchaseRequestPayload { replayed purchaseRequest { pennylaneId label status amount } }\n      ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeImportPurchaseOrder($input: ImportPurchaseRequestInput!) {\n    importPurchaseRequest(input: $input) {\n      __typename\n      ... on PurchaseRequestPayload { replayed purchaseRequest { pennylaneId label status amount } }\n      ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeImportSupplierInvoice($input: ImportSupplierInvoiceInput!) {\n    importSupplierInvoice(input: $input) {\n      __typename\n      ... on SupplierInvoicePayload { replayed supplierInvoice { pennylaneId invoiceNumber currencyAmount } }\n      ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeImportSupplierInvoice($input: ImportSupplierInvoiceInput!) {\n    importSupplierInvoice(input: $input) {\n      __typename\n      ... on SupplierInvoicePayload { replayed supplierInvoice { pennylaneId invoiceNumber currencyAmount } }\n      ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipeLinkPurchaseRequest($id: ID!, $invoice: ID!) {\n    linkPurchaseRequestToSupplierInvoice(id: $id, supplierInvoiceId: $invoice) {\n      __typename\n      ... on PurchaseRequestPayload { purchaseRequest { pennylaneId supplierInvoices { pennylaneId invoiceNumber currencyAmount } } }\n      ... on MutationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecipeLinkPurchaseRequest($id: ID!, $invoice: ID!) {\n    linkPurchaseRequestToSupplierInvoice(id: $id, supplierInvoiceId: $invoice) {\n      __typename\n      ... on PurchaseRequestPayload { purchaseRequest { pennylaneId supplierInvoices { pennylaneId invoiceNumber currencyAmount } } }\n      ... on MutationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipePushProducts($inputs: [UpsertProductInput!]!) {\n    upsertProducts(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n"): (typeof documents)["\n  mutation RecipePushProducts($inputs: [UpsertProductInput!]!) {\n    upsertProducts(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecipePushCustomers($inputs: [UpsertCustomerInput!]!) {\n    upsertCustomers(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n"): (typeof documents)["\n  mutation RecipePushCustomers($inputs: [UpsertCustomerInput!]!) {\n    upsertCustomers(inputs: $inputs) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipeSyncOutcome($id: ID!) {\n    bulkOperation(id: $id) { status succeeded failed items(first: 100) { edges { node { index state outcome { __typename ... on MutationError { message } } } } } }\n  }\n"): (typeof documents)["\n  query RecipeSyncOutcome($id: ID!) {\n    bulkOperation(id: $id) { status succeeded failed items(first: 100) { edges { node { index state outcome { __typename ... on MutationError { message } } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipePullChanges($since: DateTime) {\n    productChanges(first: 1000, since: $since) { edges { node { operation processedAt product { externalReference label priceBeforeTax } } } }\n    customerChanges(first: 1000, since: $since) { edges { node { operation processedAt customer { externalReference name } } } }\n  }\n"): (typeof documents)["\n  query RecipePullChanges($since: DateTime) {\n    productChanges(first: 1000, since: $since) { edges { node { operation processedAt product { externalReference label priceBeforeTax } } } }\n    customerChanges(first: 1000, since: $since) { edges { node { operation processedAt customer { externalReference name } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecipeCountSynced($refs: [String!]!) {\n    products(first: 100, filter: { externalReference: { in: $refs } }) { edges { node { pennylaneId } } }\n  }\n"): (typeof documents)["\n  query RecipeCountSynced($refs: [String!]!) {\n    products(first: 100, filter: { externalReference: { in: $refs } }) { edges { node { pennylaneId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnpaidInvoices($first: Int!, $after: String) {\n    customerInvoices(first: $first, after: $after, filter: { draft: { eq: false }, creditNote: { eq: false } }) {\n      edges {\n        node {\n          pennylaneId\n          invoiceNumber\n          status\n          deadline\n          currency\n          remainingAmountWithTax\n          customer {\n            name\n            emails\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query UnpaidInvoices($first: Int!, $after: String) {\n    customerInvoices(first: $first, after: $after, filter: { draft: { eq: false }, creditNote: { eq: false } }) {\n      edges {\n        node {\n          pennylaneId\n          invoiceNumber\n          status\n          deadline\n          currency\n          remainingAmountWithTax\n          customer {\n            name\n            emails\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;