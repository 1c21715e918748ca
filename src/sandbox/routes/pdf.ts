/**
 * Asynchronous PDFs (API.md §3.7, §5 rule 2): a finalized invoice or a created/edited
 * quote gets its PDF `pdfDelayMs` of simulated time later; until then
 * `public_file_url` is null and `send_by_email` answers 409.
 */
import { conflict } from '../errors.js';
import type { CompanyStore } from '../store.js';
import type { RuntimeSettings } from './types.js';

interface PdfState {
  pdf_ready_micros?: number;
}

/** The instant (µs, simulated) the PDF of a document generated now will exist. */
export function pdfReadyAt(company: CompanyStore, settings: RuntimeSettings): number {
  return company.clock.peekMicros() + Math.round(settings.pdfDelayMs * 1000);
}

/** Whether the document's PDF exists now (seeded documents have theirs). */
export function pdfReady(company: CompanyStore, doc: PdfState): boolean {
  return (doc.pdf_ready_micros ?? 0) <= company.clock.peekMicros();
}

/** 409 until the PDF exists (send_by_email). */
export function requirePdf(company: CompanyStore, doc: PdfState, noun: 'invoice' | 'quote'): void {
  if (!pdfReady(company, doc)) throw conflict(`The PDF of this ${noun} is not ready yet`);
}
