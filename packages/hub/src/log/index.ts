import pino, { type Logger } from 'pino';

/** A logger; JSON lines to stdout, or silent. */
export type { Logger };

/** Create the hub's logger at a level. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination
    ? pino({ level, base: { svc: 'genio' } }, destination)
    : pino({ level, base: { svc: 'genio' } });
}
