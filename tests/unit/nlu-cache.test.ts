import { describe, expect, it, beforeAll } from 'vitest';
import { content } from '../helpers.js';
import type { Nlu } from '../../src/nlu/nlu.js';

let nlu: Nlu;
beforeAll(async () => { nlu = (await content()).nlu; });

describe('the understanding cache', () => {
  it('keeps a text from its second time on, and then gives the same understanding', () => {
    const text = `cek status bpjs dong ${Math.random().toString(36).slice(2, 6)}`;
    const first = nlu.understand(text);
    const second = nlu.understand(text);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(nlu.understand(text)).toBe(second);
  });

  it('never keeps a message with personal data, nor one in another conversation language', () => {
    const withNik = 'nik saya 3374012345678907';
    nlu.understand(withNik);
    nlu.understand(withNik);
    expect(nlu.understand(withNik)).not.toBe(nlu.understand(withNik));
    const text = 'makasih kak';
    nlu.understand(text, 'en');
    const en = nlu.understand(text, 'en');
    expect(nlu.understand(text, 'id')).not.toBe(en);
  });
});
