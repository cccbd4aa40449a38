// The one pino root logger. It writes to stderr (stdout belongs to the console adapter's replies) and
// removes personal data: known secret fields are censored, and any text is masked before it is logged.
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { redact } from './nlu/pii.js';

export type { Logger };

/**
 * Lines are written as they come (synchronously): an operator sees them at once and none is lost when the
 * process is killed. (`pino.destination(2)` alone is asynchronous: on a busy loop its lines pile up in memory
 * until the event loop turns, 36 MB over 100,000 turns. Written synchronously a line costs the same here.)
 */
export function createLogger(level: LevelWithSilent = 'info', destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino({
    level,
    base: undefined,
    formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
    // maskDeep has already turned errors into {type, code, message, stack}; pino's own would rename them "Object".
    serializers: { err: (e: unknown) => e },
    hooks: {
      // The message string itself is masked too ("failed for 0812..." never reaches the log).
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') args[i] = mask(args[i] as string);
        method.apply(this, args);
      },
    },
  }, destination);
}

/** Fields never logged, at any depth: what the user wrote, raw payloads, credentials. */
const SECRET_FIELDS = new Set(['text', 'raw', 'payload', 'phone', 'nik', 'authorization']);
/** Only a string with a digit or an at sign can hold a NIK, card or phone number or an e-mail address. */
const MAY_HOLD_PII = /[\p{Nd}@\uFF20\uFE6B]/u;
const mask = (s: string) => (MAY_HOLD_PII.test(s) ? redact(s) : s);

/**
 * Censors the secret fields and masks NIK, phone numbers and e-mail addresses in every other string of a
 * log record. (One walk here rather than pino's redact paths: wildcard paths cost 10 µs a line.)
 */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return mask(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (BOT_MADE in value) return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { type: value.name, ...(typeof code === 'string' ? { code } : {}), message: mask(value.message), stack: value.stack ? mask(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = SECRET_FIELDS.has(k) ? '[redacted]' : maskDeep((value as Record<string, unknown>)[k], depth + 1);
  return out;
}

const BOT_MADE = Symbol('bot-made log fields');

/**
 * Marks log fields the bot made itself, from its own names and numbers (turn ids, channel and intent names,
 * answer ids, confidence, milliseconds): nothing a user wrote, so the personal-data walk is skipped for them.
 * It took about a tenth of the turn's log line, which is written for every message. Never put text from a
 * message, a payload or an error in such fields. (The marker is a symbol: it is not written to the line.)
 */
export function botMadeFields<T extends Record<string, string | number | boolean | readonly string[] | undefined>>(fields: T): T {
  return Object.defineProperty(fields, BOT_MADE, { value: true });
}

/** A logger that drops everything, for tests and tools. */
export const silentLogger: Logger = pino({ level: 'silent' });
