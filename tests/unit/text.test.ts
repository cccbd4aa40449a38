import { describe, expect, it } from 'vitest';
import { normalise, sanitize, tokenize, hasWords } from '../../src/nlu/text.js';
import { toFeatures, stem } from '../../src/nlu/features.js';
import { Register } from '../../src/nlu/register.js';

describe('normalise', () => {
  it('lower-cases, strips accents, emoji and markup, collapses repeated letters', () => {
    expect(normalise('Makasihhh BANGETTT 🙏🏽')).toBe('makasih banget');
    expect(normalise('Café <b>JKN</b>&nbsp;Kota')).toBe('cafe jkn kota');
    expect(normalise('\u200Bhai\u202E')).toBe('hai');
  });
  it('keeps double letters that belong to the word', () => {
    expect(normalise('maaf saat')).toBe('maaf saat');
  });
});

describe('sanitize', () => {
  it('removes control characters and broken surrogates, bounds length, never throws', () => {
    expect(sanitize('a\u0000b\u0007c')).toBe('a b c');
    expect(sanitize('x\uD800y')).toBe('x\uFFFDy');
    expect(sanitize('a'.repeat(10_000)).length).toBe(5000);
    expect(sanitize(undefined)).toBe('');
    expect(sanitize(42)).toBe('');
  });
});

describe('tokenize', () => {
  it('splits words, collapses reduplication and drops punctuation', () => {
    expect(tokenize("anak-anak anak2 jum'at, kab. semarang?")).toEqual(['anak', 'anak', 'jumat', 'kab', 'semarang']);
  });
  it('knows when there are no words', () => {
    expect(hasWords(normalise('🙏🙏'))).toBe(false);
    expect(hasWords(normalise('...'))).toBe(false);
    expect(hasWords(normalise('ok'))).toBe(true);
  });
});

describe('features', () => {
  const slang = new Map([['gmn', 'bagaimana'], ['udh', 'sudah'], ['blm', 'belum'], ['gak', 'tidak']]);
  const register = new Register({ words: slang, prefixes: [], suffixes: [], isKnown: () => true });
  it('expands slang and abbreviations', () => {
    expect(register.normalise(['gmn', 'udh', 'aktif'])).toEqual(['bagaimana', 'sudah', 'aktif']);
  });
  it('keeps question words and negations, so "sudah aktif" and "belum aktif" differ', () => {
    const a = toFeatures(register.normalise(['bpjs', 'udh', 'aktif']));
    const b = toFeatures(register.normalise(['bpjs', 'blm', 'aktif']));
    expect(a).not.toEqual(b);
    expect(b).toContain('belum');
    expect(toFeatures(['berapa', 'cakupan'])).toContain('berapa');
    expect(toFeatures(['gak', 'aktif'].map((t) => slang.get(t) ?? t))).toContain('tidak');
  });
  it('stems Indonesian with Sastrawi and English with Porter', () => {
    expect(stem('mengaktifkan')).toBe('aktif');
    expect(stem('kepesertaan')).toBe('serta');
    expect(stem('categories')).toBe('categori');
  });
});
