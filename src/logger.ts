import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. Tokens never reach a log line: the code never logs them, and as a
 * second line of defence any `authorization` header or `token` field is redacted.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'pennylane-graphql' },
    redact: {
      paths: ['authorization', 'token', '*.authorization', '*.token', 'headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
