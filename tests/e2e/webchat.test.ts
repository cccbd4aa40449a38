// The citizens' web chat end to end in headless Chromium (Debian's chromium package, driven by playwright-core),
// on a phone (390x844) and a desktop (1280x800), under the Content-Security-Policy the server sends.
import { expect, it, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHttpApp } from '../../src/adapters/http.js';
import { loadBotContent } from '../../src/content/index.js';
import { Bot } from '../../src/core/bot.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';
import { describeWhen } from '../skip.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Chromium (.ci/run); elsewhere the test is skipped when it is missing, and says so.
const run = describeWhen(existsSync(CHROMIUM), `needs Chromium at ${CHROMIUM}`);

/** A goodbye that holds bold, a link and HTML that must stay text. */
const HOSTILE = 'Sampai jumpa, *tetap sehat*! Info: https://www.bpjs-kesehatan.go.id/faq. <script>window.__pwned = 1</script>'
  + '<img src=x onerror="window.__pwned = 2"> <b>tidak tebal</b>';

let servers: Server[] = [];
let base: string;
let tokenBase: string;
let browser: Browser;

async function listen(apiToken?: string, bot?: Bot): Promise<string> {
  const app = createHttpApp({ gateway: await newGateway({ bot }), metrics: new Metrics(), log: silentLogger, maxBodyBytes: 4096,
    readiness: () => ({}), apiToken });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
    });
    servers.push(server);
  });
}

async function hostileBot(): Promise<Bot> {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-webchat-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  const file = join(dir, 'responses/smalltalk.yaml');
  const before = readFileSync(file, 'utf8');
  const after = before.replace('id: "Terima kasih sudah bertanya. Semoga sehat selalu! 👋"', `id: ${JSON.stringify(HOSTILE)}`);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  return new Bot(await loadBotContent(dir));
}

/** A page at a viewport size, with every CSP violation and page error collected. */
async function open(url: string, width: number, height: number): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.locator('.choices button').first().waitFor();
  return { page, problems };
}

run('web chat page (headless Chromium)', () => {
  beforeAll(async () => {
    base = await listen(undefined, await hostileBot());
    tokenBase = await listen('s3cret');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    mkdirSync('reports', { recursive: true });
  });
  afterAll(async () => { await browser?.close(); for (const s of servers) s.close(); servers = []; });

  for (const [width, height, name] of [[360, 740, 'small phone'], [390, 844, 'phone'], [1280, 800, 'desktop']] as const) {
    it(`${name} ${width}x${height}: opens with the greeting and the menu, a tapped choice gets its answer`, async () => {
      const { page, problems } = await open(`${base}/chat`, width, height);
      const first = page.locator('.bubble.bot').first();
      expect(await first.innerText()).toMatch(/asisten informasi JKN/);
      expect(await first.innerText()).not.toMatch(/^1\. /m); // the numbered list is the buttons, not text
      const choices = page.locator('.choices button');
      expect(await choices.count()).toBe(9);
      expect(await choices.nth(5).innerText()).toBe('6. Cakupan JKN suatu daerah');
      // One-line header, full-width input, nothing wider than the screen, no token field, no editor detail.
      const header = await page.locator('header').boundingBox();
      expect(header?.height).toBeLessThanOrEqual(64);
      const greeting = await first.boundingBox();
      expect(greeting?.y).toBeGreaterThanOrEqual((header?.y ?? 0) + (header?.height ?? 0)); // in view, under the header
      const field = await page.locator('#text').boundingBox();
      expect(field?.width).toBeGreaterThan(width - 80);
      // The placeholder fits the field (not cut off).
      expect(await page.locator('#text').evaluate((i: HTMLInputElement) => {
        const c = document.createElement('canvas').getContext('2d');
        if (!c) return false;
        c.font = getComputedStyle(i).font;
        return c.measureText(i.placeholder).width < i.clientWidth - 20;
      })).toBe(true);
      expect(await page.locator('h1').evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true); // the title is not cut off
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await page.locator('#token').isVisible()).toBe(false);
      expect(await page.locator('#editor, .meta').count()).toBe(0);
      await page.screenshot({ path: `reports/webchat-${width}-open.png` });

      const answered = page.waitForResponse((r) => r.url().endsWith('/api/messages'));
      await choices.nth(0).click();
      const body = await (await answered).json() as { answers: string[] };
      expect(body.answers).toEqual(['activation.register/default']);
      await page.locator('.bubble.bot').nth(1).waitFor();
      expect(await page.locator('.bubble.user').last().innerText()).toContain('Cara daftar JKN');
      expect(await page.locator('.bubble.bot').nth(1).locator('b').first().innerText()).toMatch(/Cara daftar JKN/);
      expect(await page.locator('.bubble.bot').nth(1).locator('time').innerText()).toMatch(/^\d\d[.:]\d\d$/);
      // Emoji sit in spans of their own: drawn by an emoji font, or left out where the system has none
      // (never empty boxes). This machine may have either.
      const emoji = page.locator('.bubble.bot').nth(1).locator('.emoji').first();
      expect(await emoji.textContent()).toBe('📝');
      const noFont = await page.evaluate(() => document.documentElement.classList.contains('no-emoji'));
      expect(await emoji.isVisible()).toBe(!noFont);
      await page.screenshot({ path: `reports/webchat-${width}-answer.png`, fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('renders *bold* and links, and never runs HTML from a reply', async () => {
    const { page, problems } = await open(`${base}/chat`, 390, 844);
    await page.fill('#text', 'sampai jumpa');
    await page.press('#text', 'Enter');
    const reply = page.locator('.bubble.bot').nth(1);
    await reply.waitFor();
    expect(await reply.locator('b').allInnerTexts()).toEqual(['tetap sehat']);
    const link = reply.locator('a');
    expect(await link.getAttribute('href')).toBe('https://www.bpjs-kesehatan.go.id/faq');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await reply.innerText()).toContain('<script>window.__pwned = 1</script>');
    expect(await reply.innerText()).toContain('<b>tidak tebal</b>');
    expect(await reply.locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: 'reports/webchat-390-rich.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a typing indicator while the reply is pending', async () => {
    const { page } = await open(`${base}/chat`, 390, 844);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/messages', async (route) => { await held; await route.continue(); });
    await page.fill('#text', 'cakupan jkn kota pekalongan');
    await page.press('#text', 'Enter');
    await page.locator('#typing').waitFor();
    expect(await page.locator('#status').innerText()).toBe('mengetik…');
    release();
    await page.locator('.bubble.bot').nth(1).waitFor();
    expect(await page.locator('.bubble.bot').nth(1).innerText()).toMatch(/99,53 persen/);
    await page.locator('#typing').waitFor({ state: 'detached' });
    await page.close();
  });

  it('works with the keyboard only: the input has focus, Enter sends, a focused choice answers to Enter', async () => {
    const { page } = await open(`${base}/chat`, 1280, 800);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('text');
    expect(await page.locator('label[for=text]').count()).toBe(1);
    expect(await page.locator('#log').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.type('cakupan jkn kota binjai');
    await page.keyboard.press('Enter');
    await page.locator('.bubble.bot').nth(1).waitFor();
    expect(await page.locator('.bubble.bot').nth(1).innerText()).toMatch(/Binjai/);
    await page.keyboard.press('Shift+Tab'); // from the input back into the conversation: the last choice
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^9\. /);
    await page.locator('.choices button').nth(7).focus();
    await page.keyboard.press('Enter');
    await page.locator('.bubble.bot').nth(2).waitFor();
    expect(await page.locator('.bubble.user').last().innerText()).toContain('Kontak & jam layanan');
    await page.close();
  });

  it('asks for the access token only when the server has API_TOKEN, and sends it', async () => {
    const { page } = await open(`${tokenBase}/chat`, 390, 844);
    expect(await page.locator('#token').isVisible()).toBe(true);
    expect(await page.locator('label[for=token]').innerText()).toBe('Token akses');
    await page.fill('#token', 's3cret');
    await page.locator('.choices button').nth(5).click();
    await page.locator('.bubble.bot').nth(1).waitFor();
    expect(await page.locator('.bubble.bot').nth(1).innerText()).toMatch(/daerah|region|kota/i);
    await page.close();
  });
});
