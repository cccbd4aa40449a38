// process.env parsed once with zod, every problem reported at once, frozen. Documented in .env.example.
import { z } from 'zod';
import { ConfigError } from './errors.js';

const schema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONTENT_DIR: z.string().min(1).default('.'),
  CONTEXT_TTL_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
  CONTEXT_MAX_SENDERS: z.coerce.number().int().positive().default(50_000),
  NLU_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.25),
});

export type Config = Readonly<z.infer<typeof schema>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return Object.freeze(parsed.data);
}
