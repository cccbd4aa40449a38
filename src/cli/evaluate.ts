// npm run eval: how well the bot recognises intents. k-fold cross-validation over the examples in intents/
// (each fold trains on the rest and answers the held-out examples through the whole bot), plus the
// labelled files in tests/conversations/labelled.yaml against the full model. Prints a table and writes an
// HTML report with a confusion matrix. Deterministic for a given --seed.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parse } from 'yaml';
import { loadBotContent, type Snapshot } from '../content/index.js';
import { Bot } from '../core/bot.js';
import { Nlu } from '../nlu/nlu.js';

interface Labelled { text: string; expected: string }
interface Outcome extends Labelled { got: string; source: 'cv' | 'labelled' }

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] ?? dflt : dflt;
};
const folds = Number(arg('folds', '5'));
const seed = Number(arg('seed', '42'));
const out = arg('out', 'reports/eval.html');
const root = arg('content', process.env.CONTENT_DIR ?? '.');

/** Small seeded PRNG (mulberry32): the same seed gives the same folds. */
function rng(s: number) {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const expectedOf = (intent: string) => (intent.startsWith('fallback') ? 'fallback' : intent);

function predict(bot: Bot, text: string, i: number): string {
  return bot.handle({ id: `eval-${i}`, channel: 'eval', chatId: `eval-${i}`, text, receivedAt: new Date() }).intent;
}

function crossValidate(s: Snapshot): Outcome[] {
  const random = rng(seed);
  const items = s.intents.flatMap((it) => it.examples.map((text) => ({ intent: it.name, text })));
  const order = items.map((x, i) => ({ x, r: random(), i })).sort((a, b) => a.r - b.r || a.i - b.i).map((o) => o.x);
  const outcomes: Outcome[] = [];
  for (let f = 0; f < folds; f++) {
    const test = order.filter((_, i) => i % folds === f);
    const train = order.filter((_, i) => i % folds !== f);
    const byIntent = new Map<string, string[]>();
    for (const t of train) byIntent.set(t.intent, [...(byIntent.get(t.intent) ?? []), t.text]);
    const nlu = new Nlu({ ...s.nlu.opts, intents: [...byIntent].map(([name, examples]) => ({ name, examples })) });
    const bot = new Bot({ ...s, nlu });
    test.forEach((t, i) => outcomes.push({ text: t.text, expected: expectedOf(t.intent), got: predict(bot, t.text, f * 100_000 + i), source: 'cv' }));
  }
  return outcomes;
}

function labelled(s: Snapshot): Outcome[] {
  const file = 'tests/conversations/labelled.yaml';
  if (!existsSync(file)) return [];
  const { messages } = parse(readFileSync(file, 'utf8')) as { messages: Array<{ text: string; intent: string }> };
  const bot = new Bot(s);
  return messages.map((m, i) => {
    const got = predict(bot, m.text, 900_000 + i);
    const family = !m.intent.includes('.');
    return { text: m.text, expected: m.intent, got: family && got.split('.')[0] === m.intent ? m.intent : got, source: 'labelled' };
  });
}

interface Row { intent: string; support: number; precision: number; recall: number; f1: number }

function report(outcomes: Outcome[]) {
  const labels = [...new Set(outcomes.flatMap((o) => [o.expected, o.got]))].sort();
  const rows: Row[] = labels.filter((l) => outcomes.some((o) => o.expected === l)).map((l) => {
    const tp = outcomes.filter((o) => o.expected === l && o.got === l).length;
    const fp = outcomes.filter((o) => o.expected !== l && o.got === l).length;
    const fn = outcomes.filter((o) => o.expected === l && o.got !== l).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return { intent: l, support: tp + fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });
  const pairs = new Map<string, Outcome[]>();
  for (const o of outcomes.filter((x) => x.expected !== x.got)) {
    const k = `${o.expected} -> ${o.got}`;
    pairs.set(k, [...(pairs.get(k) ?? []), o]);
  }
  const confused = [...pairs].sort((a, b) => b[1].length - a[1].length).slice(0, 10);
  const oos = outcomes.filter((o) => o.expected === 'fallback');
  const inScope = outcomes.filter((o) => o.expected !== 'fallback');
  return {
    accuracy: outcomes.filter((o) => o.expected === o.got).length / (outcomes.length || 1),
    rows, confused, labels,
    oosFallbackRate: oos.filter((o) => o.got === 'fallback').length / (oos.length || 1),
    inScopeFallbackRate: inScope.filter((o) => o.got === 'fallback').length / (inScope.length || 1),
    n: outcomes.length,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printTable(title: string, r: ReturnType<typeof report>) {
  console.log(`\n${title}: ${r.n} messages, accuracy ${pct(r.accuracy)}, out-of-scope sent to fallback ${pct(r.oosFallbackRate)}, in-scope sent to fallback ${pct(r.inScopeFallbackRate)}`);
  console.log(`${'intent'.padEnd(32)} ${'n'.padStart(4)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)}`);
  for (const row of r.rows) {
    console.log(`${row.intent.padEnd(32)} ${String(row.support).padStart(4)} ${pct(row.precision).padStart(6)} ${pct(row.recall).padStart(6)} ${pct(row.f1).padStart(6)}`);
  }
  if (r.confused.length) {
    console.log('most confused (expected -> got):');
    for (const [k, os] of r.confused) console.log(`  ${String(os.length).padStart(3)}  ${k}   e.g. "${os[0]?.text}"`);
  }
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function html(sections: Array<[string, Outcome[], ReturnType<typeof report>]>): string {
  const parts = sections.map(([title, outcomes, r]) => {
    const labels = r.labels;
    const count = (e: string, g: string) => outcomes.filter((o) => o.expected === e && o.got === g).length;
    const max = Math.max(1, ...labels.flatMap((e) => labels.map((g) => count(e, g))));
    const matrix = `<table class="cm"><tr><th>expected \\ got</th>${labels.map((l) => `<th class="v"><span>${esc(l)}</span></th>`).join('')}</tr>${labels.map((e) =>
      `<tr><th>${esc(e)}</th>${labels.map((g) => {
        const c = count(e, g);
        const a = c / max;
        const color = e === g ? `rgba(11,122,62,${0.15 + 0.85 * a})` : `rgba(200,30,30,${c ? 0.2 + 0.8 * a : 0})`;
        const tip = outcomes.filter((o) => o.expected === e && o.got === g).slice(0, 3).map((o) => o.text).join(' | ');
        return `<td style="background:${color}" title="${esc(tip)}">${c || ''}</td>`;
      }).join('')}</tr>`).join('')}</table>`;
    const table = `<table class="t"><tr><th>intent</th><th>n</th><th>precision</th><th>recall</th><th>F1</th></tr>${r.rows.map((row) =>
      `<tr><td>${esc(row.intent)}</td><td>${row.support}</td><td>${pct(row.precision)}</td><td>${pct(row.recall)}</td><td>${pct(row.f1)}</td></tr>`).join('')}</table>`;
    const confused = r.confused.map(([k, os]) => `<li><b>${esc(k)}</b> (${os.length}): ${os.slice(0, 3).map((o) => `“${esc(o.text)}”`).join(', ')}</li>`).join('');
    return `<h2>${esc(title)}</h2><p>${r.n} messages · accuracy <b>${pct(r.accuracy)}</b> · out-of-scope sent to fallback <b>${pct(r.oosFallbackRate)}</b> · in-scope sent to fallback ${pct(r.inScopeFallbackRate)}</p>
      <h3>Confusion matrix</h3>${matrix}<h3>Per intent</h3>${table}<h3>Most confused pairs</h3><ul>${confused || '<li>none</li>'}</ul>`;
  }).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pandawa-bot intent evaluation</title><style>
    body{font:14px system-ui,sans-serif;margin:24px;color:#222} table{border-collapse:collapse;margin:8px 0}
    .t td,.t th{border:1px solid #ddd;padding:3px 8px;text-align:right}.t td:first-child{text-align:left}
    .cm td,.cm th{border:1px solid #ddd;min-width:22px;height:22px;text-align:center;font-size:12px}
    .cm th{font-weight:normal;text-align:right;padding:0 6px;white-space:nowrap} .cm th.v{height:170px;vertical-align:bottom;padding:4px 0}
    .cm th.v span{writing-mode:vertical-rl;transform:rotate(180deg)}</style></head><body>
    <h1>pandawa-bot: intent evaluation</h1><p>${folds}-fold cross-validation, seed ${seed}, generated ${new Date().toISOString()}.
    Hover a cell for example messages.</p>${parts}</body></html>`;
}

const s = await loadBotContent(root);
const cv = crossValidate(s);
const lab = labelled(s);
const cvReport = report(cv);
printTable(`${folds}-fold cross-validation over intents/ (seed ${seed})`, cvReport);
const sections: Array<[string, Outcome[], ReturnType<typeof report>]> = [[`${folds}-fold cross-validation over intents/`, cv, cvReport]];
if (lab.length) {
  const labReport = report(lab);
  printTable('labelled test messages (tests/conversations/labelled.yaml)', labReport);
  sections.push(['Labelled test messages', lab, labReport]);
}
mkdirSync(out.replace(/\/[^/]*$/, '') || '.', { recursive: true });
writeFileSync(out, html(sections));
// The same figures as data, for the editors' workbench (/editor shows the last evaluation).
const json = out.replace(/\.html?$/, '') + '.json';
writeFileSync(json, JSON.stringify({
  generatedAt: new Date().toISOString(), folds, seed, content: s.version,
  sections: sections.map(([title, , r]) => ({ title, n: r.n, accuracy: r.accuracy, oosFallbackRate: r.oosFallbackRate, inScopeFallbackRate: r.inScopeFallbackRate,
    rows: r.rows, confused: r.confused.map(([pair, os]) => ({ pair, count: os.length, examples: os.slice(0, 3).map((o) => o.text) })) })),
}, null, 1) + '\n');
console.log(`\nHTML report: ${out}; data: ${json}`);
