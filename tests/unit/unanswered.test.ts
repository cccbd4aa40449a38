import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileUnansweredStore, groupSimilar } from '../../src/core/unanswered.js';
import { Bot } from '../../src/core/bot.js';
import { content, msg } from '../helpers.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'unanswered-')), 'var', 'unanswered.jsonl');

describe('unanswered messages', () => {
  it('records fallbacks and low-confidence answers with masked text, and keeps them across restarts', async () => {
    const path = file();
    const bot = new Bot(await content(), { unanswered: new FileUnansweredStore(path) });
    bot.handle(msg('u1', 'resep rendang padang nik 3374012345670001'));
    bot.handle(msg('u2', 'cara daftar bpjs kesehatan mandiri'));
    bot.handle(msg('u3', 'resep rendang padang dong'));
    bot.handle(msg('u4', ''));
    const raw = readFileSync(path, 'utf8');
    expect(raw).not.toContain('3374012345670001');
    expect(raw).toContain('[NIK]');
    const again = new FileUnansweredStore(path);
    const recs = await again.all();
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({ channel: 'test', intent: 'fallback' });
    expect(recs[0]?.guess).toBeDefined();
    expect(recs[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('masks neighbouring and disguised numbers, answers with the privacy note, and names them masked', async () => {
    const path = file();
    const bot = new Bot(await content(), { unanswered: new FileUnansweredStore(path) });
    const res = bot.handle(msg('u5', 'nik dan hp saya: 3374012345678907 081234567800'));
    expect(res.entities).toMatchObject({ nik: '************8907', phone: '0812******00' });
    expect(res.replies.at(-1)).toContain('************8907, 0812******00');
    bot.handle(msg('u6', 'resep rendang nik ３３７４０１２３４５６７８９１５ dan 3374\u200B0123\u200B4567\u200B8923'));
    const raw = readFileSync(path, 'utf8');
    for (const secret of ['3374012345678907', '081234567800', '3374012345678915', '3374012345678923']) expect(raw).not.toContain(secret);
  });

  it('cuts a long text between code points', async () => {
    const s = new FileUnansweredStore(file(), 5);
    s.record({ at: new Date().toISOString(), channel: 'test', text: 'abcd😀', intent: 'fallback', confidence: 0 });
    expect((await s.all())[0]?.text).toBe('abcd');
  });

  it('groups similar wording, most frequent first', async () => {
    const s = new FileUnansweredStore(file());
    const at = new Date().toISOString();
    for (const text of ['cara klaim kacamata bpjs', 'klaim kacamata bpjs gimana', 'cara klaim kacamata bpjs ya', 'obat generik apa saja']) {
      s.record({ at, channel: 'test', text, intent: 'fallback', guess: 'activation.register', confidence: 0.1 });
    }
    const groups = groupSimilar(await s.all());
    expect(groups).toHaveLength(2);
    expect(groups[0]?.count).toBe(3);
    expect(groups[0]?.guesses).toEqual({ 'activation.register': 3 });
    expect(groups[1]?.example).toBe('obat generik apa saja');
  });
});
