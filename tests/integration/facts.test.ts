// The fact inventory (tests/conversations/facts.yaml): every askable fact of the sources, the sentence it comes
// from, and a question that reaches it. Each question goes through the whole pipeline; a fact that can no
// longer be reached, or is answered with the wrong answer, fails here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { newBot, msg } from '../helpers.js';

interface FactCase { source: string; sentence: string; fact: string; turns?: string[]; ask: string; answer: string; must: string[]; must_not?: string[] }
const { facts } = parse(readFileSync('tests/conversations/facts.yaml', 'utf8')) as { facts: FactCase[] };

describe('fact inventory: every sourced fact has a question that reaches it', () => {
  it('has facts from every seed article and the fact sheet', () => {
    const sources = new Set(facts.map((f) => f.source.split(' ')[0]));
    for (const s of ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004', 'facts']) expect(sources, s).toContain(s);
  });
  it.each(facts.map((f, i) => [f.fact, f, i] as const))('%s', async (_fact, f, i) => {
    const bot = await newBot();
    const chat = `fact-${i}`;
    for (const t of f.turns ?? []) bot.handle(msg(chat, t));
    const res = bot.handle(msg(chat, f.ask));
    const reply = res.replies.join('\n');
    const ctx = `"${f.ask}" -> ${res.answers.join(' + ')}\n${reply}`;
    expect(res.answers, ctx).toContain(f.answer);
    for (const m of f.must) expect(reply, ctx).toMatch(new RegExp(m, 'i'));
    for (const m of f.must_not ?? []) expect(reply, ctx).not.toMatch(new RegExp(m, 'i'));
  });
});
