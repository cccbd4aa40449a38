// Readiness follows Redis with no traffic: killed, restored, hung (SIGSTOP) and resumed, /readyz changes within
// the health-check interval (plus the command time-out for a hang). During a hang no message waits on Redis
// for longer than the command time-out. Needs a redis-server of its own to kill and stop.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { startRedis } from '../redis.js';
import { startBot, type BotProcess } from '../bot-process.js';
import { describeWhen } from '../skip.js';

const hasServer = spawnSync('redis-server', ['--version']).status === 0;
const run = describeWhen(hasServer, 'needs redis-server');
const INTERVAL_MS = 200;
const COMMAND_TIMEOUT_MS = 300;

async function readyAfter(bot: BotProcess, want: number): Promise<number> {
  const t0 = performance.now();
  await expect.poll(async () => (await fetch(`${bot.base}/readyz`)).status, { timeout: 5000, interval: 20 }).toBe(want);
  return performance.now() - t0;
}

run('Redis health with no traffic', () => {
  it('follows Redis killed, restored, hung and resumed; messages never wait longer than the command time-out', async () => {
    const redis = await startRedis();
    const bot = await startBot({ REDIS_URL: redis.url, ID_HASH_SECRET: 'test secret for the health check', REDIS_FALLBACK: 'fail',
      REDIS_HEALTH_INTERVAL_MS: String(INTERVAL_MS), REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS), LOG_LEVEL: 'info' });
    try {
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(200);
      await redis.kill();
      const lost = await readyAfter(bot, 503);
      await redis.restart();
      const back = await readyAfter(bot, 200); // includes the client's reconnect back-off (at most 1 s)
      redis.pause();
      const hung = await readyAfter(bot, 503);
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const r = await bot.post({ from: 'hang', id: `h${i}`, text: 'cakupan jkn kota pekalongan' });
        waits.push(performance.now() - t0);
        expect(r.status).toBe(200);
      }
      redis.resume();
      const resumed = await readyAfter(bot, 200);
      process.stdout.write(`redis health: lost ${lost | 0} ms, back ${back | 0} ms, hung ${hung | 0} ms, resumed ${resumed | 0} ms; `
        + `messages during the hang ${waits.map((w) => w | 0).join('/')} ms\n`);
      expect(lost).toBeLessThan(INTERVAL_MS + 500);
      expect(hung).toBeLessThan(INTERVAL_MS + COMMAND_TIMEOUT_MS + 500);
      expect(back).toBeLessThan(1000 + INTERVAL_MS + 500);
      expect(resumed).toBeLessThan(INTERVAL_MS + 500);
      for (const w of waits) expect(w).toBeLessThan(COMMAND_TIMEOUT_MS + 300); // the rest is answering and HTTP
      // Log lines reach stderr in batches (at least every 200 ms): wait for the last one.
      await expect.poll(() => bot.stderr().match(/Redis unavailable/g)?.length, { timeout: 2000, interval: 20 }).toBe(2);
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exit;
      await redis.stop();
    }
  }, 40_000);

  it('with traffic when Redis hangs, the first messages wait at most the command time-out', async () => {
    const redis = await startRedis();
    // A slow health check, so messages meet the hang before the timer does.
    const bot = await startBot({ REDIS_URL: redis.url, ID_HASH_SECRET: 'test secret for the health check', REDIS_FALLBACK: 'memory',
      REDIS_HEALTH_INTERVAL_MS: '60000', REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS) });
    try {
      expect((await bot.post({ from: 'busy', text: 'halo' })).status).toBe(200);
      redis.pause();
      const waits = await Promise.all(Array.from({ length: 5 }, async (_, i) => {
        const t0 = performance.now();
        const r = await bot.post({ from: `busy${i}`, id: `b${i}`, text: 'cakupan jkn kota pekalongan' });
        expect(r.status).toBe(200);
        return performance.now() - t0;
      }));
      process.stdout.write(`redis hang with traffic: ${waits.map((w) => w | 0).join('/')} ms\n`);
      for (const w of waits) expect(w).toBeLessThan(COMMAND_TIMEOUT_MS + 300); // the rest is answering and HTTP
    } finally {
      redis.resume();
      bot.child.kill('SIGTERM');
      await bot.exit;
      await redis.stop();
    }
  }, 40_000);
});
