import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { API_KEY_HEADER, PENNYLANE_CONNECTION_HEADER, PENNYLANE_TOKEN_HEADER } from './authenticate.js';
import type { EdgeConfig } from './edge-config.js';
import { edgeError } from './edge-errors.js';

/**
 * Headers that prove a request is no cross-site form: a browser sends none of them without
 * a CORS preflight, which only the allowed origins pass. Yoga's and Apollo's usual ones, and
 * our credentials headers (a client that sends its API key already qualifies).
 */
export const CSRF_HEADERS = [
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  API_KEY_HEADER,
  PENNYLANE_TOKEN_HEADER,
  PENNYLANE_CONNECTION_HEADER,
] as const;

/** Request headers a browser on an allowed origin may send (the preflight's answer). */
export const CORS_REQUEST_HEADERS = [
  'content-type',
  'accept',
  'authorization',
  'x-request-id',
  'x-pennylane-deadline-ms',
  'x-pennylane-cost',
  ...CSRF_HEADERS,
] as const;

/**
 * Yoga's CSRF prevention: requests a browser can send cross-site without a preflight
 * (form-encoded, multipart, text/plain, GET) need one of CSRF_HEADERS. Its refusal is
 * re-worded to say what to send.
 */
export function useCsrfPrevention(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      try {
        return csrf.onRequestParse?.(payload);
      } catch {
        throw edgeError(
          `This request could come from a cross-site form (GET, form-encoded, multipart or text/plain): send one of the headers ${CSRF_HEADERS.join(', ')} (any value), or a JSON POST.`,
          'CSRF_HEADER_REQUIRED',
          403,
        );
      }
    },
  };
}

/**
 * CORS from the allow-list: an allowed origin gets its own name back (never a wildcard echo),
 * with credentials only when GATEWAY_CORS_CREDENTIALS=true; any other origin gets no CORS
 * header at all, so the browser keeps the answer from the page.
 */
export function corsOptions(config: EdgeConfig['cors']): (request: Request) => CORSOptions {
  const shared = {
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [...CORS_REQUEST_HEADERS],
    exposedHeaders: ['x-request-id'],
    credentials: config.credentials,
    maxAge: 600,
  };
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null) return false;
    if (config.origins === '*') return { ...shared, origin: '*', credentials: false };
    if (!config.origins.includes(origin)) return false;
    return { ...shared, origin };
  };
}
