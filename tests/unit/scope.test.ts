import { describe, expect, it, beforeAll } from 'vitest';
import { content } from '../helpers.js';
import type { Snapshot } from '../../src/content/index.js';
import { decideScope, foreignIn } from '../../src/core/scope.js';

let s: Snapshot;
beforeAll(async () => { s = await content(); });
const labels = (text: string) => s.nlu.understand(text).labels;

describe('scope decision', () => {
  it('finds the foreign group of a near-miss, and none in a JKN question', () => {
    expect(foreignIn(labels('aktivasi kartu atm bri'), s)?.name).toBe('bank_and_wallet');
    expect(foreignIn(labels('penghargaan adipura 2026'), s)?.name).toBe('other_awards');
    expect(foreignIn(labels('cakupan imunisasi campak'), s)?.name).toBe('other_coverage');
    expect(foreignIn(labels('berobat cukup bawa ktp'), s)).toBeUndefined();
    expect(foreignIn(labels('kartu bpjs saya mati'), s)).toBeUndefined();
  });

  it('answers JKN families only with a JKN word, a topic word or a follow-up, and never something foreign', () => {
    const atm = foreignIn(labels('kartu atm'), s);
    const jht = foreignIn(labels('klaim jht'), s);
    expect(decideScope({ intent: 'activation.register', jkn: true, topical: true, inherited: false }, s)).toEqual({ inScope: true });
    expect(decideScope({ intent: 'activation.register', jkn: false, topical: false, inherited: true }, s)).toEqual({ inScope: true });
    expect(decideScope({ intent: 'activation.register', jkn: false, topical: false, inherited: false }, s)).toEqual({ inScope: false });
    expect(decideScope({ intent: 'activation.reactivate_arrears', jkn: false, topical: true, foreign: atm, inherited: false }, s).inScope).toBe(false);
    // A JKN word outweighs a foreign one, except for groups marked exclusive (BPJS Ketenagakerjaan).
    expect(decideScope({ intent: 'activation.register', jkn: true, topical: true, foreign: atm, inherited: false }, s).inScope).toBe(true);
    expect(decideScope({ intent: 'activation.resign', jkn: true, topical: true, foreign: jht, inherited: false }, s)).toEqual({ inScope: false, foreign: jht });
  });

  it('always answers small talk, and help unless something foreign is asked', () => {
    const visa = foreignIn(labels('bikin paspor'), s);
    expect(decideScope({ intent: 'smalltalk.thanks', jkn: false, topical: false, foreign: visa, inherited: false }, s).inScope).toBe(true);
    expect(decideScope({ intent: 'help.menu', jkn: false, topical: false, inherited: false }, s).inScope).toBe(true);
    expect(decideScope({ intent: 'help.contact', jkn: false, topical: false, foreign: visa, inherited: false }, s).inScope).toBe(false);
  });
});
