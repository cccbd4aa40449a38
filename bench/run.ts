// npm run bench: throughput, latency, memory and start-up of pandawa-bot, side by side with NLP.js
// (node-nlp) trained on the same intents/ examples, in the same run. `--quick` for a short run.
// Prints a table and writes reports/bench.json. Not a test: nothing here asserts a time.
import { fork, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parse } from 'yaml';
import autocannon from 'autocannon';
import { loadBotContent } from '../src/content/index.js';

const quick = process.argv.includes('--quick');
const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? 0; };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0; };
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

// ---- the message mix: labelled messages, the extra conversation cases (with their earlier turns), odd input
interface Conversation { turns: string[] }
const labelled = (parse(readFileSync('tests/conversations/labelled.yaml', 'utf8')) as { messages: Array<{ text: string; intent: string }> }).messages;
const extra = readFileSync('tests/fixtures/extra-cases.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { turns: string[]; text: string });
const conversations: Conversation[] = [
  ...labelled.map((m) => ({ turns: [m.text] })),
  ...extra.map((c) => ({ turns: [...c.turns, c.text] })),
  { turns: ['cakupn kepesrtaan jkn pekalongn', 'kalo di binjai', 'makasih kak'] },
  { turns: ['', '🙏', '<b>halo</b>', 'x'.repeat(3000)] },
];
const messages = conversations.flatMap((c) => c.turns);

interface Worker { ask<T>(m: object): Promise<T>; stop(): void }

/** Starts one side of the comparison in its own process (bench/worker.mjs, on the compiled bot). */
async function worker(system: 'bot' | 'bot-cached' | 'nlpjs'): Promise<Worker> {
  const child = fork('bench/worker.mjs', [system], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise((r) => child.once('message', r));
  return {
    ask: <T>(m: object) => new Promise<T>((resolve) => { child.once('message', (x) => resolve(x as T)); child.send(m); }),
    stop: () => child.kill(),
  };
}

async function inProcess() {
  const convs = conversations.map((c) => c.turns);
  const [bot, cached, nlp] = await Promise.all([worker('bot'), worker('bot-cached'), worker('nlpjs')]);
  await bot.ask({ cmd: 'init', conversations: convs });
  await cached.ask({ cmd: 'init', conversations: convs });
  const { trainMs } = await nlp.ask<{ trainMs: number }>({ cmd: 'init', conversations: convs });
  type Round = { ms: number; n: number; lat: number[] };
  for (let i = 0; i < 5; i++) for (const w of [bot, cached, nlp]) await w.ask({ cmd: 'round', collect: false });
  const rounds = quick ? 6 : 20;
  const botLat: number[] = [];
  const nlpLat: number[] = [];
  const botRates: number[] = [];
  const nlpRates: number[] = [];
  const ratios: number[] = [];
  const cachedLat: number[] = [];
  const cachedRates: number[] = [];
  const cachedRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = await bot.ask<Round>({ cmd: 'round', collect: true });
    const c = await cached.ask<Round>({ cmd: 'round', collect: true });
    const b = await nlp.ask<Round>({ cmd: 'round', collect: true });
    cachedLat.push(...c.lat);
    cachedRates.push(c.n / (c.ms / 1000));
    cachedRatios.push(b.ms / c.ms);
    botLat.push(...a.lat);
    nlpLat.push(...b.lat);
    botRates.push(a.n / (a.ms / 1000));
    nlpRates.push(b.n / (b.ms / 1000));
    ratios.push(b.ms / a.ms);
  }

  // intent accuracy on the labelled messages, both systems (fresh senders, no context)
  const familyMatch = (want: string, got: string) => (want.includes('.') ? got === want : got.split('.')[0] === want);
  const texts = labelled.map((m) => m.text);
  const ours = await bot.ask<string[]>({ cmd: 'classify', texts });
  const theirs = await nlp.ask<string[]>({ cmd: 'classify', texts });
  const botOk = labelled.filter((m, i) => familyMatch(m.intent, ours[i] ?? '')).length;
  const nlpOk = labelled.filter((m, i) => familyMatch(m.intent, theirs[i] ?? '')).length;

  // memory of the bot's own process: after warm-up, and after many messages from many senders
  const total = quick ? 20_000 : 100_000;
  const senders = quick ? 2_000 : 10_000;
  const mem = await bot.ask<{ before: { rss: number; heap: number }; after: { rss: number; heap: number } }>({ cmd: 'memory', total, senders });
  bot.stop();
  cached.stop();
  nlp.stop();

  // a full content reload (load, check, train), in this process
  const reloads: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const t = performance.now();
    await loadBotContent('.');
    reloads.push(performance.now() - t);
  }

  return {
    messagesInMix: messages.length, rounds,
    bot: { msgsPerSec: round(median(botRates), 0), p50ms: round(pct(botLat, 50)), p95ms: round(pct(botLat, 95)), p99ms: round(pct(botLat, 99)), accuracy: round(botOk / labelled.length) },
    nlpjs: { msgsPerSec: round(median(nlpRates), 0), p50ms: round(pct(nlpLat, 50)), p95ms: round(pct(nlpLat, 95)), p99ms: round(pct(nlpLat, 99)), accuracy: round(nlpOk / labelled.length), trainMs: round(trainMs, 0) },
    speedRatioMedian: round(median(ratios), 2), speedRatioMin: round(Math.min(...ratios), 2),
    botCached: { msgsPerSec: round(median(cachedRates), 0), p50ms: round(pct(cachedLat, 50)), p95ms: round(pct(cachedLat, 95)), p99ms: round(pct(cachedLat, 99)),
      speedRatioMedian: round(median(cachedRatios), 2) },
    memory: { afterWarmupRssMB: mb(mem.before.rss), afterWarmupHeapMB: mb(mem.before.heap), afterRunRssMB: mb(mem.after.rss), afterRunHeapMB: mb(mem.after.heap), messages: total, senders },
    reloadMsMedian: round(median(reloads), 0),
  };
}

/** The compiled bot (dist/, built by `npm run build` before the benchmark), as `npm start` runs it. */
function spawnBot(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', WATCH_CONTENT: 'false', UNANSWERED_FILE: 'off', ...env }, stdio: ['pipe', 'pipe', 'ignore'],
  });
}

/** Process start to first answered message, through the console's JSON mode. */
async function startup(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const t0 = performance.now();
    const child = spawnBot(['dist/console.js', '--json'], {});
    child.stdin!.write('{"from":"s","text":"cakupan jkn kota pekalongan"}\n');
    await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).once('line', () => resolve()));
    times.push(performance.now() - t0);
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
  return round(median(times), 0);
}

async function http() {
  const child = spawnBot(['dist/main.js'], { PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_BURST: '1000000000', RATE_LIMIT_PER_MINUTE: '1000000000' });
  const port = await new Promise<number>((resolve) => createInterface({ input: child.stdout! }).on('line', (l) => { const m = /localhost:(\d+)/.exec(l); if (m) resolve(Number(m[1])); }));
  let i = 0;
  const body = () => JSON.stringify({ from: `h${i % 5000}`, text: messages[i++ % messages.length] });
  const run = (duration: number) => new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: `http://127.0.0.1:${port}/api/messages`, method: 'POST', connections: 16, duration,
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body() }) }] }, (err, res) => (err ? reject(err) : resolve(res)));
  });
  await run(2);
  const res = await run(quick ? 5 : 15);
  child.kill('SIGTERM');
  return { requestsPerSec: round(res.requests.average, 0), p50ms: res.latency.p50, p99ms: res.latency.p99, errors: res.errors + res.timeouts, non2xx: res.non2xx, durationSec: quick ? 5 : 15, connections: 16 };
}

const started = Date.now();
const results = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  inProcess: await inProcess(), startupMs: await startup(), http: await http() };
const r = results;
const line = (k: string, v: string) => console.log(`${k.padEnd(44)} ${v}`);
console.log(`\npandawa-bot benchmark (${r.mode}), ${r.machine.cores} cores, Node ${r.machine.node}\n`);
line('message mix', `${r.inProcess.messagesInMix} messages (id/en, slang, typos, out-of-scope, multi-turn, odd), ${r.inProcess.rounds} rounds`);
line('in-process: pandawa-bot', `${r.inProcess.bot.msgsPerSec} msg/s  p50 ${r.inProcess.bot.p50ms} ms  p95 ${r.inProcess.bot.p95ms} ms  p99 ${r.inProcess.bot.p99ms} ms`);
line('in-process: pandawa-bot, repeated messages', `${r.inProcess.botCached.msgsPerSec} msg/s  p50 ${r.inProcess.botCached.p50ms} ms  p95 ${r.inProcess.botCached.p95ms} ms  p99 ${r.inProcess.botCached.p99ms} ms (understanding cache on)`);
line('in-process: NLP.js (node-nlp, same examples)', `${r.inProcess.nlpjs.msgsPerSec} msg/s  p50 ${r.inProcess.nlpjs.p50ms} ms  p95 ${r.inProcess.nlpjs.p95ms} ms  p99 ${r.inProcess.nlpjs.p99ms} ms`);
line('speed ratio pandawa / NLP.js', `median ${r.inProcess.speedRatioMedian}x (lowest round ${r.inProcess.speedRatioMin}x); with cache ${r.inProcess.botCached.speedRatioMedian}x`);
line('intent accuracy, labelled messages', `pandawa-bot ${(r.inProcess.bot.accuracy * 100).toFixed(1)}%  NLP.js ${(r.inProcess.nlpjs.accuracy * 100).toFixed(1)}%`);
line('HTTP POST /api/messages', `${r.http.requestsPerSec} req/s  p50 ${r.http.p50ms} ms  p99 ${r.http.p99ms} ms  errors ${r.http.errors}  non-2xx ${r.http.non2xx}`);
line('memory after warm-up', `RSS ${r.inProcess.memory.afterWarmupRssMB} MB  heap ${r.inProcess.memory.afterWarmupHeapMB} MB`);
line(`memory after ${r.inProcess.memory.messages} msgs / ${r.inProcess.memory.senders} senders`, `RSS ${r.inProcess.memory.afterRunRssMB} MB  heap ${r.inProcess.memory.afterRunHeapMB} MB`);
line('start-up to first answer (console)', `${r.startupMs} ms (median)`);
line('full content reload', `${r.inProcess.reloadMsMedian} ms (median)`);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', JSON.stringify(results, null, 2));
console.log(`\nJSON: reports/bench.json (${Math.round((Date.now() - started) / 1000)} s)`);
