// npm run unanswered: the messages the bot could not answer well, grouped by similar wording, most frequent
// first, with the bot's best guess, so an editor can add them as examples. With REDIS_URL set, the inbox all
// instances share (and this instance's file); with a file argument, that file only.
import { loadConfig, loadDotEnv } from '../config.js';
import { FileUnansweredStore, groupSimilar, type UnansweredStore } from '../core/unanswered.js';
import { silentLogger } from '../log.js';

loadDotEnv();
const config = process.argv[2] ? undefined : loadConfig();
const file = process.argv[2] ?? config?.UNANSWERED_FILE ?? '';
let store: UnansweredStore = new FileUnansweredStore(file);
let where = file;
let close = async (): Promise<void> => undefined;
if (config?.REDIS_URL) {
  const { RedisStore } = await import('../store/redis.js');
  const { RedisUnansweredStore } = await import('../store/redis-unanswered.js');
  const redis = new RedisStore(config.REDIS_URL, config.REDIS_PREFIX);
  await redis.ready();
  store = new RedisUnansweredStore(redis, config.UNANSWERED_MAX, silentLogger, store);
  where = `Redis and ${file}`;
  close = () => redis.close();
}
const all = await store.all();
await close();
const groups = groupSimilar(all);
if (!groups.length) {
  console.log(`No unanswered messages recorded in ${where}.`);
} else {
  console.log(`${all.length} unanswered messages in ${groups.length} groups (${where}):\n`);
  for (const g of groups) {
    const guesses = Object.entries(g.guesses).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`).join(', ');
    console.log(`${String(g.count).padStart(4)}×  "${g.example}"   last ${g.lastAt.slice(0, 16).replace('T', ' ')}${guesses ? `   best guess: ${guesses}` : ''}`);
    for (const t of g.texts.slice(1)) console.log(`        also: "${t}"`);
  }
}
