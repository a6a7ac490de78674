import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stderr (stdout is kept for command output such as printed keys). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'tailor' } }, pino.destination(2));
}
