// One side of the benchmark in its own process (its own heap and JIT). "bot" is the compiled bot (dist/)
// built by bootstrap() exactly as `npm start` builds it: the configured logger (writing to this process's
// stderr, which the parent discards), the understanding cache, the unanswered store, the conversation store.
// "nlpjs" is NLP.js (node-nlp) trained on the same intents/ examples. The parent sends the texts by IPC.
import { createRequire } from 'node:module';
import { bootstrap } from '../dist/bootstrap.js';
import { detectLanguage } from '../dist/nlu/language.js';
import { normalise, tokenize } from '../dist/nlu/text.js';

const system = process.argv[2];
const require = createRequire(import.meta.url);
const gc = globalThis.gc ?? (() => undefined);
let runOne;
let chats = 0;

async function init() {
  const { bot } = await bootstrap();
  if (system === 'bot') {
    runOne = (from, text) => bot.handle({ id: '', channel: 'bench', chatId: from, text, receivedAt: new Date() }).intent;
    return { trainMs: 0 };
  }
  const { NlpManager } = require('node-nlp');
  const nlp = new NlpManager({ languages: ['id', 'en'], autoSave: false, autoLoad: false, nlu: { log: false }, threshold: 0.5 });
  const slangKeys = bot.snapshot.nlu.opts.lexicon.indonesianWords;
  for (const intent of bot.snapshot.intents) for (const ex of intent.examples) nlp.addDocument(detectLanguage(tokenize(normalise(ex)), slangKeys), ex, intent.name);
  const t = performance.now();
  await nlp.train();
  runOne = async (_from, text) => {
    const intent = (await nlp.process(text)).intent;
    return intent === 'None' || intent.startsWith('fallback') ? 'fallback' : intent;
  };
  return { trainMs: performance.now() - t };
}

/** One round: every conversation from a sender of its own, turn by turn; CPU time and per-message latency. */
async function round(conversations) {
  const lat = [];
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const turns of conversations) {
    const from = `s${chats++}`;
    for (const text of turns) {
      const t = performance.now();
      await runOne(from, text);
      lat.push(performance.now() - t);
      n++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, n, lat };
}

/** Messages from many senders (a batch of a long run the parent makes distinct); nothing measured here. */
async function feed(texts, senders, offset) {
  for (let i = 0; i < texts.length; i++) await runOne(`m${(offset + i) % senders}`, texts[i]);
  return { n: texts.length };
}

function memory() {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

process.on('message', async (m) => {
  let reply;
  if (m.cmd === 'init') reply = await init();
  else if (m.cmd === 'round') reply = await round(m.conversations);
  else if (m.cmd === 'classify') reply = await Promise.all(m.texts.map((t, i) => runOne(`c${i}`, t)));
  else if (m.cmd === 'feed') reply = await feed(m.texts, m.senders, m.offset);
  else reply = memory();
  process.send?.(reply);
});
process.send?.({ ready: true });
