// Profiling aid: the slowest messages of the benchmark mix (median of 25 runs), with or without the cache.
import { baseConversations } from './messages.mjs';
import { loadBotContent } from '../src/content/index.js';
import { Bot } from '../src/core/bot.js';

const msgs = baseConversations().flat();
const bot = new Bot(await loadBotContent('.', { nluCacheSize: process.argv.includes('--cache') ? 10_000 : 0 }));
const times = new Map<string, number[]>();
for (let r = 0; r < 30; r++) {
  for (const [i, t] of msgs.entries()) {
    const a = process.hrtime.bigint();
    bot.handle({ id: '', channel: 'p', chatId: `p${r}-${i}`, text: t, receivedAt: new Date() });
    if (r >= 5) times.set(t, [...(times.get(t) ?? []), Number(process.hrtime.bigint() - a) / 1e6]);
  }
}
const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)] ?? 0;
const all = [...times.values()].map(med);
console.log(`mean of medians ${(all.reduce((a, b) => a + b, 0) / all.length).toFixed(3)} ms`);
for (const [t, x] of [...times].sort((a, b) => med(b[1]) - med(a[1])).slice(0, 10)) console.log(med(x).toFixed(3), JSON.stringify(t.slice(0, 60)));
