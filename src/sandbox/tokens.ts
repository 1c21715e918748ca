/** Bearer tokens: scopes and the company each one opens (API.md §1.2, §1.4). */
import { nowMs } from './time.js';

/** Every scope of the 2026 surface (`ledger` is dead in 2026 and not granted). */
export const ALL_SCOPES: readonly string[] = [
  'customers:all',
  'customer_invoices:all',
  'customer_invoice_templates:readonly',
  'products:all',
  'quotes:all',
  'commercial_documents:all',
  'billing_subscriptions:all',
  'customer_mandates:all',
  'pa_registrations:readonly',
  'suppliers:all',
  'supplier_invoices:all',
  'purchase_requests:all',
  'journals:all',
  'ledger_accounts:all',
  'ledger_entries:all',
  'trial_balance:readonly',
  'fiscal_years:readonly',
  'exports:fec',
  'exports:agl',
  'exports:gl',
  'categories:all',
  'transactions:all',
  'bank_accounts:all',
  'bank_establishments:readonly',
  'file_attachments:all',
];

export const DEMO_COMPANY = 'demo';

export interface TokenRecord {
  scopes: string[];
  company: string;
  /** Epoch ms after which the token is invalid (OAuth access tokens); absent: never expires. */
  expiresAt?: number;
}

export interface AddTokenOptions {
  scopes?: string[];
  company?: string;
  seed?: number;
  /** Company flag: it has a Pennylane Pro Account (pro_account routes answer lists instead of 404). */
  proAccount?: boolean;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();

  lookup(token: string): TokenRecord | undefined {
    const record = token === '' ? undefined : this.tokens.get(token);
    if (record?.expiresAt !== undefined && nowMs() >= record.expiresAt) {
      // Pennylane answers an expired token like any invalid one (API.md §1.2).
      this.tokens.delete(token);
      return undefined;
    }
    return record;
  }

  set(token: string, record: TokenRecord): void {
    if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token)) throw new Error('token must be a non-empty string without spaces');
    this.tokens.set(token, { scopes: [...record.scopes], company: record.company, ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}) });
  }

  setScopes(token: string, scopes: readonly string[]): void {
    const record = this.tokens.get(token);
    if (!record) throw new Error('unknown token');
    record.scopes = [...scopes];
  }

  remove(token: string): boolean {
    return this.tokens.delete(token);
  }

  clear(): void {
    this.tokens.clear();
  }
}
