import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks in every log line: authorization headers, tokens and secrets, wherever a
 * component puts them.
 */
export const REDACT_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'AZURE_CLIENT_SECRET',
  '*.AZURE_CLIENT_SECRET',
  'AZURE_STORAGE_CONNECTION_STRING',
  '*.AZURE_STORAGE_CONNECTION_STRING',
  'connectionString',
  '*.connectionString',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; a stream in tests, stdout otherwise. */
  destination?: pino.DestinationStream;
}

/** Creates the root JSON logger; components take `logger.child({ component })`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
