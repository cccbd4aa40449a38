// Entry point of `npm run console`: the terminal chat, or JSON lines with --json.
import { bootstrap, fail } from './bootstrap.js';
import { runInteractive, runJsonLines } from './adapters/console.js';

try {
  const json = process.argv.includes('--json');
  // The interactive chat shares the terminal with the logs: only warnings and errors are logged there.
  const { bot } = await bootstrap({ quiet: !json });
  if (json) await runJsonLines(bot);
  else await runInteractive(bot, { detail: process.argv.includes('--detail') });
} catch (err) {
  fail(err);
}
