import { describe, expect, it, beforeAll } from 'vitest';
import { content } from '../helpers.js';
import type { RegionIndex } from '../../src/nlu/regions.js';

let regions: RegionIndex;
beforeAll(async () => { regions = (await content()).regions; });

const scan = (text: string) => regions.scan(text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean), () => false);

describe('region recognition', () => {
  it('loads the official list: 38 provinces and 514 kota/kabupaten', () => {
    expect(regions.all.filter((r) => r.kind === 'provinsi')).toHaveLength(38);
    expect(regions.all.filter((r) => r.kind !== 'provinsi')).toHaveLength(514);
  });
  it('recognises names with and without Kota/Kabupaten/Kab./Provinsi', () => {
    expect(scan('cakupan kota pekalongan').regions[0]?.kindHint).toBe('kota');
    expect(scan('kab. klungkung').regions[0]?.candidates[0]?.name).toBe('Kabupaten Klungkung');
    expect(scan('humbang hasundutan').regions[0]?.candidates[0]?.name).toBe('Kabupaten Humbang Hasundutan');
    expect(scan('provinsi jawa tengah').regions[0]?.candidates[0]?.name).toBe('Provinsi Jawa Tengah');
  });
  it('offers both Kota and Kabupaten Semarang when the kind is not named', () => {
    const names = scan('semarang').regions[0]?.candidates.map((c) => c.name).sort();
    expect(names).toEqual(['Kabupaten Semarang', 'Kota Semarang']);
  });
  it('knows nicknames and short forms from data/regions.yaml', () => {
    expect(scan('kota batik').regions[0]?.candidates[0]?.name).toBe('Kota Pekalongan');
    expect(scan('jakut').regions[0]?.candidates[0]?.name).toBe('Kota Jakarta Utara');
    expect(scan('warga jogja').regions[0]?.candidates[0]?.name).toBe('Provinsi Daerah Istimewa Yogyakarta');
  });
  it('tolerates typos', () => {
    expect(scan('pekalongn').regions[0]?.candidates[0]?.core).toBe('pekalongan');
    expect(scan('klungkng').regions[0]?.candidates[0]?.core).toBe('klungkung');
    expect(scan('humbang hasundutn').regions[0]?.fuzzy).toBe(true);
  });
  it('does not read common words as places unless a place word comes first', () => {
    expect(scan('batu ginjal').regions).toHaveLength(0);
    expect(scan('di batu').regions[0]?.candidates[0]?.name).toBe('Kota Batu');
    const serang = scan('kota serang').regions[0];
    expect(serang?.kindHint).toBe('kota');
    expect(serang?.candidates.map((c) => c.name)).toContain('Kota Serang');
  });
  it('resolves a kecamatan to its kota or kabupaten', () => {
    const names = (t: string) => scan(t).regions[0]?.candidates.map((c) => c.name);
    expect(names('di tembalang')).toEqual(['Kota Semarang']);
    expect(scan('banyumanik').regions[0]?.district).toBe('Banyumanik');
    expect(names('semarang utara')).toEqual(['Kota Semarang']);
    // A kecamatan whose name is also a word counts after a place word (or written with a capital).
    expect(names('di kajen')).toEqual(['Kabupaten Pekalongan']);
    expect(names('kajen')).toBeUndefined();
    expect(names('nusa penida')).toEqual(['Kabupaten Klungkung']);
    // Only the first word of two kecamatan names that lie in one kabupaten: Ungaran Barat, Ungaran Timur.
    expect(names('warga ungaran')).toEqual(['Kabupaten Semarang']);
  });
  it('keeps official kota and kabupaten names ahead of kecamatan with the same words', () => {
    expect(scan('kota padang').regions[0]?.candidates.map((c) => c.name)).toEqual(['Kota Padang']);
    expect(scan('binjai').regions[0]?.district).toBeUndefined();
  });
  it('fits the allowed typo to the word, from the same first letter, and never matches a near word far away', () => {
    expect(scan('semarng').regions[0]?.candidates[0]?.core).toBe('semarang');
    expect(scan('tembalan').regions).toHaveLength(0);
    expect(scan('pemalangg').regions[0]?.candidates[0]?.core).toBe('pemalang');
    expect(scan('tmbalang').regions).toHaveLength(0);
    expect(scan('bali').regions[0]?.candidates[0]?.name).toBe('Provinsi Bali');
    expect(scan('bala').regions).toHaveLength(0);
  });
  it('recognises a bare name that is both a kota and a kabupaten', () => {
    expect(scan('cakupan tegal').regions[0]?.candidates.map((c) => c.name).sort()).toEqual(['Kabupaten Tegal', 'Kota Tegal']);
  });
  it('notices the whole country', () => {
    expect(scan('seluruh indonesia').national).toBe(true);
    expect(scan('nasional').national).toBe(true);
  });
  it('finds every official kota/kabupaten by its own name', () => {
    const misses = regions.all.filter((r) => !scan(r.name).regions[0]?.candidates.some((c) => c.code === r.code));
    expect(misses.map((r) => r.name)).toEqual([]);
  });
});
