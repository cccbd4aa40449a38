import { loadBotContent } from '../src/content/index.ts';
import { Nlu } from '../src/nlu/nlu.ts';
import { Bot } from '../src/core/bot.ts';
const s = await loadBotContent('.');
const items = s.intents.flatMap((it) => it.examples.map((text) => ({ intent: it.name, text })));
let n = 0; const reasons: Record<string, number> = {};
for (let f = 0; f < 5; f++) {
  const test = items.filter((_, i) => i % 5 === f), train = items.filter((_, i) => i % 5 !== f);
  const by = new Map<string, string[]>(); for (const t of train) by.set(t.intent, [...(by.get(t.intent) ?? []), t.text]);
  const nlu = new Nlu({ intents: [...by].map(([name, examples]) => ({ name, examples })), slang: s.slang, ...s.lexicon, regions: s.regions });
  const bot = new Bot({ ...s, nlu });
  for (const t of test) {
    if (t.intent.startsWith('fallback')) continue;
    const r = bot.handle({ id: 'x', channel: 'e', chatId: 'c' + n++, text: t.text, receivedAt: new Date() });
    if (r.intent !== 'fallback') continue;
    const u = nlu.understand(t.text);
    const top = u.ranking[0], sec = u.ranking[1];
    const why = u.outOfScope ? 'oosword' : top?.intent.startsWith('fallback') ? 'oosclass' : u.confidence < 0.25 ? (u.knownShare < 1 ? 'lowconf-unknown' : 'lowconf') : 'margin';
    reasons[why] = (reasons[why] ?? 0) + 1;
    if (n % 3 === 0) console.log(why, JSON.stringify(t.text), t.intent, top?.intent, top?.score.toFixed(2), sec?.score.toFixed(2), 'sim', u.similarity.toFixed(2), 'known', u.knownShare.toFixed(2));
  }
}
console.log(reasons);
