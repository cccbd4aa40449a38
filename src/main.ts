// Composition root: config -> logger -> content -> bot -> adapters. Nothing else.
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { loadBotContent } from './content/index.js';
import { Bot } from './core/bot.js';
import { MemoryConversationStore } from './core/conversation.js';
import { runInteractive, runJsonLines } from './adapters/console.js';
import { BotError } from './errors.js';

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const snapshot = await loadBotContent(config.CONTENT_DIR);
  logger.info({ version: snapshot.version, intents: snapshot.intents.length }, 'content loaded');
  const bot = new Bot(snapshot, {
    logger,
    minConfidence: config.NLU_MIN_CONFIDENCE,
    store: new MemoryConversationStore(config.CONTEXT_TTL_MINUTES * 60_000, config.CONTEXT_MAX_SENDERS),
  });
  if (argv.includes('--json')) await runJsonLines(bot);
  else await runInteractive(bot);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof BotError ? err.message : (err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
