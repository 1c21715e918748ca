import type {
  PennylaneBankAccount,
  PennylaneBankEstablishment,
  PennylaneTransaction,
} from '../../datasources/pennylane/banking.js';
import { builder } from '../builder.js';

/** Type references of the banking domain (implemented in their own files). */
export const BankAccountRef = builder.objectRef<PennylaneBankAccount>('BankAccount');
export const BankEstablishmentRef = builder.objectRef<PennylaneBankEstablishment>('BankEstablishment');
export const TransactionRef = builder.objectRef<PennylaneTransaction>('Transaction');
