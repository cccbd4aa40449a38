// process.env parsed once with zod, every problem reported at once, frozen. Documented in .env.example.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const optional = z.string().trim().min(1).optional().catch(undefined);

const schema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONTENT_DIR: z.string().min(1).default('.'),
  CONTEXT_TTL_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
  CONTEXT_MAX_SENDERS: z.coerce.number().int().positive().default(50_000),
  NLU_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.2),
  UNANSWERED_FILE: z.string().min(1).default('var/unanswered.jsonl'),
  CONTENT_PARSE_CACHE: z.string().min(1).default('var/content-parse-cache.bin'),
  UNANSWERED_BELOW: z.coerce.number().min(0).max(1).default(0.45),
  WATCH_CONTENT: bool.default(true),
  EDITOR_TOKEN: optional,
  EDITOR_AUDIT_FILE: z.string().min(1).default('var/editor-audit.jsonl'),
  UNANSWERED_MAX: z.coerce.number().int().min(100).default(10_000),

  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_TOKEN: optional,
  METRICS_TOKEN: optional,
  HTTP_MAX_BODY_BYTES: z.coerce.number().int().min(256).max(10_000_000).default(16_384),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),

  INSTANCE_ID: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'like redis://127.0.0.1:6379').optional(),
  REDIS_FALLBACK: z.enum(['memory', 'fail']).default('memory'),
  REDIS_PREFIX: z.string().min(1).default('pandawa:'),
  REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).default(500),
  REDIS_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  ID_HASH_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  TURN_LOCK_TTL_MS: z.coerce.number().int().min(1000).default(15_000),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(8),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().positive().default(20),
  RATE_LIMIT_MODE: z.enum(['queue', 'drop']).default('queue'),
  RATE_LIMIT_MAX_QUEUE_MS: z.coerce.number().int().min(0).default(30_000),
  DEDUP_TTL_HOURS: z.coerce.number().positive().default(24),

  WHATSAPP_ENABLED: bool.default(false),
  WHATSAPP_LOCK_TTL_MS: z.coerce.number().int().min(1000).default(30_000),
  WHATSAPP_AUTH_DIR: z.string().min(1).default('auth/whatsapp'),
  WHATSAPP_PAIRING_NUMBER: z.string().regex(/^\d{8,15}$/, 'digits only, with country code, e.g. 6281234567890').optional(),
  WHATSAPP_BACKLOG_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(900),
  WHATSAPP_MIN_GAP_MS: z.coerce.number().int().min(0).default(1500),
  WHATSAPP_MAX_PER_MINUTE: z.coerce.number().int().min(1).default(40),
  WHATSAPP_MAX_BACKOFF_MS: z.coerce.number().int().min(1000).default(30_000),

  CLOUD_API_VERIFY_TOKEN: optional,
  CLOUD_API_APP_SECRET: optional,
  CLOUD_API_ACCESS_TOKEN: optional,
  /** One phone_number_id, or several separated by commas (numbers of one Meta app). */
  CLOUD_API_PHONE_NUMBER_ID: z.string().trim().regex(/^\d+(\s*,\s*\d+)*$/, 'digits, or several ids separated by commas').optional(),
  CLOUD_API_INTERACTIVE_LIST_INTENTS: z.string().regex(/^[\w.]+(,\s*[\w.]+)*$/, 'intent names separated by commas, e.g. help.menu').optional(),
  CLOUD_API_GRAPH_BASE_URL: z.string().url().default('https://graph.facebook.com'),
  CLOUD_API_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, 'like v21.0').default('v21.0'),
});

const CLOUD_KEYS = ['CLOUD_API_VERIFY_TOKEN', 'CLOUD_API_APP_SECRET', 'CLOUD_API_ACCESS_TOKEN', 'CLOUD_API_PHONE_NUMBER_ID'] as const;

export type Config = Readonly<z.infer<typeof schema> & { cloudApiEnabled: boolean }>;

/** Reads .env from the working folder if there is one (values already in the environment win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const cloudSet = CLOUD_KEYS.filter((k) => cleaned[k]);
  if (cloudSet.length > 0 && cloudSet.length < CLOUD_KEYS.length) {
    problems.push(`WhatsApp Cloud API needs all of ${CLOUD_KEYS.join(', ')}; missing: ${CLOUD_KEYS.filter((k) => !cleaned[k]).join(', ')}`);
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  return Object.freeze({ ...parsed.data, cloudApiEnabled: cloudSet.length === CLOUD_KEYS.length });
}
