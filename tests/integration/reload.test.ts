// Reload without restart: an edit goes live within the debounce; a broken edit is refused while the bot
// keeps answering with the last good content.
import { describe, expect, it, afterEach } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotContent } from '../../src/content/index.js';
import { ContentReloader } from '../../src/content/reload.js';
import { Bot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/log.js';
import { msg } from '../helpers.js';

let reloader: ContentReloader | undefined;
afterEach(() => reloader?.stop());

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-reload-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  const bot = new Bot(await loadBotContent(dir));
  reloader = new ContentReloader(bot, dir, loadBotContent, silentLogger, 20);
  const edit = (file: string, f: (s: string) => string) => writeFileSync(join(dir, file), f(readFileSync(join(dir, file), 'utf8')));
  return { dir, bot, reloader, edit };
}

describe('content reload', () => {
  it('puts an edit live without a restart, after the debounce', async () => {
    const { bot, reloader: r, edit } = await setup();
    r.start();
    const before = bot.snapshot.version;
    edit('responses/smalltalk.yaml', (s) => s.replace('Terima kasih sudah bertanya. Semoga sehat selalu! 👋', 'Sampai jumpa lagi, sehat selalu! 👋'));
    await expect.poll(() => bot.snapshot.version, { timeout: 10_000 }).not.toBe(before);
    expect(bot.handle(msg('r1', 'sampai jumpa')).replies[0]).toBe('Sampai jumpa lagi, sehat selalu! 👋');
    expect(r.status().reloadMs).toBeGreaterThan(0);
  });

  it('refuses a broken edit and keeps answering with the last good content', async () => {
    const { bot, reloader: r, edit } = await setup();
    r.start();
    const before = bot.snapshot.version;
    edit('data/coverage.yaml', (s) => s.replace('coverage_pct: 99.53', 'coverage_pct: nine'));
    await expect.poll(() => r.status().lastRefused, { timeout: 10_000 }).toBeDefined();
    expect(r.status().lastRefused?.problems.join('\n')).toMatch(/data\/coverage\.yaml:\d+:\d+ regions\[0\]\.coverage_pct/);
    expect(bot.snapshot.version).toBe(before);
    expect(bot.handle(msg('r2', 'cakupan jkn kota pekalongan')).replies[0]).toMatch(/99,53 persen/);
    edit('data/coverage.yaml', (s) => s.replace('coverage_pct: nine', 'coverage_pct: 99.54'));
    expect(await r.reload()).toBe(true);
    expect(bot.handle(msg('r3', 'cakupan jkn kota pekalongan')).replies[0]).toMatch(/99,54 persen/);
  });

  it('lets a turn that started on the old content finish on it', async () => {
    const { bot, edit, dir } = await setup();
    edit('responses/smalltalk.yaml', (s) => s.replace('Terima kasih sudah bertanya. Semoga sehat selalu! 👋', 'Baru!'));
    const next = await loadBotContent(dir);
    // The new content goes live while the turn is reading the message.
    const old = bot.snapshot;
    const understand = old.nlu.understand.bind(old.nlu);
    old.nlu.understand = (raw, lang) => { bot.swap(next); return understand(raw, lang); };
    const during = bot.handle(msg('r4', 'sampai jumpa'));
    expect(bot.snapshot).toBe(next);
    expect(during.replies[0]).toBe('Terima kasih sudah bertanya. Semoga sehat selalu! 👋');
    expect(bot.handle(msg('r5', 'sampai jumpa')).replies[0]).toBe('Baru!');
  });
});
