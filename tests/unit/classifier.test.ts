import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { content, newBot, msg } from '../helpers.js';
import type { Snapshot } from '../../src/content/index.js';
import type { Bot } from '../../src/core/bot.js';
import { IntentClassifier, inputsOf } from '../../src/nlu/classifier.js';

const { messages } = parse(readFileSync('tests/conversations/labelled.yaml', 'utf8')) as { messages: Array<{ text: string; intent: string }> };
let s: Snapshot;
let bot: Bot;
beforeAll(async () => { s = await content(); bot = await newBot(); });

describe('intent classifier', () => {
  it('gets at least 90% of the held-out labelled messages right', () => {
    const wrong = messages.filter((m, i) => {
      const got = bot.handle(msg(`held-${i}`, m.text)).intent;
      return m.intent.includes('.') ? got !== m.intent : got.split('.')[0] !== m.intent;
    });
    expect(wrong.length / messages.length, wrong.map((m) => m.text).join('\n')).toBeLessThanOrEqual(0.1);
  });

  it('gives calibrated scores: a probability distribution, higher for clear messages', () => {
    const clear = s.nlu.understand('cara daftar bpjs kesehatan mandiri');
    const sum = clear.ranking.reduce((a, r) => a + r.score, 0);
    expect(sum).toBeCloseTo(1, 5);
    const vague = s.nlu.understand('apa ya');
    expect(clear.confidence).toBeGreaterThan(vague.confidence);
    expect(clear.confidence).toBeLessThanOrEqual(1);
  });

  it('trains the same model every time (a seeded order), so a reload never changes an answer', () => {
    const examples = s.intents.flatMap((it) => it.examples.slice(0, 8).map((text) => ({ intent: it.name, features: s.nlu.featuresOf(text) })));
    const a = new IntentClassifier(examples);
    const b = new IntentClassifier(examples);
    for (const m of messages.slice(0, 30)) {
      const f = s.nlu.understand(m.text).features;
      expect(a.scores(f)).toEqual(b.scores(f));
    }
  });

  it('generalises to spellings no example has, through character n-grams', () => {
    expect(inputsOf(['aktif'])).toEqual(expect.arrayContaining(['aktif', 'c:<ak', 'c:tif>']));
    expect(inputsOf(['zregion'])).toEqual(['zregion']);
    expect(bot.handle(msg('grams', 'dendanyaa rwat inap brapa')).answers).toEqual(['activation.reactivate_arrears/penalty']);
    expect(bot.handle(msg('grams', 'pengen ngedaftarin bpjs mandiri')).intent).toBe('activation.register');
  });

  it('answers a message with the same words as an example with that example\'s intent', () => {
    const u = s.nlu.understand('apa itu uhc');
    expect(u.ranking[0]?.intent).toBe('activation.uhc_same_day');
    expect(u.ranking[0]?.score).toBeGreaterThanOrEqual(0.9);
  });

  it('tells "sudah aktif" from "belum aktif"', () => {
    const a = s.nlu.understand('bpjs saya sudah aktif');
    const b = s.nlu.understand('bpjs saya belum aktif');
    expect(a.features).not.toEqual(b.features);
  });

  it('corrects typos against its own vocabulary', () => {
    const u = s.nlu.understand('cakupn kepesrtaan jkn pekalongn');
    expect(u.tokens).toContain('cakupan');
    expect(u.regions[0]?.candidates[0]?.core).toBe('pekalongan');
    expect(bot.handle(msg('typo', 'cakupn kepesrtaan jkn pekalongn')).intent).toBe('coverage.region');
  });

  it('sends out-of-scope and gibberish to the fallback, not to the nearest intent', () => {
    for (const t of ['cuaca besok di jakarta gimana', 'resep ayam geprek', 'siapa capres 2029', 'qwpoeiru zxmcnv', 'nomor togel hari ini',
      'klaim jht bpjs ketenagakerjaan']) {
      expect(bot.handle(msg('oos', t)).intent, t).toBe('fallback');
    }
  });

  it('detects English and Indonesian', () => {
    expect(s.nlu.understand('how do I register for JKN').lang).toBe('en');
    expect(s.nlu.understand('gmn cara daftar bpjs').lang).toBe('id');
    expect(s.nlu.understand('UHC award winners in Central Java').lang).toBe('en');
  });
});
