import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startBot } from '../bot-process.js';

describe('npm start (server process)', () => {
  it('starts the HTTP API with no configuration, answers, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WHATSAPP_ENABLED: 'false', REDIS_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const lines = createInterface({ input: child.stdout });
    const port = await new Promise<number>((resolve, reject) => {
      lines.on('line', (l) => { const m = /localhost:(\d+)/.exec(l); if (m) resolve(Number(m[1])); });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const r = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '628111', text: 'nomor pandawa berapa' }) });
    expect((await r.json() as { replies: string[] }).replies[0]).toMatch(/0811-8165-165/);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/"msg":"stopped"/);
  });

  it('on SIGTERM with a full queue, answers or refuses (503, Retry-After) every queued message and exits 0', async () => {
    const bot = await startBot({ RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_MODE: 'queue', RATE_LIMIT_MAX_QUEUE_MS: '60000',
      SHUTDOWN_DEADLINE_MS: '4000' });
    const sent = Array.from({ length: 20 }, (_, i) => bot.post({ from: 'queue', id: `q${i}`, text: `halo ${i}` })
      .then((r) => ({ status: r.status, retryAfter: r.headers.get('retry-after') }), (err: Error) => ({ status: 0, retryAfter: err.message })));
    await expect.poll(() => bot.metric('pandawa_pending_messages'), { timeout: 10_000 }).toBe(18);
    bot.child.kill('SIGTERM');
    const results = await Promise.all(sent);
    expect(await bot.exit).toBe(0);
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 503);
    expect(refused).toHaveLength(18);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThan(0);
  }, 30_000);

  it('refuses to use Redis without the secret that keys senders', async () => {
    const bot = startBot({ REDIS_URL: 'redis://127.0.0.1:1', ID_HASH_SECRET: '' });
    await expect(bot).rejects.toThrow(/ID_HASH_SECRET: required with REDIS_URL/);
  });

  it('refuses bad configuration, listing every problem', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'abc', WHATSAPP_ENABLED: 'maybe', CLOUD_API_VERIFY_TOKEN: 'x' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/WHATSAPP_ENABLED/);
    expect(stderr).toMatch(/CLOUD_API_APP_SECRET/);
  });
});
