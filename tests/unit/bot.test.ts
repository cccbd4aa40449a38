import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { content, msg } from '../helpers.js';
import { Bot } from '../../src/core/bot.js';
import { MemoryConversationStore } from '../../src/core/conversation.js';
import { createLogger } from '../../src/log.js';

describe('bot.handle', () => {
  it('answers media without text with a short "text only" note', async () => {
    const bot = new Bot(await content());
    const res = bot.handle(msg('m1', '', { media: 'sticker' }));
    expect(res.intent).toBe('fallback');
    expect(res.replies[0]).toMatch(/hanya bisa membaca pesan teks/);
    const captioned = bot.handle(msg('m1', 'cakupan jkn kota pekalongan', { media: 'image' }));
    expect(captioned.intent).toBe('coverage.region');
  });

  it('still answers politely when a handler fails, and logs the error once', async () => {
    const s = await content();
    const broken = { ...s, responses: new Map([...s.responses].filter(([k]) => k !== 'coverage.region')) };
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
    const bot = new Bot(broken, { logger: createLogger('info', sink) });
    const res = bot.handle(msg('e1', 'cakupan jkn kota pekalongan'));
    expect(res.intent).toBe('fallback');
    expect(res.replies[0]).toMatch(/terjadi gangguan/);
    expect(lines.filter((l) => /"level":50/.test(l))).toHaveLength(1);
  });

  it('forgets a conversation after its time-out', async () => {
    let now = 0;
    const store = new MemoryConversationStore(60_000, 100, () => now);
    const bot = new Bot(await content(), { store });
    bot.handle(msg('t1', 'cakupan jkn kota pekalongan'));
    expect(bot.handle(msg('t1', 'kalau binjai?')).intent).toBe('coverage.region');
    bot.handle(msg('t2', 'cakupan jkn kota pekalongan'));
    now += 59_000;
    expect(bot.handle(msg('t2', 'kalau binjai?')).intent).toBe('coverage.region');
    now += 61_000;
    expect(bot.handle(msg('t2', 'kalau binjai?')).intent).toBe('fallback');
  });

  it('keeps the most recent senders\' conversations when it holds the most it may', async () => {
    const store = new MemoryConversationStore(60_000, 10);
    const bot = new Bot(await content(), { store });
    bot.handle(msg('oldest', 'cakupan jkn kota pekalongan'));
    for (let i = 0; i < 50; i++) bot.handle(msg(`s${i}`, 'cakupan jkn kota pekalongan'));
    expect(bot.handle(msg('s49', 'kalau binjai?')).intent).toBe('coverage.region');
    expect(bot.handle(msg('oldest', 'kalau binjai?')).intent).toBe('fallback');
  });

  it('logs an understanding failure once, with the turn id of that turn', async () => {
    const s = await content();
    const broken = { ...s, nlu: new Proxy(s.nlu, { get: (t, p) => (p === 'understand' ? () => { throw new Error('reader broke'); } : Reflect.get(t, p)) }) };
    const lines: string[] = [];
    const bot = new Bot(broken, { logger: createLogger('info', new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } })) });
    expect(bot.handle(msg('u1', 'halo')).answers).toEqual(['fallback.default/error']);
    const records = lines.map((l) => JSON.parse(l) as { level: number; turnId?: string; msg: string; err?: { type: string; code: string } });
    const errors = records.filter((r) => r.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.turnId).toBeTruthy();
    expect(errors[0]?.err).toMatchObject({ type: 'HandlerError', code: 'E_HANDLER' });
    expect(records.find((r) => r.msg === 'answered')?.turnId).toBe(errors[0]?.turnId);
  });

  it('answers in English when the user writes English, and keeps the language for neutral messages', async () => {
    const bot = new Bot(await content());
    expect(bot.handle(msg('l1', 'how do I register for JKN')).lang).toBe('en');
    expect(bot.handle(msg('l1', '7')).lang).toBe('en');
    expect(bot.handle(msg('l2', 'gimana cara daftar jkn')).lang).toBe('id');
  });

  it('never logs a NIK, phone number or e-mail in clear', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
    const logger = createLogger('trace', sink);
    const bot = new Bot(await content(), { logger });
    bot.handle(msg('081234567890', 'nik 3374012345670001 hp 081298765432 email budi@example.com'));
    logger.info({ text: 'nik 3374012345670001', note: 'hp 081298765432' }, 'free text 3374012345670001');
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of ['3374012345670001', '081298765432', 'budi@example.com']) expect(all).not.toContain(secret);
  });

  it('keeps a whole conversation full of personal data out of the logs, on every path', async () => {
    const lines: string[] = [];
    const logger = createLogger('trace', new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }));
    const s = await content();
    const broken = { ...s, responses: new Map([...s.responses].filter(([k]) => k !== 'activation.check_status')) };
    const bot = new Bot(broken, { logger });
    const secrets = ['3374012345670001', '3201 1234 5678 0002', '081234567890', '+62 812-9876-5432', '6285711112222', 'siti.aminah@example.co.id', '0001234567890'];
    const turns = [`halo, saya Siti, nik ${secrets[0]}`, `nik istri ${secrets[1]}, hp ${secrets[2]}`, `wa saya ${secrets[3]} atau ${secrets[4]}`,
      `email ${secrets[5]}`, `cek status kartu ${secrets[6]} dong`, 'cakupan jkn kota pekalongan'];
    for (const t of turns) bot.handle(msg(secrets[2] ?? 'x', t));
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(turns.length);
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).toMatch(/"level":50/);
  });

  it('survives hostile input', async () => {
    const bot = new Bot(await content());
    const inputs = ['', ' ', '\u0000\u0001', '🙂'.repeat(5000), 'a'.repeat(20_000), '<img src=x onerror=alert(1)>', "'; DROP TABLE users; --",
      '\uD800', 'مرحبا', '你好', 'ᄀ'.repeat(100), '3374012345670001'.repeat(10), 'kota '.repeat(1000)];
    for (const t of inputs) {
      const res = bot.handle(msg('h', t));
      expect(res.replies.length).toBeGreaterThan(0);
      expect(res.replies.join('').trim()).not.toBe('');
      expect(res.replies.join('')).not.toContain('3374012345670001');
    }
  });
});
