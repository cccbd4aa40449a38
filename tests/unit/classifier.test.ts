import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { content, newBot, msg } from '../helpers.js';
import type { Snapshot } from '../../src/content/index.js';
import type { Bot } from '../../src/core/bot.js';

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

  it('scores exactly as natural does, from natural\'s trained model', () => {
    const c = s.nlu.classifier;
    let compared = 0;
    for (const m of messages) {
      const features = s.nlu.understand(m.text).features;
      const natural = c.naturalScores(features);
      const soft = natural.map((r) => ({ label: r.label, p: r.value ** (1 / c.temperature) }));
      const total = soft.reduce((a, r) => a + r.p, 0);
      if (!features.length || !(total > 0)) continue;
      const ours = new Map(c.scores(features).map((r) => [r.intent, r.score]));
      for (const r of soft) expect(ours.get(r.label) ?? -1, `${m.text} / ${r.label}`).toBeCloseTo(r.p / total, 9);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(50);
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
