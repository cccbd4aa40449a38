// What every entry point needs first: configuration, the logger, checked content and the bot.
import { loadConfig, loadDotEnv, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { loadBotContent } from './content/index.js';
import { ParseCache } from './content/parse-cache.js';
import { Bot } from './core/bot.js';
import { MemoryConversationStore } from './core/conversation.js';
import { FileUnansweredStore, type UnansweredStore } from './core/unanswered.js';

export interface App { config: Config; logger: Logger; bot: Bot; unanswered?: UnansweredStore }

export interface BootstrapOptions {
  /** Log at warn or above whatever LOG_LEVEL says (the interactive console: its terminal is for replies). */
  quiet?: boolean;
}

const SEVERITY = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export async function bootstrap(opts: BootstrapOptions = {}): Promise<App> {
  loadDotEnv();
  const config = loadConfig();
  const level = opts.quiet && SEVERITY.indexOf(config.LOG_LEVEL) < SEVERITY.indexOf('warn') ? 'warn' : config.LOG_LEVEL;
  const logger = createLogger(level);
  const parseCache = config.CONTENT_PARSE_CACHE === 'off' ? undefined : new ParseCache(config.CONTENT_PARSE_CACHE);
  const snapshot = await loadBotContent(config.CONTENT_DIR, { parseCache });
  logger.info({ version: snapshot.version, intents: snapshot.intents.length, filesFromParseCache: parseCache?.hits ?? 0 }, 'content loaded');
  const unanswered = config.UNANSWERED_FILE === 'off' ? undefined : new FileUnansweredStore(config.UNANSWERED_FILE);
  const bot = new Bot(snapshot, {
    logger,
    unanswered,
    lowConfidence: config.UNANSWERED_BELOW,
    minConfidence: config.NLU_MIN_CONFIDENCE,
    store: new MemoryConversationStore(config.CONTEXT_TTL_MINUTES * 60_000, config.CONTEXT_MAX_SENDERS),
  });
  return { config, logger, bot, unanswered };
}

/** Prints a startup error the way an operator can act on it, and exits. */
export function fail(err: unknown): never {
  const e = err as { code?: string; message?: string; stack?: string };
  process.stderr.write(`${e.code?.startsWith('E_') ? e.message : e.stack ?? String(err)}\n`);
  process.exit(1);
}
