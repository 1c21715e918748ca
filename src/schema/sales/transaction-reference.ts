import type { PennylaneTransactionReference } from '../../datasources/pennylane/customer-invoices.js';
import { builder } from '../builder.js';

export const TransactionReferenceRef = builder.objectRef<PennylaneTransactionReference>('TransactionReference').implement({
  description: 'The bank reference Pennylane uses to match incoming payments to this invoice.',
  fields: (t) => ({
    bankingProvider: t.exposeString('banking_provider', { description: 'Banking provider.' }),
    providerFieldName: t.exposeString('provider_field_name', { description: 'Field of the bank transaction to match.' }),
    providerFieldValue: t.exposeString('provider_field_value', { description: 'Value to match.' }),
  }),
});
