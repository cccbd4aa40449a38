// npm run explain -- "message" ["message" ...]: how the bot reads a message (language, regions, features
// after slang and typo correction, top intents with scores, confidence) and what it answers.
import { loadBotContent } from '../content/index.js';
import { Bot } from '../core/bot.js';

const texts = process.argv.slice(2);
if (!texts.length) {
  console.log('usage: npm run explain -- "cakupan jkn kota semarang" ["another message" ...]');
  process.exit(0);
}
const snapshot = await loadBotContent(process.env.CONTENT_DIR ?? '.', { nluCacheSize: 0 });
const bot = new Bot(snapshot);
for (const [i, text] of texts.entries()) {
  const u = snapshot.nlu.understand(text);
  const res = bot.handle({ id: '', channel: 'explain', chatId: `explain-${i}`, text, receivedAt: new Date() });
  console.log(`\n"${text}"`);
  console.log(`  language ${u.lang}; regions: ${u.regions.map((r) => `${r.text} -> ${r.candidates.map((c) => c.name).join(' / ')}${r.fuzzy ? ' (typo)' : ''}`).join('; ') || 'none'}${u.national ? '; national' : ''}${u.unknownPlace ? `; unknown place "${u.unknownPlace}"` : ''}`);
  console.log(`  features: ${u.features.join(' ') || '(none)'}   known words: ${Math.round(u.knownShare * 100)}%`);
  console.log(`  ranking: ${u.ranking.slice(0, 4).map((r) => `${r.intent} ${r.score.toFixed(3)}`).join(', ')}`);
  console.log(`  nearest example similarity ${u.similarity.toFixed(2)}, confidence ${u.confidence.toFixed(3)} -> ${res.intent}`);
  console.log(`  reply: ${res.replies[0]?.split('\n')[0]}`);
}
