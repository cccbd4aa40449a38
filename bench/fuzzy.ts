// npm run bench:fuzzy: the typo lookup (src/nlu/fuzzy.ts) against what it replaced (natural's
// DamerauLevenshteinDistance over every word of a plausible length) and against mnemonist's SymSpell (a
// deletion index), on the bot's own words and seeded typos of them: speed, memory, and agreement with
// the reference distance (the textbook full table, as in tests/unit/fuzzy.test.ts).
import distances from 'natural/lib/natural/distance/levenshtein_distance.js';
import { SymSpell } from 'mnemonist';
import { loadBotContent } from '../src/content/index.js';
import { normalise, tokenize } from '../src/nlu/text.js';
import { FuzzyIndex } from '../src/nlu/fuzzy.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => { gc(); return process.memoryUsage().heapUsed; };

const s = await loadBotContent('.', { nluCacheSize: 0 });
const words = [...new Set(s.intents.flatMap((i) => i.examples.flatMap((e) => tokenize(normalise(e))))
  .concat(s.regions.all.map((r) => r.core.replace(/[^a-z]/g, ''))))].filter((w) => w.length >= 4 && !/\d/.test(w));
let seed = 3;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const typo = (w: string) => {
  const j = Math.floor(rnd() * w.length);
  const r = rnd();
  return r < 0.33 ? w.slice(0, j) + w.slice(j + 1) : r < 0.66 ? w.slice(0, j) + 'aeiknrs'[Math.floor(rnd() * 7)] + w.slice(j + 1) : w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2);
};
const queries = Array.from({ length: 20_000 }, (_, i) => { const w = words[i % words.length] ?? ''; return rnd() < 0.3 ? typo(typo(w)) : typo(w); }).filter((q) => q.length >= 4);
const maxFor = (w: string) => (w.length >= 8 ? 2 : 1);

function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
    d[i]![j] = v;
  }
  return d[a.length]![b.length]!;
}
/** The rule every candidate implements: the one word within reach with the same first letter, no tie. */
function closestBy(distance: (a: string, b: string) => number, w: string): string | null {
  const max = maxFor(w);
  const ds = words.filter((c) => c[0] === w[0] && Math.abs(c.length - w.length) <= max).map((c) => [c, distance(w, c)] as const).filter(([, d]) => d <= max);
  const best = Math.min(...ds.map(([, d]) => d));
  const at = ds.filter(([, d]) => d === best);
  return at.length === 1 ? (at[0]?.[0] ?? null) : null;
}

const truth = queries.map((q) => closestBy(reference, q));
function run(name: string, build: () => (q: string) => string | null) {
  const h0 = heap();
  const t0 = performance.now();
  const find = build();
  const buildMs = performance.now() - t0;
  const indexMB = (heap() - h0) / 1048576;
  const answers: Array<string | null> = [];
  const t = performance.now();
  for (const q of queries) answers.push(find(q));
  const us = ((performance.now() - t) * 1000) / queries.length;
  const wrong = answers.filter((a, i) => a !== truth[i]).length;
  console.log(`${name.padEnd(40)} ${us.toFixed(2).padStart(8)} µs/lookup  build ${buildMs.toFixed(0).padStart(4)} ms  index ${indexMB.toFixed(1).padStart(5)} MB  differs from reference ${wrong}/${queries.length}`);
}

console.log(`${words.length} known words, ${queries.length} misspelt lookups\n`);
run('fuzzy.ts FuzzyIndex (bounded OSA)', () => { const idx = new FuzzyIndex(); for (const w of words) idx.add(w); return (q) => idx.closest(q, maxFor(q)); });
run('natural DamerauLevenshtein, full scan', () => (q) => closestBy((a, b) => distances.DamerauLevenshteinDistance(a, b), q));
run('mnemonist SymSpell (max 2) + same rule', () => {
  const sym = SymSpell.from(words, { maxDistance: 2, verbosity: 2 });
  return (q) => {
    const max = maxFor(q);
    const hits = sym.search(q).filter((m) => m.term[0] === q[0] && m.distance <= max);
    const best = Math.min(...hits.map((m) => m.distance));
    const at = hits.filter((m) => m.distance === best);
    return at.length === 1 ? (at[0]?.term ?? null) : null;
  };
});
