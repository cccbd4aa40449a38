import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundedDistance, FuzzyIndex } from '../../src/nlu/fuzzy.js';
import { referenceDistance as reference, closestByScan } from '../reference-distance.js';

describe('boundedDistance', () => {
  it('agrees with the full-table distance, capped at max + 1', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'k', 's', 'i', 'h'), maxLength: 12 });
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
      expect(boundedDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
    }), { numRuns: 5000 });
  });

  it('counts a swap of neighbouring letters as one edit and gets the pair natural 8 gets wrong', () => {
    expect(boundedDistance('aktif', 'atkif', 2)).toBe(1);
    expect(boundedDistance('mwkasih', 'makasihh', 3)).toBe(2);
    expect(reference('mwkasih', 'makasihh')).toBe(2);
    expect(boundedDistance('pekalongan', 'pekalngan', 2)).toBe(1);
  });

  it('gives up on words too far apart, and handles empty and long words', () => {
    expect(boundedDistance('semarang', 'surabaya', 2)).toBe(3);
    expect(boundedDistance('', 'abc', 1)).toBe(2);
    expect(boundedDistance('', '', 1)).toBe(0);
    const long = 'x'.repeat(200);
    expect(boundedDistance(long, `${long}y`, 1)).toBe(1);
  });
});

describe('FuzzyIndex', () => {
  const index = new FuzzyIndex();
  for (const w of ['pekalongan', 'semarang', 'aktif', 'aktip', 'daftar', 'kartu']) index.add(w);

  it('finds the one closest word with the same first letter', () => {
    expect(index.closest('pekalngan', 2)).toBe('pekalongan');
    expect(index.closest('dafatr', 1)).toBe('daftar');
    expect(index.closest('semarang', 1)).toBe('semarang');
  });

  it('gives no answer for a tie, a different first letter or a word out of reach', () => {
    expect(index.closest('aktiv', 1)).toBeNull();
    expect(index.closest('xartu', 1)).toBeNull();
    expect(index.closest('kratuu', 1)).toBeNull();
    expect(index.closest('surabaya', 2)).toBeNull();
  });

  it('finds what a scan of every word with the reference distance finds', () => {
    const words = ['bayar', 'bayi', 'bawa', 'badan', 'banyak', 'batal', 'baru', 'bantuan', 'berobat', 'berhenti'];
    const idx = new FuzzyIndex();
    for (const w of words) idx.add(w);
    fc.assert(fc.property(fc.constantFrom(...words), fc.array(fc.tuple(fc.nat(9), fc.constantFrom('a', 'e', 'r', 'y', 'n')), { maxLength: 2 }), (w, edits) => {
      let typo = w;
      for (const [at, ch] of edits) typo = typo.slice(0, at) + ch + typo.slice(at + 1);
      if (!typo) return;
      expect(idx.closest(typo, 2)).toBe(closestByScan(words, typo, 2));
    }), { numRuns: 2000 });
  });
});
