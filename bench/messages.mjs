// The benchmark's messages: a realistic mix (the labelled messages, multi-turn conversation cases, odd
// input) turned into distinct messages by seeded mutations a citizen's phone produces: typos (a letter
// dropped, doubled, swapped or hit next to it), case, greetings and particles before and after. No text
// repeats within a run, so no per-text cache helps; the same seed gives the same messages.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The base conversations: each a list of turns from one sender. */
export function baseConversations(root = '.') {
  const labelled = parse(readFileSync(`${root}/tests/conversations/labelled.yaml`, 'utf8')).messages;
  const extra = readFileSync(`${root}/tests/fixtures/extra-cases.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return [
    ...labelled.map((m) => [m.text]),
    ...extra.map((c) => [...c.turns, c.text]),
    ['cakupn kepesrtaan jkn pekalongn', 'kalo di binjai', 'makasih kak'],
    ['🙏', '<b>halo</b> min', 'x'.repeat(3000)],
  ];
}

const NEIGHBOURS = { a: 'sq', e: 'wr', i: 'uo', o: 'ip', u: 'yi', n: 'bm', m: 'n', k: 'jl', s: 'ad', r: 'et', t: 'ry', g: 'fh', b: 'vn', p: 'o', l: 'k', d: 'sf', h: 'gj', j: 'hk', y: 'tu' };
const ID_BEFORE = ['halo kak', 'permisi min', 'selamat pagi', 'assalamualaikum', 'mau tanya', 'kak', 'min', 'pak', 'bu', 'maaf', 'tolong'];
const ID_AFTER = ['dong', 'ya', 'ya kak', 'min', 'kak', 'sih', 'deh', '?', '??', 'makasih', 'mohon infonya', '🙏'];
const EN_BEFORE = ['hi', 'hello', 'excuse me', 'sorry', 'quick question,'];
const EN_AFTER = ['please', 'thanks', '?', 'pls', 'thank you'];
const ENGLISH = /\b(the|what|how|when|who|is|are|in|of|my|i|you|where|which|have|do|does|can)\b/i;

/** A seeded generator of distinct mutations of the base messages. */
export function messageMaker(seed = 1) {
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const seen = new Set();

  function typo(word) {
    if (word.length < 4 || !/^\p{L}+$/u.test(word)) return word;
    const j = 1 + Math.floor(rnd() * (word.length - 2));
    const r = rnd();
    if (r < 0.3) return word.slice(0, j) + word.slice(j + 1);
    if (r < 0.55) return word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2);
    if (r < 0.75) return word.slice(0, j) + word[j] + word.slice(j);
    const near = NEIGHBOURS[word[j]];
    return near ? word.slice(0, j) + pick(near) + word.slice(j + 1) : word.slice(0, j) + word.slice(j + 1);
  }

  function mutateOnce(text) {
    const english = ENGLISH.test(text);
    const words = text.split(' ');
    const ops = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < ops; k++) {
      const i = Math.floor(rnd() * words.length);
      const r = rnd();
      if (r < 0.45) words[i] = typo(words[i] ?? '');
      else if (r < 0.6) words.unshift(pick(english ? EN_BEFORE : ID_BEFORE));
      else if (r < 0.75) words.push(pick(english ? EN_AFTER : ID_AFTER));
      else if (r < 0.85) words[i] = (words[i] ?? '').toUpperCase();
      else if (r < 0.95) words[i] = (words[i] ?? '').charAt(0).toUpperCase() + (words[i] ?? '').slice(1);
      else words[i] = `${words[i] ?? ''}${pick(['?', '!', '..', ','])}`;
    }
    return words.join(' ');
  }

  /** A mutation of `text` never given before in this run. */
  return function distinct(text) {
    let out = mutateOnce(text);
    for (let tries = 0; seen.has(out); tries++) out = tries < 20 ? mutateOnce(out) : `${out} ${seen.size}`;
    seen.add(out);
    return out;
  };
}

/** `rounds` sets of conversations, each a distinct mutation of every base conversation, one sender each. */
export function distinctRounds(base, rounds, seed = 1) {
  const distinct = messageMaker(seed);
  return Array.from({ length: rounds }, () => base.map((turns) => turns.map((t) => distinct(t))));
}
