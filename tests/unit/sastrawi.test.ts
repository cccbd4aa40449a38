// src/nlu/sastrawi.ts against what it replaces, natural's Indonesian stemmer: the same stem for every
// dictionary word, affixed words, plurals, arbitrary strings and misspellings (zero differences allowed).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import stemmerId from 'natural/lib/natural/stemmers/indonesian/stemmer_id.js';
import { stemIndonesian } from '../../src/nlu/sastrawi.js';

const dictionary = (createRequire(import.meta.url)('natural/lib/natural/stemmers/indonesian/data/kata-dasar.json') as string[]).filter(Boolean);

const PREFIXES = ['me', 'mem', 'men', 'meng', 'meny', 'menge', 'pe', 'pem', 'pen', 'peng', 'peny', 'penge', 'per', 'ber', 'be', 'ter', 'te',
  'di', 'ke', 'se', 'memper', 'diper', 'berke', 'keber', 'mempe', 'pel', 'ku', 'kau', 'dike', 'terper', 'seper'];
const SUFFIXES = ['i', 'kan', 'an', 'is', 'isme', 'isasi', 'lah', 'kah', 'tah', 'pun', 'ku', 'mu', 'nya', '-nya', '-lah', '-ku', '-pun',
  'kannya', 'annya', 'ilah', 'kanlah', 'nyalah', 'annyalah', 'isasinya', 'kan-nya'];

/** The words the port stems differently from natural, with both stems (the first 20). */
function differences(words: Iterable<string>): Array<{ word: string; natural: string; port: string }> {
  const found: Array<{ word: string; natural: string; port: string }> = [];
  for (const word of words) {
    const natural = stemmerId.stem(word);
    const port = stemIndonesian(word);
    if (natural !== port && found.push({ word, natural, port }) >= 20) break;
  }
  return found;
}

/** Every `step`-th element, from `start`: a deterministic sample. */
const every = <T>(items: readonly T[], step: number, start = 0): T[] => items.filter((_, i) => i % step === start % step);

describe('stemIndonesian', () => {
  it('gives natural\'s stems on examples, quirks included', () => {
    const examples: Record<string, string> = {
      pelayanan: 'layan', Pelayanan: 'layan', mempengaruhi: 'pengaruh', memberikan: 'beri', pendaftaran: 'daftar',
      keanggotaan: 'anggota', dipermasalahkan: 'masalah', mentaati: 'taat', menyala: 'nyala', mengecat: 'cat',
      pengecat: 'cat', belajar: 'ajar', pelajar: 'ajar', kesehatannya: 'sehat', menemukannya: 'temu', berkelahi: 'kelah',
      // plurals
      'buku-buku': 'buku', 'BUKU-BUKU': 'buku', 'berbalas-balasan': 'balas', 'meniru-nirukan': 'tiru',
      'malaikat-malaikat-nya': 'malaikat', 'anak-anakku': 'anak', 'buku-nya': 'buku', 'di-buku': 'di-buku', '-': '-',
      // rule 30's last variant does not apply, so nothing is removed; rule 2 stops at a line break
      pengaxx: 'pengaxx', 'berlari\nxyz': 'lari', 'ber\nlari': 'ber\nlari', bpjs: 'bpjs', abc: 'abc', '': '',
      // the two halves of a plural share natural's list of removals: reversed in place by the first half
      // ("leli" if it were not), emptied by a failed prefix-first attempt ("filatelis" if it were not)
      'meleliku-menkontrolpun': 'meleliku-menkontrolpun', 'pengmakantah-tersinigelkah': 'pengmakantah-tersinigelkah',
      'berfilatelis-penlandapi': 'berfilatelis-penlandapi', 'berkonvulsikah-dickpengi': 'berkonvulsikah-dickpengi',
    };
    for (const [word, stem] of Object.entries(examples)) {
      expect(stemmerId.stem(word), word).toBe(stem);
      expect(stemIndonesian(word), word).toBe(stem);
    }
  });

  it('agrees with natural on every dictionary word', () => {
    expect(differences(dictionary)).toEqual([]);
  });

  it('agrees with natural on affixed dictionary words (a deterministic sample) and on every affix pair of some roots', () => {
    const affixed: string[] = [];
    dictionary.forEach((w, i) => {
      affixed.push(`${PREFIXES[(i * 7) % PREFIXES.length]}${w}${SUFFIXES[(i * 11) % SUFFIXES.length]}`);
      affixed.push(`${PREFIXES[(i * 13 + 5) % PREFIXES.length]}${w}`);
      if (i % 2 === 0) affixed.push(`${w}${SUFFIXES[(i * 3 + 1) % SUFFIXES.length]}`);
    });
    for (const root of every(dictionary, 500, 17)) {
      for (const p of ['', ...PREFIXES]) for (const s of ['', ...SUFFIXES]) affixed.push(p + root + s);
    }
    expect(differences(affixed)).toEqual([]);
  });

  it('agrees with natural on reduplicated words', () => {
    const words = ['buku-buku', 'berbalas-balasan', 'meniru-nirukan', 'malaikat-malaikat-nya', 'gelas-gelas', 'anak-anaknya',
      'sayur-mayur', 'bolak-balik', 'kura-kura-lah', 'a-b-c', '-nya', 'x-nya', '--nya', 'buku--buku', 'buku-', '-buku'];
    const sample = every(dictionary, 20);
    sample.forEach((w, i) => {
      const other = sample[(i * 31 + 7) % sample.length] as string;
      const p = PREFIXES[i % PREFIXES.length] as string;
      const s = SUFFIXES[(i * 5) % SUFFIXES.length] as string;
      words.push(`${w}-${w}`, `${p}${w}-${w}${s}`, `${w}-${p}${w}`, `${w}-${other}`, `${w}-${w}-${['nya', 'ku', 'lah', 'pun'][i % 4]}`);
    });
    expect(differences(words)).toEqual([]);
  });

  it('agrees with natural on arbitrary strings and misspelt words (fast-check)', () => {
    const agree = (word: string): boolean => stemIndonesian(word) === stemmerId.stem(word);
    const chars = (set: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...set), maxLength });
    // any of a-z, '-', capitals and digits
    fc.assert(fc.property(chars('abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20), agree), { numRuns: 6000 });
    // Indonesian-looking strings: affix and syllable pieces
    const piece = fc.constantFrom('me', 'mem', 'men', 'meng', 'meny', 'pe', 'per', 'ber', 'be', 'ter', 'te', 'di', 'ke', 'se', 'ku', 'kau',
      'kan', 'an', 'i', 'is', 'isme', 'lah', 'nya', 'mu', 'pun', '-', 'a', 'e', 'i', 'o', 'u', 'r', 'l', 'er', 'el', 'em', 'in', 'ng', 'k', 'p', 't', 's');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('').slice(0, 20)), agree), { numRuns: 6000 });
    // what natural's patterns treat specially: line breaks (`.` stops there) and '|' (in rule 16's class)
    fc.assert(fc.property(chars('aeikmnrgbt-|\n\r\u2028AE', 14), agree), { numRuns: 2000 });
    // misspellings of affixed dictionary words: a letter dropped, doubled, swapped with the next, replaced
    const word = fc.tuple(fc.constantFrom('', ...PREFIXES), fc.constantFrom(...dictionary), fc.constantFrom('', ...SUFFIXES)).map((t) => t.join(''));
    const typo = fc.tuple(word, fc.nat(), fc.constantFrom('drop', 'double', 'swap', 'replace'), fc.constantFrom(...'aeioubdgkmnprst-'))
      .map(([w, at, edit, c]) => {
        const i = at % Math.max(1, w.length);
        if (edit === 'drop') return w.slice(0, i) + w.slice(i + 1);
        if (edit === 'double') return w.slice(0, i + 1) + w.slice(i);
        if (edit === 'swap') return w.slice(0, i) + w.slice(i + 1, i + 2) + w.slice(i, i + 1) + w.slice(i + 2);
        return w.slice(0, i) + c + w.slice(i + 1);
      });
    fc.assert(fc.property(typo, agree), { numRuns: 8000 });
    fc.assert(fc.property(typo, typo, (a, b) => agree(`${a}-${b}`)), { numRuns: 2000 });
  });
});
