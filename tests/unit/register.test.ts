import { describe, expect, it, beforeAll } from 'vitest';
import { content } from '../helpers.js';
import type { Snapshot } from '../../src/content/index.js';
import { Register } from '../../src/nlu/register.js';

let s: Snapshot;
beforeAll(async () => { s = await content(); });
const read = (text: string) => s.nlu.register.normalise(text.split(' '));

describe('register: everyday speech to standard Indonesian, ahead of stemming', () => {
  it('reads Javanese ngoko and krama and Sundanese function words', () => {
    expect(read('piye carane')).toEqual(['bagaimana', 'cara']);
    expect(read('pripun sinten ingkang nampi')).toEqual(['bagaimana', 'siapa', 'yang', 'terima']);
    expect(read('kumaha abdi sabaraha dinten')).toEqual(['bagaimana', 'saya', 'berapa', 'hari']);
    // Thanks is read as one word, so it is never the "receive" of "yang menerima".
    expect(read('matur nuwun')).toEqual(['terimakasih']);
    expect(read('hatur nuhun')).toEqual(['terimakasih']);
    expect(read('makasih')).toEqual(['terimakasih']);
  });

  it('strips colloquial affixes back to a root the bot knows', () => {
    expect(read('ngaktifin')).toEqual(['aktifkan']);
    expect(read('nyerahin')).toEqual(['serah']);
    expect(read('nyerahke')).toEqual(['serah']);
    expect(read('dibayarin')).toEqual(['dibayar']);
    expect(read('ngaktifkeun')).toEqual(['aktif']);
    expect(read('ngadaptarkeun')).toEqual(['daftar']);
    expect(read('penilaiane')).toEqual(['penilaian']);
    expect(read('informasinipun')).toEqual(['informasi']);
    expect(read('ngidupinnya')).toEqual(['hidupkan']);
    expect(read('dienggo')).toEqual(['pakai']);
  });

  it('leaves real words and unknown names alone', () => {
    expect(read('pelayanan kesehatan')).toEqual(['pelayanan', 'kesehatan']);
    expect(read('metformin banyumanik')).toEqual(['metformin', 'banyumanik']);
  });

  it('only accepts a stripped word the caller knows', () => {
    const r = new Register({ words: new Map(), prefixes: [{ prefix: 'ng', restores: [''] }], suffixes: ['in'], isKnown: (w) => w === 'aktif' });
    expect(r.normalise(['ngaktifin', 'ngopiin'])).toEqual(['aktif', 'ngopiin']);
  });
});
