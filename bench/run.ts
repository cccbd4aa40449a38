// npm run bench: speed, memory, start-up and reload of pandawa-bot as `npm start` ships it, side by side
// with NLP.js (node-nlp) trained on the same intents/ examples, on the same texts, in the same run.
// Headline figures use distinct messages (seeded mutations of a realistic mix, bench/messages.mjs), so no
// per-text cache helps; the repeated-text figure is reported apart. `--quick` for a short run.
// Prints a table and writes reports/bench.json. Not a test: nothing here asserts a time.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import autocannon from 'autocannon';
import { baseConversations, distinctRounds, messageMaker } from './messages.mjs';
import { loadBotContent } from '../src/content/index.js';

const quick = process.argv.includes('--quick');
const scratch = mkdtempSync(join(tmpdir(), 'pandawa-bench-'));
/** What the benchmark changes in the shipped configuration: no content watcher, its own unanswered file. */
const benchEnv = { WATCH_CONTENT: 'false', UNANSWERED_FILE: join(scratch, 'unanswered.jsonl') };

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => { const s = sorted(xs); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0; };
const median = (xs: number[]) => pct(xs, 50);
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
/** Median and range of a per-round figure. */
const spread = (xs: number[], d = 0) => ({ median: round(median(xs), d), min: round(Math.min(...xs), d), max: round(Math.max(...xs), d) });

/** The Node options `npm start` runs the bot with (package.json's start script), so the bot is measured as it ships. */
const shippedNodeOptions = (() => {
  const [, ...args] = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  return args.filter((a) => a.startsWith('--'));
})();

/** Idle time before each side's round. */
const QUIET_MS = 300;

interface Worker { ask<T>(m: object): Promise<T>; stop(): void }
interface Round { ms: number; cpuMs: number; n: number; lat: number[] }

/** One side of the comparison in its own process (bench/worker.mjs, on the compiled bot). */
async function worker(system: 'bot' | 'nlpjs'): Promise<Worker> {
  // NLP.js runs with Node's defaults, as its users run it.
  const child = fork('bench/worker.mjs', [system], { execArgv: ['--expose-gc', ...(system === 'bot' ? shippedNodeOptions : [])], env: { ...process.env, ...benchEnv }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  await new Promise((r) => child.once('message', r));
  return {
    ask: <T>(m: object) => new Promise<T>((resolve) => { child.once('message', (x) => resolve(x as T)); child.send(m); }),
    stop: () => child.kill(),
  };
}

/** Rounds of the same conversations on both systems, alternating which goes first; per-round rates and ratios. */
async function compare(bot: Worker, nlp: Worker, rounds: string[][][]) {
  const sides = { bot: { rates: [] as number[], cpuRates: [] as number[], lat: [] as number[] }, nlp: { rates: [] as number[], cpuRates: [] as number[], lat: [] as number[] } };
  const ratios: number[] = [];
  for (const [i, conversations] of rounds.entries()) {
    const order = i % 2 ? (['nlp', 'bot'] as const) : (['bot', 'nlp'] as const);
    const got: Partial<Record<'bot' | 'nlp', Round>> = {};
    for (const side of order) {
      // A pause first, so what the other process's runtime does after its round (collecting, compiling on
      // its background threads) is over and does not take this side's core: the machine has two.
      await new Promise((r) => setTimeout(r, QUIET_MS));
      got[side] = await (side === 'bot' ? bot : nlp).ask<Round>({ cmd: 'round', conversations });
    }
    for (const side of ['bot', 'nlp'] as const) {
      const r = got[side] as Round;
      sides[side].rates.push(r.n / (r.ms / 1000));
      sides[side].cpuRates.push(r.n / (r.cpuMs / 1000));
      sides[side].lat.push(...r.lat);
    }
    ratios.push((got.nlp as Round).ms / (got.bot as Round).ms);
  }
  const summary = (s: typeof sides.bot) => ({ msgsPerSec: spread(s.rates), msgsPerCpuSec: spread(s.cpuRates),
    p50ms: round(pct(s.lat, 50)), p95ms: round(pct(s.lat, 95)), p99ms: round(pct(s.lat, 99)), maxMs: round(Math.max(...s.lat)) });
  return { rounds: rounds.length, messagesPerRound: rounds[0]?.flat().length ?? 0, bot: summary(sides.bot), nlpjs: summary(sides.nlp), ratio: spread(ratios, 2) };
}

async function inProcess() {
  const base = baseConversations();
  const [bot, nlp] = await Promise.all([worker('bot'), worker('nlpjs')]);
  await bot.ask({ cmd: 'init' });
  const { trainMs } = await nlp.ask<{ trainMs: number }>({ cmd: 'init' });
  const measured = quick ? 6 : 15;
  const [warm, ...rounds] = [distinctRounds(base, 3, 11).flat(), ...distinctRounds(base, measured, 12)];
  await compare(bot, nlp, [warm ?? []]);
  const distinct = await compare(bot, nlp, rounds);
  // Labelled as such: the same texts every round, so every per-text and per-word cache is warm.
  const repeated = await compare(bot, nlp, Array.from({ length: quick ? 4 : 8 }, () => base));

  // Intent accuracy on the labelled messages, both systems (fresh senders, no context).
  const labelled = (parse(readFileSync('tests/conversations/labelled.yaml', 'utf8')) as { messages: Array<{ text: string; intent: string }> }).messages;
  const familyMatch = (want: string, got: string) => (want.includes('.') ? got === want : got.split('.')[0] === want);
  const texts = labelled.map((m) => m.text);
  const ours = await bot.ask<string[]>({ cmd: 'classify', texts });
  const theirs = await nlp.ask<string[]>({ cmd: 'classify', texts });
  nlp.stop();
  const accuracy = { bot: round(labelled.filter((m, i) => familyMatch(m.intent, ours[i] ?? '')).length / labelled.length),
    nlpjs: round(labelled.filter((m, i) => familyMatch(m.intent, theirs[i] ?? '')).length / labelled.length) };

  // Memory of the bot's process after many distinct messages from many senders (made here, sent in batches).
  const total = quick ? 20_000 : 100_000;
  const senders = quick ? 2_000 : 10_000;
  const before = await bot.ask<{ rss: number; heap: number }>({ cmd: 'memory' });
  const texts2 = base.flat();
  const make = messageMaker(99);
  for (let offset = 0; offset < total; offset += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, total - offset) }, (_, i) => make(texts2[(offset + i) % texts2.length] ?? ''));
    await bot.ask({ cmd: 'feed', texts: batch, senders, offset });
  }
  const after = await bot.ask<{ rss: number; heap: number }>({ cmd: 'memory' });
  bot.stop();
  return { distinct, repeated, accuracy, nlpjsTrainMs: round(trainMs, 0),
    memory: { messages: total, senders, afterWarmupRssMB: mb(before.rss), afterWarmupHeapMB: mb(before.heap), afterRunRssMB: mb(after.rss), afterRunHeapMB: mb(after.heap) } };
}

/**
 * Content reloads as the running bot does them after an editor's edit, on a copy of the content: an answer's
 * wording changed (files re-read and checked; the trained understanding reused), and an example added to
 * an intent (the classifier trained again).
 */
async function reload() {
  const root = join(scratch, 'content');
  for (const dir of ['intents', 'responses', 'data']) cpSync(dir, join(root, dir), { recursive: true });
  await loadBotContent(root);
  const timed = async (edit: (i: number) => void) => {
    const times: number[] = [];
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      edit(i);
      const t = performance.now();
      await loadBotContent(root);
      times.push(performance.now() - t);
    }
    return spread(times);
  };
  const answer = join(root, 'responses', 'smalltalk.yaml');
  const intents = join(root, 'intents', 'smalltalk.yaml');
  return {
    answerEdited: await timed((i) => appendFileSync(answer, `# edit ${i}\n`)),
    examplesEdited: await timed((i) => writeFileSync(intents, readFileSync(intents, 'utf8').replace('examples:', `examples:\n      - halo apa kabar ${i}`))),
  };
}

function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => { const m = /localhost:(\d+)/.exec(l); if (m) resolve(Number(m[1])); });
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before listening`)));
  });
}

/** `npm start` (nothing changed since the last build) to the first 200 on /readyz. */
async function startup() {
  const times: number[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const t0 = performance.now();
    const child = spawn('npm', ['start', '--silent'], { env: { ...process.env, ...benchEnv, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    const port = await portOf(child);
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    times.push(performance.now() - t0);
    process.kill(-(child.pid as number), 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  return spread(times);
}

/** POST /api/messages on `node dist/main.js` with autocannon, every body a distinct message; rate limits lifted. */
async function http() {
  const child = spawn(process.execPath, [...shippedNodeOptions, 'dist/main.js'], {
    env: { ...process.env, ...benchEnv, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_BURST: '1000000000', RATE_LIMIT_PER_MINUTE: '1000000000' }, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const port = await portOf(child);
  const texts = baseConversations().flat();
  const make = messageMaker(7);
  let i = 0;
  const body = () => JSON.stringify({ from: `h${i % 10_000}`, text: make(texts[i++ % texts.length] ?? '') });
  const run = (duration: number) => new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: `http://127.0.0.1:${port}/api/messages`, method: 'POST', connections: 16, duration,
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body() }) }] }, (err, res) => (err ? reject(err) : resolve(res)));
  });
  await run(3);
  const results: autocannon.Result[] = [];
  for (let r = 0; r < (quick ? 2 : 3); r++) results.push(await run(quick ? 5 : 10));
  child.kill('SIGTERM');
  return { rounds: results.length, durationSec: quick ? 5 : 10, connections: 16, distinctBodies: i,
    requestsPerSec: spread(results.map((r) => r.requests.average)), p50ms: spread(results.map((r) => r.latency.p50), 1),
    p99ms: spread(results.map((r) => r.latency.p99), 1), errors: results.reduce((a, r) => a + r.errors + r.timeouts, 0),
    non2xx: results.reduce((a, r) => a + r.non2xx, 0) };
}

const started = Date.now();
const r = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version }, nodeOptions: shippedNodeOptions,
  inProcess: await inProcess(), reloadMs: await reload(), startupMs: await startup(), http: await http() };
const line = (k: string, v: string) => console.log(`${k.padEnd(46)} ${v}`);
const range = (s: { median: number; min: number; max: number }, unit = '') => `${s.median}${unit} (${s.min}-${s.max})`;
const side = (s: typeof r.inProcess.distinct.bot) => `${range(s.msgsPerSec)} msg/s  p50 ${s.p50ms} ms  p99 ${s.p99ms} ms  max ${s.maxMs} ms`;
const d = r.inProcess.distinct;
console.log(`\npandawa-bot benchmark (${r.mode}), ${r.machine.cores} cores, ${r.machine.cpu}, Node ${r.machine.node}`);
console.log(`bot run with the Node options of npm start: ${shippedNodeOptions.join(' ') || '(none)'}`);
console.log(`figures: median of rounds (lowest-highest round); latencies over all measured messages\n`);
line('distinct messages', `${d.rounds} rounds of ${d.messagesPerRound} (seeded mutations: typos, case, greetings, particles; multi-turn, one sender each)`);
line('  pandawa-bot (as npm start ships it)', side(d.bot));
line('  NLP.js (node-nlp, same examples)', side(d.nlpjs));
line('  speed ratio pandawa / NLP.js, per round', `${range(d.ratio, 'x')}`);
line('  per CPU second', `pandawa ${range(d.bot.msgsPerCpuSec)}  NLP.js ${range(d.nlpjs.msgsPerCpuSec)}`);
const rep = r.inProcess.repeated;
line('repeated messages (same texts every round)', `${rep.rounds} rounds of ${rep.messagesPerRound}; caches warm, not the headline`);
line('  pandawa-bot', side(rep.bot));
line('  NLP.js', side(rep.nlpjs));
line('  speed ratio', range(rep.ratio, 'x'));
line('intent accuracy, labelled messages', `pandawa-bot ${(r.inProcess.accuracy.bot * 100).toFixed(1)}%  NLP.js ${(r.inProcess.accuracy.nlpjs * 100).toFixed(1)}%`);
line('HTTP POST /api/messages, distinct bodies', `${range(r.http.requestsPerSec)} req/s  p50 ${range(r.http.p50ms, ' ms')}  p99 ${range(r.http.p99ms, ' ms')}  errors ${r.http.errors}  non-2xx ${r.http.non2xx}`);
const m = r.inProcess.memory;
line('memory after warm-up', `RSS ${m.afterWarmupRssMB} MB  heap ${m.afterWarmupHeapMB} MB`);
line(`memory after ${m.messages} distinct msgs / ${m.senders} senders`, `RSS ${m.afterRunRssMB} MB  heap ${m.afterRunHeapMB} MB`);
line('start-up: npm start to first 200 on /readyz', `${range(r.startupMs, ' ms')}`);
line('content reload: an answer reworded', `${range(r.reloadMs.answerEdited, ' ms')}`);
line('content reload: an example added (retrain)', `${range(r.reloadMs.examplesEdited, ' ms')}`);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', JSON.stringify(r, null, 2));
console.log(`\nJSON: reports/bench.json (${Math.round((Date.now() - started) / 1000)} s)`);
