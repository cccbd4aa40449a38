// The one pino root logger. It writes to stderr (stdout belongs to the console adapter's replies) and
// removes personal data: known secret fields are censored, and any text is masked before it is logged.
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { redact } from './nlu/pii.js';

export type { Logger };

export function createLogger(level: LevelWithSilent = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['text', 'raw', 'payload', 'phone', 'nik', '*.text', '*.raw', '*.phone', '*.nik', 'authorization', '*.authorization'], censor: '[redacted]' },
    formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
    // maskDeep has already turned errors into {type, code, message, stack}; pino's own would rename them "Object".
    serializers: { err: (e: unknown) => e },
    hooks: {
      // The message string itself is masked too ("failed for 0812..." never reaches the log).
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
      },
    },
  }, destination);
}

/** Masks NIK, phone numbers and e-mail addresses in every string of a log record. */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { type: value.name, ...(typeof code === 'string' ? { code } : {}), message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/** A logger that drops everything, for tests and tools. */
export const silentLogger: Logger = pino({ level: 'silent' });
