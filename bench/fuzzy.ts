// npm run bench:fuzzy: the typo lookup (src/nlu/fuzzy.ts) against what it replaced (natural's
// DamerauLevenshteinDistance over every word of a plausible length) and against mnemonist's SymSpell (a
// deletion index), on the bot's own words and seeded typos of them: speed, memory, and agreement with
// the reference distance (the textbook full table, tests/reference-distance.ts).
import distances from 'natural/lib/natural/distance/levenshtein_distance.js';
import { SymSpell } from 'mnemonist';
import { loadBotContent } from '../src/content/index.js';
import { normalise, tokenize } from '../src/nlu/text.js';
import { FuzzyIndex } from '../src/nlu/fuzzy.js';
import { closestByScan } from '../tests/reference-distance.js';

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

/** The rule every candidate implements, by brute force with the given distance. */
const closestBy = (distance: (a: string, b: string) => number, w: string) => closestByScan(words, w, maxFor(w), distance);

const truth = queries.map((q) => closestByScan(words, q, maxFor(q)));
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
