/** Resources outside the business domains: files, webhooks, e-invoicing registration, changes. */

export interface PennylaneFileAttachment {
  readonly id: number;
  readonly url: string;
  readonly filename: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylaneWebhookSubscription {
  readonly id: number;
  readonly callback_url: string;
  readonly events: readonly string[];
  readonly enabled: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PennylanePaRegistration {
  readonly id: number;
  readonly siret: string | null;
  readonly status: string;
  readonly platform_name: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A changelog event (API.md §4.6): ids only, re-fetch the record to see its state. */
export interface PennylaneChangeEvent {
  readonly id: number;
  readonly operation: 'insert' | 'update' | 'delete';
  readonly processed_at: string;
  readonly updated_at: string;
  readonly created_at: string;
}
