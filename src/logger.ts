import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * JSON logs on stdout (`format: 'pretty'`: pino-pretty's coloured lines, for a person at a
 * terminal; the same fields, redacted the same way). Tokens never reach a log line: the code
 * never logs them, and as a second line of defence any `authorization` or `x-api-key` header
 * and `token` field is redacted.
 */
export function createLogger(level: string, destination?: DestinationStream, format: 'json' | 'pretty' = 'json'): Logger {
  const options = {
    level,
    base: { service: 'pennylane-graphql' },
    redact: {
      paths: [
        'authorization',
        'token',
        '*.authorization',
        '*.token',
        'headers.authorization',
        'req.headers.authorization',
        '["x-api-key"]',
        '*["x-api-key"]',
        'headers["x-api-key"]',
      ],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') {
    // Synchronous, so the last lines of a stop are written before the process exits.
    return pino(options, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', ...(destination ? { destination } : {}) }));
  }
  return destination ? pino(options, destination) : pino(options);
}
