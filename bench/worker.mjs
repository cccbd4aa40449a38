// One side of the benchmark in its own process (its own heap and JIT), running the compiled bot (dist/,
// as `npm start` does): "bot" understands every message afresh, "bot-cached" keeps recent identical
// messages, "nlpjs" is NLP.js trained on the same intents/ examples. The parent alternates them by IPC.
import { createRequire } from 'node:module';
import { loadBotContent } from '../dist/content/index.js';
import { Bot } from '../dist/core/bot.js';
import { MemoryConversationStore } from '../dist/core/conversation.js';
import { detectLanguage } from '../dist/nlu/language.js';
import { normalise, tokenize } from '../dist/nlu/text.js';

const system = process.argv[2];
const require = createRequire(import.meta.url);
const gc = globalThis.gc ?? (() => undefined);
let conversations = [];
let sender = 0;
let runOne;

async function init(convs) {
  conversations = convs;
  const snapshot = await loadBotContent('.', { nluCacheSize: system === 'bot-cached' ? 10_000 : 0 });
  if (system !== 'nlpjs') {
    const bot = new Bot(snapshot, { store: new MemoryConversationStore(30 * 60_000, 50_000) });
    runOne = (from, text) => bot.handle({ id: '', channel: 'bench', chatId: from, text, receivedAt: new Date() }).intent;
    return { trainMs: 0 };
  }
  const { NlpManager } = require('node-nlp');
  const nlp = new NlpManager({ languages: ['id', 'en'], autoSave: false, autoLoad: false, nlu: { log: false }, threshold: 0.5 });
  const slangKeys = snapshot.nlu.opts.lexicon.indonesianWords;
  for (const intent of snapshot.intents) for (const ex of intent.examples) nlp.addDocument(detectLanguage(tokenize(normalise(ex)), slangKeys), ex, intent.name);
  const t = performance.now();
  await nlp.train();
  runOne = async (_from, text) => {
    const intent = (await nlp.process(text)).intent;
    return intent === 'None' || intent.startsWith('fallback') ? 'fallback' : intent;
  };
  return { trainMs: performance.now() - t };
}

async function round(collect) {
  const lat = [];
  let n = 0;
  const t0 = performance.now();
  for (const turns of conversations) {
    const from = `s${sender++}`;
    for (const text of turns) {
      const t = process.hrtime.bigint();
      await runOne(from, text);
      if (collect) lat.push(Number(process.hrtime.bigint() - t) / 1e6);
      n++;
    }
  }
  return { ms: performance.now() - t0, n, lat };
}

async function memory(total, senders) {
  const texts = conversations.flat();
  gc();
  const before = process.memoryUsage();
  for (let i = 0; i < total; i++) await runOne(`m${i % senders}`, texts[i % texts.length] ?? '');
  gc();
  const after = process.memoryUsage();
  return { before: { rss: before.rss, heap: before.heapUsed }, after: { rss: after.rss, heap: after.heapUsed } };
}

process.on('message', async (m) => {
  let reply;
  if (m.cmd === 'init') reply = await init(m.conversations);
  else if (m.cmd === 'round') reply = await round(m.collect);
  else if (m.cmd === 'classify') reply = await Promise.all(m.texts.map((t, i) => runOne(`c${i}`, t)));
  else reply = await memory(m.total, m.senders);
  process.send?.(reply);
});
process.send?.({ ready: true });
