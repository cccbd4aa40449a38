// Property test: thousands of random and hostile strings through bot.handle. No throw, always a non-empty
// reply, and a NIK in the input is never echoed back.
import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { newBot, msg } from '../helpers.js';
import type { Bot } from '../../src/core/bot.js';

let bot: Bot;
beforeAll(async () => { bot = await newBot(); });

const nik = fc.stringMatching(/^[1-9][0-9]{15}$/);
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('<script>alert(1)</script>', "' OR 1=1; DROP TABLE peserta; --", '\u202Eabc\u202C', '\u200B\u200C\u200D', '\uFEFF', '🙏🏽👍🏻🇮🇩',
    'مرحبا بك', 'שלום', '你好世界', 'ᄀᄁᄂ', '\u0000\u0001\u0002', '\uD800\uDC00\uD800', 'a\u0301\u0302\u0303', '${jndi:ldap://x}', '%00%0d%0a'),
  fc.array(fc.constantFrom('cakupan', 'jkn', 'kota', 'semarang', 'bpjs', '🙂', 'award', 'nik', '0812', '!!!', '<b>', 'kab.', 'di'), { maxLength: 60 }).map((w) => w.join(' ')),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

describe('bot.handle under hostile input', () => {
  it('never throws, always replies, never echoes a NIK', () => {
    fc.assert(fc.property(hostile, nik, fc.boolean(), (text, id, withNik) => {
      const input = withNik ? `${text} ${id} ${text.slice(0, 20)}` : text;
      const res = bot.handle(msg(`fuzz-${id.slice(0, 4)}`, input));
      expect(res.replies.length).toBeGreaterThan(0);
      expect(res.replies.every((r) => typeof r === 'string' && r.trim().length > 0)).toBe(true);
      if (withNik) expect(res.replies.join('\n')).not.toContain(id);
      expect(JSON.parse(JSON.stringify(res))).toEqual(res);
    }), { numRuns: 2000, seed: 20261123 });
  });
});
