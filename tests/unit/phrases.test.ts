import { describe, expect, it } from 'vitest';
import { PhraseMatcher, AskIndex, bagOf } from '../../src/nlu/phrases.js';
import { stem } from '../../src/nlu/features.js';
import { segments, splitAtJoins } from '../../src/nlu/clauses.js';

const split = (p: string) => p.split(' ');

describe('phrase matching', () => {
  const m = new PhraseMatcher({ receive: ['terima', 'yang dapat'], previous: ['sebelumnya'] }, stem, split);
  it('matches a root word in its inflections, an inflected word only as written', () => {
    expect(m.labels(['siapa', 'penerima', 'award'])).toEqual(new Set(['receive']));
    expect(m.labels(['sudah', 'diterima'])).toEqual(new Set(['receive']));
    expect(m.labels(['tahun', 'sebelumnya'])).toEqual(new Set(['previous']));
    expect(m.labels(['belum', 'aktif'])).toEqual(new Set());
  });
  it('matches phrases of several words in a row only', () => {
    expect(m.labels(['yang', 'dapat'])).toEqual(new Set(['receive']));
    expect(m.labels(['dapat', 'yang'])).toEqual(new Set());
  });
});

describe('asks', () => {
  const index = new AskIndex(stem, split);
  index.add('activation.register', 'due_date', ['@deadline bayar', 'tanggal iuran']);
  index.add('activation.reactivate_arrears', 'penalty', ['denda']);
  index.add('activation.reactivate_arrears', 'penalty_cap', ['denda @max']);
  index.add('coverage.national', 'uhc_regions', ['daerah uhc !award']);
  const bag = (words: string[], labels: string[] = []) => bagOf(words, stem, new Set(labels));

  it('gives the most specific case first', () => {
    const found = index.match(bag(['dendanya', 'maksimal', 'berapa'], ['max']));
    expect(found.map((a) => `${a.caseName}:${a.score}`)).toEqual(['penalty_cap:2', 'penalty:1']);
  });
  it('needs every term of an alternative, and none of its !words', () => {
    expect(index.match(bag(['tanggal', 'berapa']))).toEqual([]);
    expect(index.match(bag(['membayar', 'iuran'], ['deadline']))[0]?.caseName).toBe('due_date');
    expect(index.match(bag(['daerah', 'uhc']))[0]?.caseName).toBe('uhc_regions');
    expect(index.match(bag(['daerah', 'uhc', 'award']))).toEqual([]);
  });
});

describe('clauses', () => {
  it('splits at sentence punctuation, not inside decimals', () => {
    expect(segments('cakupan 99,53 persen? terus keaktifannya?').map((x) => x.text)).toEqual(['cakupan 99,53 persen', 'terus keaktifannya']);
    expect(segments('new rehab 2.0 itu apa').map((x) => x.text)).toEqual(['new rehab 2.0 itu apa']);
  });
  it('splits at a joining word only when what follows asks something of its own', () => {
    const join = (t: string) => t === 'dan';
    const q = (t: string) => ['berapa', 'apa', 'dimana'].includes(t);
    expect(splitAtJoins('kapan dan dimana uhc award'.split(' '), join, q)).toEqual([[0, 1], [2, 5]]);
    expect(splitAtJoins('apa beda kategori utama dan pratama'.split(' '), join, q)).toEqual([[0, 6]]);
  });
  it('does not split at a joining word its caller says is inside a phrase', () => {
    const tokens = 'uhc award tahun lalu dimana'.split(' ');
    const q = (t: string) => t === 'dimana';
    expect(splitAtJoins(tokens, (t) => t === 'lalu', q)).toEqual([[0, 3], [4, 5]]);
    expect(splitAtJoins(tokens, (t, at) => t === 'lalu' && tokens[at - 1] !== 'tahun', q)).toEqual([[0, 5]]);
  });
  it('keeps "tahun lalu" in one clause, and still splits at "lalu" between two questions', async () => {
    const { content } = await import('../helpers.js');
    const nlu = (await content()).nlu;
    expect(nlu.understand('uhc award tahun lalu dimana').clauses).toHaveLength(1);
    expect(nlu.understand('uhc award kapan lalu dimana tempatnya').clauses).toHaveLength(2);
  });
});
