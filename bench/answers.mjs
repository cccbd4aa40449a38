// Prints every turn of the evaluation case sets with the bot's answer ids, replies and entities, one JSON
// line each, from the compiled bot in DIR (default: this folder). A speed change must leave this output
// unchanged: `node bench/answers.mjs /path/to/old > a; node bench/answers.mjs > b; diff a b`.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.');
const { loadBotContent } = await import(join(dir, 'dist/content/index.js'));
const { Bot } = await import(join(dir, 'dist/core/bot.js'));
const bot = new Bot(await loadBotContent(dir, { nluCacheSize: 0 }));
const here = resolve('.');
const sets = [join(here, '../shared/eval/dev-cases.jsonl'), join(here, '../shared/eval/sample-cases.jsonl'),
  join(here, 'tests/fixtures/fresh-cases.jsonl'), join(here, 'tests/fixtures/tuning-cases.jsonl'), join(here, 'tests/fixtures/extra-cases.jsonl')];
const at = new Date('2026-12-01T10:00:00Z');
let chat = 0;
for (const file of sets.filter((f) => existsSync(f))) {
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const c = JSON.parse(line);
    const chatId = `c${chat++}`;
    for (const text of [...(c.turns ?? []), c.text]) {
      const r = bot.handle({ id: '', channel: 'answers', chatId, text, receivedAt: at });
      console.log(JSON.stringify([text, r.answers, r.replies, r.entities]));
    }
  }
}
