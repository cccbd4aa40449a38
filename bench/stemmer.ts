// npm run bench:stemmer: the Indonesian stemmer (src/nlu/sastrawi.ts) against what it replaces, natural's
// Sastrawi stemmer, on distinct generated words (affixed dictionary words, plurals and misspellings of
// them, none repeated: the bot stems a word once, then caches it). Prints µs per word for both (median of
// 5 rounds, the order alternating) and how many of a larger set of distinct words they stem differently.
import { createRequire } from 'node:module';
import stemmerId from 'natural/lib/natural/stemmers/indonesian/stemmer_id.js';
import { stemIndonesian } from '../src/nlu/sastrawi.js';

const TIMED = 200_000;
const CHECKED = 1_000_000;

const dictionary = (createRequire(import.meta.url)('natural/lib/natural/stemmers/indonesian/data/kata-dasar.json') as string[]).filter(Boolean);
const PREFIXES = ['', '', '', 'me', 'mem', 'men', 'meng', 'meny', 'menge', 'pe', 'pem', 'pen', 'peng', 'peny', 'penge', 'per', 'ber', 'be',
  'ter', 'te', 'di', 'ke', 'se', 'memper', 'diper', 'berke', 'keber', 'ku', 'kau'];
const SUFFIXES = ['', '', '', 'i', 'kan', 'an', 'is', 'isme', 'isasi', 'lah', 'kah', 'tah', 'pun', 'ku', 'mu', 'nya', '-nya', '-lah',
  'kannya', 'annya', 'ilah', 'kanlah', 'nyalah'];
const LETTERS = 'aaeiioubdgkklmnnprsstuy';

let seed = 20_261_202;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const affixed = () => pick(PREFIXES) + (random() < 0.2 ? pick(PREFIXES) : '') + pick(dictionary) + pick(SUFFIXES);
/** A letter dropped, doubled, swapped with the next or replaced. */
function typo(w: string): string {
  const i = Math.floor(random() * w.length);
  const r = random();
  if (r < 0.25) return w.slice(0, i) + w.slice(i + 1);
  if (r < 0.5) return w.slice(0, i + 1) + w.slice(i);
  if (r < 0.75) return w.slice(0, i) + w.slice(i + 1, i + 2) + w.slice(i, i + 1) + w.slice(i + 2);
  return w.slice(0, i) + pick([...LETTERS]) + w.slice(i + 1);
}
function generated(): string {
  const r = random();
  if (r < 0.55) return affixed();
  if (r < 0.85) return typo(random() < 0.3 ? typo(affixed()) : affixed());
  const w = affixed();
  return `${w}-${random() < 0.5 ? w : affixed()}`;
}

const distinct = new Set<string>();
while (distinct.size < CHECKED) distinct.add(generated());
const words = [...distinct];
const timed = words.slice(0, TIMED);

function time(stem: (w: string) => string): number {
  let sink = 0;
  const t = performance.now();
  for (const w of timed) sink += stem(w).length;
  const us = ((performance.now() - t) * 1000) / timed.length;
  if (sink < 0) console.log(sink);
  return us;
}

const natural = (w: string) => stemmerId.stem(w);
const rounds: Record<'natural' | 'port', number[]> = { natural: [], port: [] };
for (let round = 0; round < 5; round++) {
  if (round % 2 === 0) {
    rounds.natural.push(time(natural));
    rounds.port.push(time(stemIndonesian));
  } else {
    rounds.port.push(time(stemIndonesian));
    rounds.natural.push(time(natural));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

let differing = 0;
const examples: string[] = [];
for (const w of words) {
  const a = stemmerId.stem(w);
  const b = stemIndonesian(w);
  if (a !== b && ++differing <= 10) examples.push(`${JSON.stringify(w)}: natural ${JSON.stringify(a)}, port ${JSON.stringify(b)}`);
}

console.log(`${timed.length} distinct words timed, median of 5 rounds:`);
console.log(`  natural stemmer_id.stem  ${median(rounds.natural).toFixed(2).padStart(8)} µs/word  (rounds ${rounds.natural.map((x) => x.toFixed(1)).join(', ')})`);
console.log(`  src/nlu/sastrawi.ts      ${median(rounds.port).toFixed(2).padStart(8)} µs/word  (rounds ${rounds.port.map((x) => x.toFixed(2)).join(', ')})`);
console.log(`differing stems: ${differing} of ${words.length} distinct words`);
for (const e of examples) console.log(`  ${e}`);
