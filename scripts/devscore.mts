// Quick held-out score of the classifier over tests/conversations/labelled.yaml (development aid).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadBotContent } from '../src/content/index.js';
import { Bot } from '../src/core/bot.js';
const s = await loadBotContent('.');
const { messages } = parse(readFileSync('tests/conversations/labelled.yaml', 'utf8')) as { messages: Array<{ text: string; intent: string }> };
let ok = 0;
const bot = new Bot(s, {});
for (const [i, m] of messages.entries()) {
  const r = bot.handle({ id: String(i), channel: 'dev', chatId: 'dev' + i, text: m.text, receivedAt: new Date() });
  const good = m.intent.includes('.') ? r.intent === m.intent : r.intent.split('.')[0] === m.intent;
  if (good) ok++;
  else {
    const u = s.nlu.understand(m.text);
    console.log(`MISS ${m.text} -> ${r.intent} (${r.confidence}) want ${m.intent} | ${u.ranking.slice(0, 3).map((x) => x.intent + ':' + x.score.toFixed(2)).join(' ')} sim=${u.similarity.toFixed(2)}`);
  }
}
console.log(`${ok}/${messages.length}`);
