/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

export type UnpaidInvoicesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type UnpaidInvoicesQuery = { customerInvoices: { edges: Array<{ node: { pennylaneId: string, invoiceNumber: string | null, status: CustomerInvoiceStatus, deadline: string | null, currency: string, remainingAmountWithTax: string | null, customer:
          | { name: string, emails: Array<string> }
          | { name: string, emails: Array<string> }
         | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };


export const UnpaidInvoicesDocument = {"__meta__":{"hash":"sha256:757deef543268d72f990f1332c5de73052d0e9de348e287d03d604fef379ed05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnpaidInvoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerInvoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"draft"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"BooleanValue","value":false}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"creditNote"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"BooleanValue","value":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pennylaneId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"remainingAmountWithTax"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"emails"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<UnpaidInvoicesQuery, UnpaidInvoicesQueryVariables>;