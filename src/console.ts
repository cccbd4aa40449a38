// Entry point of `npm run console`: the terminal chat, or JSON lines with --json.
import { bootstrap, fail } from './bootstrap.js';
import { runInteractive, runJsonLines } from './adapters/console.js';

try {
  const { bot } = await bootstrap();
  if (process.argv.includes('--json')) await runJsonLines(bot);
  else await runInteractive(bot);
} catch (err) {
  fail(err);
}
