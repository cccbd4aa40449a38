import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/util/bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps at most max entries, dropping the oldest one at a time', () => {
    const c = new BoundedCache<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) c.set(k, i);
    expect(c.size).toBe(3);
    expect(c.get('a')).toBeUndefined();
    expect([c.get('b'), c.get('c'), c.get('d')]).toEqual([1, 2, 3]);
  });

  it('with refresh, a hit keeps an entry in: the least recently used leaves', () => {
    const c = new BoundedCache<string, number>(2, true);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.get('a')).toBe(1);
    expect(c.get('b')).toBeUndefined();
  });

  it('stores nothing with a cap of 0, and a rewrite moves the entry back', () => {
    const off = new BoundedCache<string, number>(0);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
    const c = new BoundedCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.set('a', 3);
    c.set('c', 4);
    expect(c.get('a')).toBe(3);
    expect(c.get('b')).toBeUndefined();
  });
});
