// npm run explain -- "message" ["message" ...]: how the bot reads a message (language, clauses, regions,
// features after the register and typo correction, cue labels, top intents, the `asks` matched) and what it
// answers. Messages are one conversation, in order, so follow-ups can be explained too.
import { loadBotContent } from '../content/index.js';
import { Bot, BOT_DEFAULTS } from '../core/bot.js';
import { frameMessage } from '../core/frame.js';

const texts = process.argv.slice(2);
if (!texts.length) {
  console.log('usage: npm run explain -- "cakupan jkn kota semarang" ["kalau kabupatennya?" ...]');
  process.exit(0);
}
const snapshot = await loadBotContent(process.env.CONTENT_DIR ?? '.', { nluCacheSize: 0 });
const bot = new Bot(snapshot);
for (const text of texts) {
  const u = snapshot.nlu.understand(text);
  const res = bot.handle({ id: '', channel: 'explain', chatId: 'explain', text, receivedAt: new Date() });
  console.log(`\n"${text}"  (language ${u.lang})`);
  for (const c of u.clauses) {
    console.log(`  clause${c.isQuestion ? ' (question)' : ''}: ${c.tokens.join(' ')}`);
    console.log(`    regions: ${c.regions.map((r) => `${r.text} -> ${r.candidates.map((x) => x.name).join(' / ')}${r.fuzzy ? ' (typo)' : ''}${r.district ? ` (kecamatan ${r.district})` : ''}`).join('; ') || 'none'}`
      + `${c.national ? '; national' : ''}${c.unknownPlace ? `; unknown place "${c.unknownPlace}"` : ''}${c.kinds.length ? `; kind ${c.kinds.join(',')}` : ''}`);
    console.log(`    features: ${c.features.join(' ') || '(none)'}   labels: ${[...c.labels].join(' ') || '(none)'}`);
  }
  for (const f of frameMessage(u, snapshot, BOT_DEFAULTS)) {
    console.log(`  frame: ${f.intent ?? '(from context)'}${f.ask ? '/' + f.ask : ''}  confidence ${f.confidence.toFixed(3)}${f.unsure ? ' unsure' : ''}`
      + `  jkn ${f.jkn} topic ${f.topical} follow-up ${f.followUp}${f.foreign ? ` foreign ${f.foreign.name}` : ''}`);
    console.log(`    ranking: ${f.ranking.slice(0, 4).map((r) => `${r.intent} ${r.score.toFixed(3)}`).join(', ')}`);
    console.log(`    asks: ${f.asks.slice(0, 5).map((a) => `${a.intent}/${a.caseName} ${a.score}`).join(', ') || 'none'}`);
  }
  console.log(`  -> ${res.answers.join(' + ')}`);
  console.log(`  reply: ${res.replies[0]?.split('\n').slice(0, 2).join(' | ')}`);
}
