// The web chat page end to end in headless Chromium (Debian's chromium package, driven by playwright-core).
import { expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { createHttpApp } from '../../src/adapters/http.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';
import { describeWhen } from '../skip.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Chromium (.ci/run); elsewhere the test is skipped when it is missing, and says so.
const run = describeWhen(existsSync(CHROMIUM), `needs Chromium at ${CHROMIUM}`);

let server: Server;
let base: string;
let browser: Browser;

run('web chat page (headless Chromium)', () => {
  beforeAll(async () => {
    const app = createHttpApp({ gateway: await newGateway(), metrics: new Metrics(), log: silentLogger, maxBodyBytes: 4096, readiness: () => ({}) });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => {
        const a = server.address();
        base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
        resolve();
      });
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  afterAll(async () => { await browser?.close(); server?.close(); });

  it('sends a message and shows the reply, with intent, confidence and entities for editors', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/chat?editor`);
    await page.fill('#text', 'cakupan jkn kota pekalongan');
    await page.click('button[type=submit]');
    const reply = page.locator('.msg.bot').first();
    await reply.waitFor();
    expect(await reply.innerText()).toMatch(/99,53 persen/);
    const meta = page.locator('.meta').first();
    expect(await meta.isVisible()).toBe(true);
    expect(await meta.innerText()).toMatch(/intent: coverage\.region/);
    expect(await meta.innerText()).toMatch(/Kota Pekalongan/);
    await page.fill('#text', 'kalau binjai?');
    await page.press('#text', 'Enter');
    await page.locator('.msg.bot').nth(1).waitFor();
    expect(await page.locator('.msg.bot').nth(1).innerText()).toMatch(/Binjai/);
    mkdirSync('reports', { recursive: true });
    await page.screenshot({ path: 'reports/webchat.png', fullPage: true });
    await page.uncheck('#editor');
    expect(await meta.isVisible()).toBe(false);
  });
});
