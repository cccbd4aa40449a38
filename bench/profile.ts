// Profiling aid: runs bot.handle over the benchmark mix in a loop (node --cpu-prof --import tsx bench/profile.ts).
import { baseConversations } from './messages.mjs';
import { loadBotContent } from '../src/content/index.js';
import { Bot } from '../src/core/bot.js';

const messages = baseConversations().flat();
const bot = new Bot(await loadBotContent('.', { nluCacheSize: process.argv.includes('--cache') ? 10_000 : 0 }));
const rounds = Number(process.argv[2] ?? 30);
const t = performance.now();
for (let r = 0; r < rounds; r++) for (const [i, text] of messages.entries()) bot.handle({ id: '', channel: 'p', chatId: `p${i}`, text, receivedAt: new Date() });
const ms = performance.now() - t;
const mem = process.memoryUsage();
console.log(`${Math.round((rounds * messages.length) / (ms / 1000))} msg/s; rss ${Math.round(mem.rss / 1048576)} MB heap ${Math.round(mem.heapUsed / 1048576)} MB`);
