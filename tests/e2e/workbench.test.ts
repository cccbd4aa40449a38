// The editors' workbench page in headless Chromium, under its Content-Security-Policy: sign in with the editor
// token, see the inbox, edit an answer with its live preview and inline problems, save, and try the bot with
// the editor detail (intent, confidence, entities) that the citizens' chat does not show.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createHttpApp } from '../../src/adapters/http.js';
import { loadBotContent } from '../../src/content/index.js';
import { ContentReloader } from '../../src/content/reload.js';
import { Bot } from '../../src/core/bot.js';
import { Metrics } from '../../src/core/metrics.js';
import { FileUnansweredStore } from '../../src/core/unanswered.js';
import { silentLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';
import { describeWhen } from '../skip.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = describeWhen(existsSync(CHROMIUM), `needs Chromium at ${CHROMIUM}`);

let browser: Browser;
let server: Server;
let reloader: ContentReloader;
let base: string;
let dir: string;
let bot: Bot;

run('editors\' workbench page (headless Chromium)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pandawa-editor-page-'));
    for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
    const unanswered = new FileUnansweredStore(join(dir, 'unanswered.jsonl'));
    bot = new Bot(await loadBotContent(dir), { unanswered });
    reloader = new ContentReloader(bot, dir, loadBotContent, silentLogger, 20);
    const app = createHttpApp({ gateway: await newGateway({ bot }), metrics: new Metrics(), log: silentLogger, maxBodyBytes: 4096, readiness: () => ({}),
      unanswered, editorToken: 'tok-ed', workbench: { root: dir, load: loadBotContent, reload: () => reloader.reload(), auditFile: join(dir, 'audit.jsonl'), multiInstance: false,
        evaluationFile: join(dir, 'eval.json') } });
    writeFileSync(join(dir, 'eval.json'), JSON.stringify({ generatedAt: '2026-12-01T10:00:00.000Z', folds: 5, seed: 42, content: 'abc123', sections: [{
      title: '5-fold cross-validation over intents/', n: 100, accuracy: 0.84, oosFallbackRate: 0.96, inScopeFallbackRate: 0.08,
      rows: [{ intent: 'activation.check_status', support: 39, precision: 0.79, recall: 0.6, f1: 0.68 }],
      confused: [{ pair: 'activation.check_status -> activation.register', count: 4, examples: ['kartu saya aktif belum'] }] }] }));
    base = await new Promise((resolve) => {
      server = app.listen(0, '127.0.0.1', () => {
        const a = server.address();
        resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
      });
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    mkdirSync('reports', { recursive: true });
  });
  afterAll(async () => { await browser?.close(); server?.close(); });

  it('signs in, shows the inbox, previews and checks an edit, saves it, and shows the editor detail of a reply', async () => {
    await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'w1', text: 'harga cabai hari ini' }) });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/editor`);
    await page.fill('#token', 'tok-ed');
    await page.click('#connect');
    await page.locator('#inbox .group').first().waitFor();
    expect(await page.locator('#inbox .group').first().innerText()).toContain('harga cabai hari ini');

    // The last evaluation: per-intent scores (a weak one marked) and the confused pairs.
    await page.locator('#eval table.scores').waitFor();
    expect(await page.locator('#eval tr.low td').first().innerText()).toBe('activation.check_status');
    expect(await page.locator('#eval .confused li').first().innerText()).toBe('activation.check_status -> activation.register (4): “kartu saya aktif belum”');

    // A new intent from the group: its problems are shown while it is written.
    await page.locator('#inbox .group button.secondary').first().click();
    expect(await page.locator('#ni-examples').inputValue()).toBe('harga cabai hari ini');
    await page.fill('#ni-name', 'help.harga_pangan');
    await page.fill('#ni-id', 'Maaf, harga pangan di luar layanan ini.');
    await expect.poll(() => page.locator('#ni-problems').innerText(), { timeout: 5000 }).toMatch(/needs at least 15 examples/);
    await expect.poll(() => page.locator('#ni-problems').innerText(), { timeout: 5000 }).toMatch(/help\.harga_pangan\.default\.en: the English text \(en\) is empty/);

    await page.selectOption('#a-intent', 'smalltalk.bye');
    await page.fill('#a-id', 'Dadah, {nama}!');
    await expect.poll(() => page.locator('#a-problems').innerText(), { timeout: 5000 }).toMatch(/unknown placeholder \{nama\}/);
    await page.fill('#a-id', 'Dadah, sampai {fact_arrears_cap_months} lagi! *Sehat selalu*');
    await expect.poll(() => page.locator('#p-id').innerText(), { timeout: 5000 }).toBe('Dadah, sampai 24 bulan lagi! *Sehat selalu*');
    await expect.poll(() => page.locator('#a-problems').innerText(), { timeout: 5000 }).toBe('');
    await page.click('#a-save');
    await expect.poll(() => page.locator('#result').innerText(), { timeout: 5000 }).toMatch(/Tersimpan dan sudah dipakai bot/);
    expect(readFileSync(join(dir, 'responses/smalltalk.yaml'), 'utf8')).toContain('id: "Dadah, sampai {fact_arrears_cap_months} lagi! *Sehat selalu*"');

    await page.fill('#try-text', 'sampai jumpa');
    await page.click('#try button[type=submit]');
    await page.locator('#try-log .meta').waitFor();
    expect(await page.locator('#try-log .preview').first().innerText()).toBe('Dadah, sampai 24 bulan lagi! *Sehat selalu*');
    expect(await page.locator('#try-log .meta').innerText()).toMatch(/intent: smalltalk\.bye/);
    await page.screenshot({ path: 'reports/editor-1280.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
