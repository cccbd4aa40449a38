import { describe, expect, it } from 'vitest';
import { formatDate, formatPeople, formatPercent, formatFact } from '../../src/content/format.js';
import { fill, placeholdersOf } from '../../src/content/render.js';

describe('numbers in each language', () => {
  it('writes Indonesian numbers the Indonesian way', () => {
    expect(formatPercent(99.53, 'id')).toBe('99,53 persen');
    expect(formatPeople(314775, 'id')).toBe('314.775 jiwa');
    expect(formatPeople(282_700_000, 'id')).toBe('282,7 juta jiwa');
    expect(formatFact(30_000_000, 'rupiah', 'id')).toBe('Rp 30 juta');
    expect(formatFact(42_000, 'rupiah', 'id')).toBe('Rp 42.000');
  });
  it('writes English numbers the English way', () => {
    expect(formatPercent(99.53, 'en')).toBe('99.53%');
    expect(formatPeople(314775, 'en')).toBe('314,775 people');
    expect(formatPeople(282_700_000, 'en')).toBe('282.7 million people');
  });
  it('says qualifiers and dates', () => {
    expect(formatPercent({ value: 98, qualifier: 'above' }, 'id')).toBe('lebih dari 98 persen');
    expect(formatDate('2026-01-27', 'id')).toBe('27 Januari 2026');
    expect(formatDate('2026-01', 'en')).toBe('January 2026');
  });
});

describe('templates', () => {
  it('lists placeholders', () => {
    expect(placeholdersOf('a {x} b {y_z?}')).toEqual(['x', 'y_z']);
  });
  it('drops a line whose required value is missing, keeps optional ones', () => {
    expect(fill('A {a}\nB {b}\nC {c} {d?}', { a: '1', c: '3' })).toBe('A 1\nC 3');
  });
});
