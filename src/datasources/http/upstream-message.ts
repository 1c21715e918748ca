/**
 * What of an upstream error body may reach a client: only the text of Pennylane's message
 * fields (`message`, `error`, `details`…), cleaned and bounded, never a raw body. A proxy's
 * HTML page, a stack trace or megabytes of text become a short generic sentence instead.
 */

/** Longest message passed on; longer ones are cut with an ellipsis. */
export const UPSTREAM_MESSAGE_MAX_CHARS = 1_000;
/** Longest `field` or `code` passed on (they are identifiers). */
export const UPSTREAM_NAME_MAX_CHARS = 200;

const HTML = /<\s*(!doctype|html|head|body|script|style|div|p|br|h\d|table)\b/i;
/** A line of a stack trace: `at fn (file:1:2)`, `from /app/x.rb:12:in`, `/app/x.rb:12`, `File "x.py", line 3`. */
const STACK_LINE = /^\s*(at\s+\S|from\s+\S|[\w./\\-]+\.(rb|js|ts|py|java|go|php):\d+|File\s+"[^"]+",\s+line\s+\d+|Traceback\b)/;

/** Text fit for a client: the message before any stack trace, one line, bounded; null if nothing is left. */
export function cleanUpstreamText(value: unknown, maxChars = UPSTREAM_MESSAGE_MAX_CHARS): string | null {
  if (typeof value !== 'string') return null;
  // Look at a bounded prefix only: whatever follows is never shown anyway.
  const head = value.slice(0, maxChars * 4);
  if (HTML.test(head)) return null;
  const lines: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (STACK_LINE.test(line)) break;
    lines.push(line);
  }
  // eslint-disable-next-line no-control-regex
  const text = lines.join(' ').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}

/** An identifier-like field (`field`, `code`): kept only when it looks like one. */
export function cleanUpstreamName(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > UPSTREAM_NAME_MAX_CHARS) return null;
  return /^[\w.[\]:/-]+$/.test(value) ? value : null;
}
