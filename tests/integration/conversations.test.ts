// Runs tests/conversations/cases.yaml through the whole pipeline, turn by turn, like a user would.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { newBot, msg } from '../helpers.js';

interface TurnCase { text: string; intent: string; answers?: string[]; must?: string[]; must_not?: string[] }
const { cases } = parse(readFileSync('tests/conversations/cases.yaml', 'utf8')) as { cases: Array<{ name: string; turns: TurnCase[] }> };

describe('conversations', () => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const bot = await newBot();
    // One fixed day, so "more than a year old" does not change with the calendar.
    const receivedAt = new Date('2026-12-01T08:00:00Z');
    for (const t of c.turns) {
      const res = bot.handle(msg(`62811${i}`, t.text, { receivedAt }));
      const reply = res.replies.join('\n');
      const ctx = `"${t.text}" -> ${res.intent}\n${reply}`;
      if (t.intent.includes('.')) expect(res.intent, ctx).toBe(t.intent);
      else expect(res.intent.split('.')[0], ctx).toBe(t.intent);
      if (t.answers) expect(res.answers, ctx).toEqual(t.answers);
      expect(reply.trim(), ctx).not.toBe('');
      for (const m of t.must ?? []) expect(reply, ctx).toMatch(new RegExp(m, 'i'));
      for (const m of t.must_not ?? []) expect(reply, ctx).not.toMatch(new RegExp(m, 'i'));
    }
  });
});
