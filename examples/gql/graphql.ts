/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Language of the documents sent to a customer. */
export type BillingLanguage =
  /** German. */
  | 'DE_DE'
  /** English. */
  | 'EN_GB'
  /** French. */
  | 'FR_FR';

/** Where one item of a bulk operation stands. */
export type BulkItemState =
  /** Not written; `outcome` says why. The other items are not affected. */
  | 'FAILED'
  /** Not processed yet. */
  | 'PENDING'
  /** Done: written, found already written with this idempotency key, or already holding its values (see the outcome's `change`). */
  | 'SUCCEEDED';

/** Where a bulk operation stands. */
export type BulkOperationStatus =
  /** Every item succeeded. */
  | 'COMPLETED'
  /** Every item was processed; some failed (see items). */
  | 'COMPLETED_WITH_ERRORS'
  /** Items are still being written. */
  | 'RUNNING';

/** What happened to a record. */
export type ChangeOperation =
  /** The record was deleted (the record field is then null). */
  | 'DELETE'
  /** The record was created. */
  | 'INSERT'
  /** The record changed. */
  | 'UPDATE';

/** A customer invoice, or a credit note (negative quantities, with creditedInvoiceId). */
export type CreateCustomerInvoiceInput = {
  /** For a credit note: the invoice it credits. */
  creditedInvoiceId?: string | null | undefined;
  /** ISO 4217 currency; default EUR. */
  currency?: string | null | undefined;
  /** The customer (global or Pennylane id). */
  customerId: string;
  /** Invoice date. */
  date: string;
  /** Payment deadline (not before the date). */
  deadline: string;
  /** Invoice-level discount. */
  discount?: DiscountInput | null | undefined;
  /** True (default) creates an editable draft; false finalizes at once (numbered, ledger entry, PDF). */
  draft?: boolean | null | undefined;
  /** Your own unique reference; also the default idempotency key. */
  externalReference?: string | null | undefined;
  /** At least one line. */
  invoiceLines: Array<InvoiceLineInput>;
  /** Label. */
  label?: string | null | undefined;
  /** Document language; default French. */
  language?: InvoiceLanguage | null | undefined;
  /** Description printed on the PDF. */
  pdfDescription?: string | null | undefined;
  /** Free text printed on the PDF. */
  pdfInvoiceFreeText?: string | null | undefined;
  /** Subject printed on the PDF. */
  pdfInvoiceSubject?: string | null | undefined;
  /** Special mention printed on the PDF. */
  specialMention?: string | null | undefined;
  /** Invoice template (global or Pennylane id). */
  templateId?: string | null | undefined;
};

/** A balanced entry: Σ debits = Σ credits exactly, 2 to 1000 lines, in an open period. */
export type CreateLedgerEntryInput = {
  /** ISO 4217 currency of every line; default EUR. */
  currency?: string | null | undefined;
  /** Accounting date. */
  date: string;
  /** An uploaded file (`uploadFileAttachment`) to attach as the entry's document. */
  fileAttachmentId?: string | null | undefined;
  /** The journal (global or Pennylane id). */
  journalId: string;
  /** Label; also the default label of its lines. */
  label: string;
  /** The lines, 2 to 1000. */
  lines: Array<LedgerEntryLineInput>;
};

/** Life-cycle status of a customer invoice. */
export type CustomerInvoiceStatus =
  /** Archived. */
  | 'ARCHIVED'
  /** Fully covered by credit notes. */
  | 'CANCELLED'
  /** A credit note (negative amounts). */
  | 'CREDIT_NOTE'
  /** Editable, not numbered, no ledger entry yet. */
  | 'DRAFT'
  /** Imported as incomplete. */
  | 'INCOMPLETE'
  /** Finalized and unpaid after its deadline. */
  | 'LATE'
  /** A value Pennylane added after this gateway version was built. */
  | 'OTHER'
  /** Fully paid. */
  | 'PAID'
  /** Partly covered by credit notes. */
  | 'PARTIALLY_CANCELLED'
  /** Finalized and unpaid, deadline not passed. */
  | 'UPCOMING';

/** Whether a customer is a company or a person. */
export type CustomerType =
  /** A company (has vatNumber and regNo). */
  | 'COMPANY'
  /** A person (has firstName and lastName). */
  | 'INDIVIDUAL';

/** A discount: an amount in the document currency, or a percentage. */
export type DiscountInput = {
  /** Amount or percentage. */
  type: DiscountType;
  /** The amount, or the percentage (0 to 100). */
  value: string;
};

/** How a discount is expressed. */
export type DiscountType =
  /** An amount in the document currency. */
  | 'ABSOLUTE'
  /** A percentage. */
  | 'RELATIVE';

/** A purchase order to import as a purchase request, with its document (a file, or a file attachment uploaded before). */
export type ImportPurchaseRequestInput = {
  /** Ordered amount including tax, a decimal string such as "2400.00". */
  amount: string;
  /** ISO 4217 currency code; default EUR. */
  currency?: string | null | undefined;
  /** Your purchase order number; also the default idempotency key. */
  externalReference?: string | null | undefined;
  /** The purchase order document (PDF or image); uploaded first. */
  file?: unknown;
  /** A file attachment uploaded before, instead of `file`. */
  fileAttachmentId?: string | null | undefined;
  /** Name to store the uploaded file under; default: its own name. */
  filename?: string | null | undefined;
  /** What is ordered, e.g. "PO-2026-118 laptops". */
  label: string;
  /** The supplier ordered from (global or Pennylane id). */
  supplierId: string;
};

/** A supplier invoice to import with its document: a `file` uploaded with this request, or a `fileAttachmentId` uploaded before. */
export type ImportSupplierInvoiceInput = {
  /** Total including tax in EUR, for an invoice in another currency (an EUR invoice has currencyAmount). */
  amount?: string | null | undefined;
  /** ISO 4217 currency; default EUR. */
  currency?: string | null | undefined;
  /** Total including tax, in the invoice currency: exactly the amount before tax plus the tax. */
  currencyAmount: string;
  /** Total excluding tax, in the invoice currency (at most 2 decimals). */
  currencyAmountBeforeTax: string;
  /** Total tax, in the invoice currency. */
  currencyTax: string;
  /** Invoice date. */
  date: string;
  /** Payment deadline (not before the date). */
  deadline: string;
  /** Your own unique reference; also the default idempotency key. */
  externalReference?: string | null | undefined;
  /** The invoice document (PDF or image, up to 100 MB), uploaded first; or give fileAttachmentId. */
  file?: unknown;
  /** An attachment uploaded before with `uploadFileAttachment`; or give file. */
  fileAttachmentId?: string | null | undefined;
  /** Name to store the uploaded file under (with `file`). */
  filename?: string | null | undefined;
  /** True imports it as incomplete, to be finished in Pennylane (not booked yet). */
  importAsIncomplete?: boolean | null | undefined;
  /** At least one line; they add up to the totals. */
  invoiceLines: Array<SupplierInvoiceLineInput>;
  /** The supplier's invoice number. */
  invoiceNumber?: string | null | undefined;
  /** Label. */
  label?: string | null | undefined;
  /** The supplier (global or Pennylane id). */
  supplierId: string;
  /** Total tax in EUR, for an invoice in another currency (an EUR invoice has currencyTax). */
  tax?: string | null | undefined;
};

/** The period an expense belongs to (prepaid expenses). */
export type ImputationDatesInput = {
  /** Last day (not before the first). */
  endDate: string;
  /** First day. */
  startDate: string;
};

/** Language of a sales document. */
export type InvoiceLanguage =
  /** English. */
  | 'EN_GB'
  /** French. */
  | 'FR_FR';

/** A line: either a product (label, price, VAT rate and unit come from it) or a free line with label, rawCurrencyUnitPrice, unit and vatRate. */
export type InvoiceLineInput = {
  /** Longer description. */
  description?: string | null | undefined;
  /** Discount on this line. */
  discount?: DiscountInput | null | undefined;
  /** Label (required without a product). */
  label?: string | null | undefined;
  /** Revenue ledger account of this line (global or Pennylane id). */
  ledgerAccountId?: string | null | undefined;
  /** The product the line is made from (global or Pennylane id). */
  productId?: string | null | undefined;
  /** Quantity, a decimal string; negative on credit notes. */
  quantity: string;
  /** Unit price excluding tax, in the document currency (required without a product). */
  rawCurrencyUnitPrice?: string | null | undefined;
  /** Rank of the section the line belongs to. */
  sectionRank?: number | null | undefined;
  /** Unit, e.g. piece, hour (required without a product). */
  unit?: string | null | undefined;
  /** VAT rate code, e.g. FR_200 (required without a product). */
  vatRate?: string | null | undefined;
};

/** A line of an entry: a debit or a credit (exactly one of them non-zero) on one ledger account. */
export type LedgerEntryLineInput = {
  /** Credit amount. A decimal string with at most 2 decimals, not negative. */
  credit?: string | null | undefined;
  /** Debit amount. A decimal string with at most 2 decimals, not negative. */
  debit?: string | null | undefined;
  /** Label; default: the entry's label. */
  label?: string | null | undefined;
  /** The account (global or Pennylane id). */
  ledgerAccountId: string;
};

/** When a customer is expected to pay. */
export type PaymentConditions =
  /** Custom terms (no effect through the API). */
  | 'CUSTOM'
  /** 15 days. */
  | 'DAYS_15'
  /** 30 days (Pennylane's default). */
  | 'DAYS_30'
  /** 45 days. */
  | 'DAYS_45'
  /** 60 days. */
  | 'DAYS_60'
  /** A value Pennylane added after this gateway version was built. */
  | 'OTHER'
  /** On receipt of the invoice. */
  | 'UPON_RECEIPT';

/** A postal address, every part given. */
export type PostalAddressInput = {
  /** Street and number. */
  address: string;
  /** City. */
  city: string;
  /** ISO 3166-1 alpha-2 country code, e.g. FR. */
  countryAlpha2: string;
  /** Postal code. */
  postalCode: string;
};

/** Where a purchase request stands. */
export type PurchaseRequestStatus =
  /** Approved. */
  | 'APPROVED'
  /** A value Pennylane added after this gateway version was built. */
  | 'OTHER'
  /** Waiting for review. */
  | 'PENDING'
  /** Rejected. */
  | 'REJECTED';

/** A line of a supplier invoice: an amount including tax and its tax, at one VAT rate. */
export type SupplierInvoiceLineInput = {
  /** Line total including tax, in the invoice currency (at most 2 decimals). */
  currencyAmount: string;
  /** Tax of the line, in the invoice currency (at most 2 decimals). */
  currencyTax: string;
  /** Longer description. */
  description?: string | null | undefined;
  /** Expense period, for prepaid expenses. */
  imputationDates?: ImputationDatesInput | null | undefined;
  /** Label. */
  label: string;
  /** Expense account (6…) the line is booked to (global or Pennylane id); default: the supplier's usual one. */
  ledgerAccountId?: string | null | undefined;
  /** VAT rate code, e.g. FR_200 for 20 %. */
  vatRate: string;
};

/** A customer matched by its external reference: updated if it exists, created otherwise (a billing address and a name, or first and last names, are then needed). */
export type UpsertCustomerInput = {
  /** Billing address (replaces the whole address). */
  billingAddress?: PostalAddressInput | null | undefined;
  /** IBAN to collect payments from (checked with its mod-97 digits); null clears it. */
  billingIban?: string | null | undefined;
  /** Language of the documents sent to the customer. */
  billingLanguage?: BillingLanguage | null | undefined;
  /** Company or individual; must match an existing customer's kind. */
  customerType: CustomerType;
  /** Delivery address (replaces the whole address). */
  deliveryAddress?: PostalAddressInput | null | undefined;
  /** E-mail addresses invoices are sent to (replaces the list). */
  emails?: Array<string> | null | undefined;
  /** Your reference, which identifies the customer. */
  externalReference: string;
  /** First name (individuals). */
  firstName?: string | null | undefined;
  /** Last name (individuals). */
  lastName?: string | null | undefined;
  /** Another 411… customer account (global or Pennylane id). */
  ledgerAccountId?: string | null | undefined;
  /** Company name (companies). */
  name?: string | null | undefined;
  /** Free notes; null clears them. */
  notes?: string | null | undefined;
  /** Default payment terms of new invoices. */
  paymentConditions?: PaymentConditions | null | undefined;
  /** Phone number. */
  phone?: string | null | undefined;
  /** Name the invoices are addressed to. */
  recipient?: string | null | undefined;
  /** Internal reference; null clears it. */
  reference?: string | null | undefined;
  /** Registration number, SIREN in France (companies). */
  regNo?: string | null | undefined;
  /** Intra-EU VAT number (companies). */
  vatNumber?: string | null | undefined;
};

/** A product matched by its external reference: updated if it exists, created otherwise. */
export type UpsertProductInput = {
  /** ISO 4217 currency code. */
  currency?: string | null | undefined;
  /** Longer description. */
  description?: string | null | undefined;
  /** Your reference, which identifies the product. */
  externalReference: string;
  /** Name shown on invoices (required to create). */
  label?: string | null | undefined;
  /** Revenue ledger account (global or Pennylane id). */
  ledgerAccountId?: string | null | undefined;
  /** Unit price excluding tax (required to create). */
  priceBeforeTax?: string | null | undefined;
  /** Internal reference (SKU). */
  reference?: string | null | undefined;
  /** Unit, e.g. piece, hour. */
  unit?: string | null | undefined;
  /** VAT rate code, e.g. FR_200 (required to create). */
  vatRate?: string | null | undefined;
};

export type RecipeShopCustomersQueryVariables = Exact<{
  first: number;
}>;


export type RecipeShopCustomersQuery = { customers: { edges: Array<{ node:
        | { pennylaneId: string, name: string }
        | { pennylaneId: string, name: string }
       }> } };

export type RecipeCreateInvoicesMutationVariables = Exact<{
  inputs: Array<CreateCustomerInvoiceInput> | CreateCustomerInvoiceInput;
  key?: string | null | undefined;
}>;


export type RecipeCreateInvoicesMutation = { createCustomerInvoices:
    | { __typename: 'BulkOperationPayload', replayed: boolean, bulkOperation: { id: string } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipeInvoiceProgressQueryVariables = Exact<{
  id: string;
}>;


export type RecipeInvoiceProgressQuery = { bulkOperation: { status: BulkOperationStatus, processed: number, total: number, items: { edges: Array<{ node: { index: number, state: BulkItemState, outcome:
            | { __typename: 'BulkItemSuccess', record:
                | { pennylaneId: string }
                | Record<PropertyKey, never>
               }
            | { __typename: 'ConflictError', message: string }
            | { __typename: 'NotFoundError', message: string }
            | { __typename: 'OutcomeUnknownError', message: string }
            | { __typename: 'UpstreamFailure', message: string }
            | { __typename: 'ValidationError', message: string }
           | null } }> } } | null };

export type RecipeFinalizeMutationVariables = Exact<{
  id: string;
}>;


export type RecipeFinalizeMutation = { finalizeCustomerInvoice:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'CustomerInvoicePayload', customerInvoice: { invoiceNumber: string | null, status: CustomerInvoiceStatus } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipeMarkPaidMutationVariables = Exact<{
  id: string;
}>;


export type RecipeMarkPaidMutation = { markCustomerInvoiceAsPaid:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'CustomerInvoicePayload', customerInvoice: { invoiceNumber: string | null, status: CustomerInvoiceStatus, paid: boolean } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipeCreateJournalMutationVariables = Exact<{
  code: string;
  key: string;
}>;


export type RecipeCreateJournalMutation = { createJournal:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'JournalPayload', journal: { pennylaneId: string, code: string } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipeCreateAccountMutationVariables = Exact<{
  number: string;
  label: string;
}>;


export type RecipeCreateAccountMutation = { createLedgerAccount:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'LedgerAccountPayload', ledgerAccount: { pennylaneId: string, number: string } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipePushEntriesMutationVariables = Exact<{
  inputs: Array<CreateLedgerEntryInput> | CreateLedgerEntryInput;
  key?: string | null | undefined;
}>;


export type RecipePushEntriesMutation = { createLedgerEntries:
    | { __typename: 'BulkOperationPayload', bulkOperation: { id: string } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipePushedEntriesQueryVariables = Exact<{
  id: string;
}>;


export type RecipePushedEntriesQuery = { bulkOperation: { status: BulkOperationStatus, succeeded: number, failed: number } | null };

export type RecipeReadBackQueryVariables = Exact<{
  journal: string;
  from: string;
  to: string;
}>;


export type RecipeReadBackQuery = { ledgerEntries: { edges: Array<{ node: { pennylaneId: string, label: string | null, date: string, lines: { edges: Array<{ node: { debit: string, credit: string, label: string | null, ledgerAccount: { number: string } } }> } } }> }, trialBalance: { edges: Array<{ node: { number: string, label: string, debits: string, credits: string } }> } };

export type PaidInvoicesSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PaidInvoicesSubscription = { customerInvoiceChanged: { operation: ChangeOperation, cursor: string, customerInvoice: { pennylaneId: string, invoiceNumber: string | null, status: CustomerInvoiceStatus, remainingAmountWithTax: string | null, customer:
        | { name: string }
        | { name: string }
       | null } | null } };

export type RecipeCompanyQueryVariables = Exact<{ [key: string]: never; }>;


export type RecipeCompanyQuery = { me: { company: { name: string } }, customers: { edges: Array<{ node:
        | { name: string }
        | { name: string }
       }> } };

export type RecipeFirstSupplierQueryVariables = Exact<{ [key: string]: never; }>;


export type RecipeFirstSupplierQuery = { suppliers: { edges: Array<{ node: { pennylaneId: string, name: string } }> } };

export type RecipeImportPurchaseOrderMutationVariables = Exact<{
  input: ImportPurchaseRequestInput;
}>;


export type RecipeImportPurchaseOrderMutation = { importPurchaseRequest:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'PurchaseRequestPayload', replayed: boolean, purchaseRequest: { pennylaneId: string, label: string, status: PurchaseRequestStatus, amount: string } }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipeImportSupplierInvoiceMutationVariables = Exact<{
  input: ImportSupplierInvoiceInput;
}>;


export type RecipeImportSupplierInvoiceMutation = { importSupplierInvoice:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'SupplierInvoicePayload', replayed: boolean, supplierInvoice: { pennylaneId: string, invoiceNumber: string | null, currencyAmount: string } }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipeLinkPurchaseRequestMutationVariables = Exact<{
  id: string;
  invoice: string;
}>;


export type RecipeLinkPurchaseRequestMutation = { linkPurchaseRequestToSupplierInvoice:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'PurchaseRequestPayload', purchaseRequest: { pennylaneId: string, supplierInvoices: Array<{ pennylaneId: string, invoiceNumber: string | null, currencyAmount: string }> } }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipePushProductsMutationVariables = Exact<{
  inputs: Array<UpsertProductInput> | UpsertProductInput;
}>;


export type RecipePushProductsMutation = { upsertProducts:
    | { __typename: 'BulkOperationPayload', bulkOperation: { id: string } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipePushCustomersMutationVariables = Exact<{
  inputs: Array<UpsertCustomerInput> | UpsertCustomerInput;
}>;


export type RecipePushCustomersMutation = { upsertCustomers:
    | { __typename: 'BulkOperationPayload', bulkOperation: { id: string } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'OutcomeUnknownError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RecipeSyncOutcomeQueryVariables = Exact<{
  id: string;
}>;


export type RecipeSyncOutcomeQuery = { bulkOperation: { status: BulkOperationStatus, succeeded: number, failed: number, items: { edges: Array<{ node: { index: number, state: BulkItemState, outcome:
            | { __typename: 'BulkItemSuccess' }
            | { __typename: 'ConflictError', message: string }
            | { __typename: 'NotFoundError', message: string }
            | { __typename: 'OutcomeUnknownError', message: string }
            | { __typename: 'UpstreamFailure', message: string }
            | { __typename: 'ValidationError', message: string }
           | null } }> } } | null };

export type RecipePullChangesQueryVariables = Exact<{
  since?: string | null | undefined;
}>;


export type RecipePullChangesQuery = { productChanges: { edges: Array<{ node: { operation: ChangeOperation, processedAt: string, product: { externalReference: string | null, label: string, priceBeforeTax: string } | null } }> }, customerChanges: { edges: Array<{ node: { operation: ChangeOperation, processedAt: string, customer:
          | { externalReference: string | null, name: string }
          | { externalReference: string | null, name: string }
         | null } }> } };

export type RecipeCountSyncedQueryVariables = Exact<{
  refs: Array<string> | string;
}>;


export type RecipeCountSyncedQuery = { products: { edges: Array<{ node: { pennylaneId: string } }> } };

export type UnpaidInvoicesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type UnpaidInvoicesQuery = { customerInvoices: { edges: Array<{ node: { pennylaneId: string, invoiceNumber: string | null, status: CustomerInvoiceStatus, deadline: string | null, currency: string, remainingAmountWithTax: string | null, customer:
          | { name: string, emails: Array<string> }
          | { name: string, emails: Array<string> }
         | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };


export const RecipeShopCustomersDocument = {"__meta__":{"hash":"sha256:d1ef9862fb2251f887e48f83016a2c69da999ef79e097e9ad41f4209f226d40d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipeShopCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"customerType"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"EnumValue","value":"INDIVIDUAL"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipeShopCustomersQuery, RecipeShopCustomersQueryVariables>;
export const RecipeCreateInvoicesDocument = {"__meta__":{"hash":"sha256:02ce6185f0e635e4b3d56fbc8b5006dd9bb943f71026c453f4df38079b462a42"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeCreateInvoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerInvoiceInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomerInvoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkOperationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeCreateInvoicesMutation, RecipeCreateInvoicesMutationVariables>;
export const RecipeInvoiceProgressDocument = {"__meta__":{"hash":"sha256:a3052168b6d1efeec2efe6cc064d7c70a2e78f04c2aecebc504396425f7e41cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipeInvoiceProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"processed"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkItemSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"record"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerInvoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipeInvoiceProgressQuery, RecipeInvoiceProgressQueryVariables>;
export const RecipeFinalizeDocument = {"__meta__":{"hash":"sha256:4bda8b991739b60c274cdfd65262b098a8541e1d4d58e48ad4ad9fc23ecdf64a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeFinalize"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"finalizeCustomerInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerInvoicePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerInvoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeFinalizeMutation, RecipeFinalizeMutationVariables>;
export const RecipeMarkPaidDocument = {"__meta__":{"hash":"sha256:b3c8199b1c17f47df15815cb092f0ff3e1b2b1adbe86425f75e978f308c5ec02"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeMarkPaid"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markCustomerInvoiceAsPaid"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerInvoicePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerInvoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paid"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeMarkPaidMutation, RecipeMarkPaidMutationVariables>;
export const RecipeCreateJournalDocument = {"__meta__":{"hash":"sha256:c33a90426d98d5bb72b921cedd9bbf4749d26718ba9a3818448bd66d4c00fe08"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeCreateJournal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createJournal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"Payroll","block":false}}]}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JournalPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"journal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeCreateJournalMutation, RecipeCreateJournalMutationVariables>;
export const RecipeCreateAccountDocument = {"__meta__":{"hash":"sha256:8a31ed82e91312925d4ccf1061f8436def14ab97e207cb9d86f0a0acaf35a12d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeCreateAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"label"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLedgerAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"label"},"value":{"kind":"Variable","name":{"kind":"Name","value":"label"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LedgerAccountPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ledgerAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeCreateAccountMutation, RecipeCreateAccountMutationVariables>;
export const RecipePushEntriesDocument = {"__meta__":{"hash":"sha256:79e0c07462c5e6fdb9be587eacc6cfe215071b1be4a560d74b0bcef9d4b89944"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipePushEntries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateLedgerEntryInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLedgerEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkOperationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipePushEntriesMutation, RecipePushEntriesMutationVariables>;
export const RecipePushedEntriesDocument = {"__meta__":{"hash":"sha256:8f90d249449257937a082e6749a7e77ef1993cd16108122e1aa8e0ec1b88dad0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipePushedEntries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}}]}}]}}]} as unknown as DocumentNode<RecipePushedEntriesQuery, RecipePushedEntriesQueryVariables>;
export const RecipeReadBackDocument = {"__meta__":{"hash":"sha256:0f0d8a10bb21a5bbf50e35dfcfdc58c28dacd94634bd7836641c0c8721321e49"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipeReadBack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"journal"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ledgerEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"journalId"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"journal"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"debit"}},{"kind":"Field","name":{"kind":"Name","value":"credit"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"ledgerAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trialBalance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"periodStart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"periodEnd"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"debits"}},{"kind":"Field","name":{"kind":"Name","value":"credits"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipeReadBackQuery, RecipeReadBackQueryVariables>;
export const PaidInvoicesDocument = {"__meta__":{"hash":"sha256:9e24ba0ddf82f6a440d24b3bf5ba7d99beb5cb5fa86520f769ee339e840a77a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PaidInvoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerInvoiceChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PAID"}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"operations"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"INSERT"},{"kind":"EnumValue","value":"UPDATE"}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"customerInvoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"remainingAmountWithTax"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PaidInvoicesSubscription, PaidInvoicesSubscriptionVariables>;
export const RecipeCompanyDocument = {"__meta__":{"hash":"sha256:bff3ddd5df87c57b261a22cf95e6e8822e7732ff9f55f0f560df06b69c0eaf70"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipeCompany"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipeCompanyQuery, RecipeCompanyQueryVariables>;
export const RecipeFirstSupplierDocument = {"__meta__":{"hash":"sha256:58c86044d5b647908ecb1503497e98b7ed8a60859d3d4a5004a192e9b181edc7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipeFirstSupplier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppliers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipeFirstSupplierQuery, RecipeFirstSupplierQueryVariables>;
export const RecipeImportPurchaseOrderDocument = {"__meta__":{"hash":"sha256:563adcfac59595443a0ba3444bbb15b6c5ca2725f7996e3c4e9423a27207ebca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeImportPurchaseOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportPurchaseRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importPurchaseRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PurchaseRequestPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"purchaseRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeImportPurchaseOrderMutation, RecipeImportPurchaseOrderMutationVariables>;
export const RecipeImportSupplierInvoiceDocument = {"__meta__":{"hash":"sha256:48d9f0465da17d6e711efb7e80e2702b8835847abe5ecd2be450638078093312"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeImportSupplierInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportSupplierInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importSupplierInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupplierInvoicePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"supplierInvoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"currencyAmount"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeImportSupplierInvoiceMutation, RecipeImportSupplierInvoiceMutationVariables>;
export const RecipeLinkPurchaseRequestDocument = {"__meta__":{"hash":"sha256:737fd145e114c620b3cb06f3b61fa6278db7c86ecfcdc627bc30db3e83518b2c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipeLinkPurchaseRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"invoice"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkPurchaseRequestToSupplierInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"supplierInvoiceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"invoice"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PurchaseRequestPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purchaseRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"supplierInvoices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"currencyAmount"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipeLinkPurchaseRequestMutation, RecipeLinkPurchaseRequestMutationVariables>;
export const RecipePushProductsDocument = {"__meta__":{"hash":"sha256:26e44eb8d71e935c3ada6c723a63002169154b960f72aceeced43d554486d278"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipePushProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertProductInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkOperationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipePushProductsMutation, RecipePushProductsMutationVariables>;
export const RecipePushCustomersDocument = {"__meta__":{"hash":"sha256:3560112642cb61e1ecac47e460984e7caa036e95e1ccd3ba3cef6ce15554bea2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecipePushCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertCustomerInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkOperationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecipePushCustomersMutation, RecipePushCustomersMutationVariables>;
export const RecipeSyncOutcomeDocument = {"__meta__":{"hash":"sha256:4b8bb08e04cd60036cff93adfa3efd90366aba9ea11053283441dbb6d88b834c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipeSyncOutcome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipeSyncOutcomeQuery, RecipeSyncOutcomeQueryVariables>;
export const RecipePullChangesDocument = {"__meta__":{"hash":"sha256:e23ad6389181597529ccdfa7b0c284f92e1c52a015df191869cf4b49b34fb254"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipePullChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalReference"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"priceBeforeTax"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalReference"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipePullChangesQuery, RecipePullChangesQueryVariables>;
export const RecipeCountSyncedDocument = {"__meta__":{"hash":"sha256:4142df9a552eda0de30a0a5e19466a0bf7c029a9881cda87bf6c17343ca1c06b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipeCountSynced"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"externalReference"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"in"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refs"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecipeCountSyncedQuery, RecipeCountSyncedQueryVariables>;
export const UnpaidInvoicesDocument = {"__meta__":{"hash":"sha256:757deef543268d72f990f1332c5de73052d0e9de348e287d03d604fef379ed05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnpaidInvoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerInvoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"draft"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"BooleanValue","value":false}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"creditNote"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"BooleanValue","value":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"remainingAmountWithTax"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"emails"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<UnpaidInvoicesQuery, UnpaidInvoicesQueryVariables>;