import { describe, expect, it } from 'vitest';
import { findPii, redact } from '../../src/nlu/pii.js';

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
  it('redacts everything for logs', () => {
    const out = redact('nik 3374012345670001 hp 081234567890 mail a@b.co');
    expect(out).toBe('nik [NIK] hp [TELEPON] mail [EMAIL]');
  });
});
