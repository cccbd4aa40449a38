import { describe, expect, it } from 'vitest';
import { findPii, redact, redactForStore } from '../../src/nlu/pii.js';

describe('personal data', () => {
  it('finds a 16-digit NIK, with or without separators, and masks all but the last four digits', () => {
    for (const t of ['nik 3374012345670001', 'NIK: 3374 0123 4567 0001', 'nik 3374.0123.4567.0001']) {
      const [m] = findPii(t);
      expect(m?.kind).toBe('nik');
      expect(m?.masked).toBe('************0001');
    }
  });
  it('finds phone numbers in 08.., 62.. and +62.. form', () => {
    expect(findPii('wa 081234567890').map((m) => m.kind)).toEqual(['phone']);
    expect(findPii('hp +62 812-3456-7890').map((m) => m.kind)).toEqual(['phone']);
    expect(findPii('6281234567890').map((m) => m.kind)).toEqual(['phone']);
  });
  it('finds JKN card numbers and e-mail addresses', () => {
    expect(findPii('kartu 0001234567890')[0]?.kind).toBe('card');
    expect(findPii('mail budi.s@example.com')[0]?.masked).toBe('b***@example.com');
  });
  it('leaves ordinary numbers alone', () => {
    expect(findPii('UHC Award 2026: 397 kab/kota, 99,53 persen, 314.775 jiwa')).toEqual([]);
  });
  it('tells neighbouring numbers apart: a NIK and a phone, two NIKs, a card and a NIK', () => {
    const kinds = (t: string) => findPii(t).map((m) => m.kind);
    expect(kinds('nik dan hp saya: 3374012345678907 081234567800')).toEqual(['nik', 'phone']);
    expect(kinds('3374012345678907 3374012345678915')).toEqual(['nik', 'nik']);
    expect(kinds('3374 0123 4567 8907 3374 0123 4567 8915')).toEqual(['nik', 'nik']);
    expect(kinds('kartu 0001234567890 3374012345678907')).toEqual(['card', 'nik']);
    expect(kinds('3374012345678907081234567800')).toEqual(['nik', 'phone']);
  });
  it('finds numbers written with fullwidth or other digits, zero-width characters, odd or double spaces', () => {
    for (const t of ['nik ３３７４０１２３４５６７８９０７', 'nik 3374\u200B0123\u200C4567\uFEFF8907', 'nik 3374  0123  4567  8907',
      'nik 3374\u00A00123\u20094567\u30008907', 'nik ٣٣٧٤٠١٢٣٤٥٦٧٨٩٠٧']) {
      expect(findPii(t).map((m) => m.masked)).toEqual(['************8907']);
    }
    expect(findPii('hp +62\u00A0812\u20133456\u20137890').map((m) => m.kind)).toEqual(['phone']);
  });
  it('leaves years and figures next to each other alone', () => {
    expect(findPii('tahun 2024 2025, 397 kab/kota 514')).toEqual([]);
  });
  it('for stores, also masks any long digit run and e-mail shape the patterns do not know', () => {
    expect(redactForStore('rekening 1234 5678 9012 atau x@localhost')).toBe('rekening [ANGKA] atau [EMAIL]');
    expect(redactForStore('cakupan 99,53 persen, 314.775 jiwa')).toBe('cakupan 99,53 persen, 314.775 jiwa');
  });
  it('redacts everything for logs', () => {
    const out = redact('nik 3374012345670001 hp 081234567890 mail a@b.co');
    expect(out).toBe('nik [NIK] hp [TELEPON] mail [EMAIL]');
  });
});
