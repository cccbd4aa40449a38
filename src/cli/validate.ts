// npm run validate: checks every content file and prints each problem as file:line:column field: message.
import { loadBotContent } from '../content/index.js';
import { ContentError, formatIssue } from '../errors.js';

const root = process.argv[2] ?? process.env.CONTENT_DIR ?? '.';
try {
  const s = await loadBotContent(root);
  const examples = s.intents.reduce((n, i) => n + i.examples.length, 0);
  process.stdout.write(`content OK: ${s.files.length} files, ${s.intents.length} intents, ${examples} examples, version ${s.version}\n`);
} catch (e) {
  if (!(e instanceof ContentError)) throw e;
  for (const i of e.issues) process.stdout.write(formatIssue(i) + '\n');
  const files = new Set(e.issues.map((i) => i.file)).size;
  process.stdout.write(`\n${e.issues.length} problem(s) in ${files} file(s); the bot will not load this content.\n`);
  process.exit(1);
}
