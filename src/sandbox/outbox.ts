/** E-mails "sent" by `send_by_email` (invoices and quotes): recorded so tests can see them. */

export interface SentEmail {
  /** Company key ('demo' for the demo token). */
  readonly company: string;
  readonly resource: 'customer_invoices' | 'quotes';
  readonly id: number;
  readonly recipients: readonly string[];
  /** Simulated clock of the company when the e-mail was queued. */
  readonly at: string;
}

export class Outbox {
  private sent: SentEmail[] = [];

  record(email: SentEmail): void {
    this.sent.push({ ...email, recipients: [...email.recipients] });
  }

  /** Every e-mail of a company (all companies when omitted), in sending order. */
  list(company?: string): SentEmail[] {
    return this.sent.filter((e) => company === undefined || e.company === company).map((e) => ({ ...e, recipients: [...e.recipients] }));
  }

  clear(): void {
    this.sent = [];
  }
}
