import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withFields, wordTable } from '../../src/util/objects.js';
import { KIND_WORDS } from '../../src/nlu/regions.js';

describe('withFields', () => {
  it('is the object spread gives: the same fields, in the same order, later sources winning', () => {
    const obj = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'text', 'lang', '1', '__x'), fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)));
    fc.assert(fc.property(obj, obj, obj, (a, b, c) => {
      const spread = { ...a, ...b, ...c };
      const copy = withFields(a, b, c);
      expect(Object.entries(copy)).toEqual(Object.entries(spread));
      expect(withFields(a, b)).toEqual({ ...a, ...b });
    }), { numRuns: 2000 });
  });

  it('leaves its sources alone', () => {
    const base = { intent: 'x', unsure: true };
    const copy = withFields(base, { unsure: false });
    expect(base.unsure).toBe(true);
    expect(copy).toEqual({ intent: 'x', unsure: false });
    expect(copy).not.toBe(base);
  });
});

describe('wordTable', () => {
  it('finds its own words and nothing of Object.prototype', () => {
    const table = wordTable({ kota: 'kota', kab: 'kabupaten' });
    expect(table.kota).toBe('kota');
    expect(table.kab).toBe('kabupaten');
    for (const word of ['constructor', '__proto__', 'tostring', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      expect(table[word], word).toBeUndefined();
      expect(KIND_WORDS[word], word).toBeUndefined();
    }
    expect(Object.isFrozen(table)).toBe(true);
  });
});
