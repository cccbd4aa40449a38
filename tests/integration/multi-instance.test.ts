// Two bot processes sharing one Redis, as behind a load balancer: context follows the sender, a message
// delivered to both is answered once, and the rate limit holds across them.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { redisAvailable, testRedisUrl } from '../redis.js';

const run = redisAvailable() || process.env.CI ? describe : describe.skip;

async function startBot(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', WATCH_CONTENT: 'false', UNANSWERED_FILE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => { err += d; });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => { const m = /localhost:(\d+)/.exec(l); if (m) resolve(Number(m[1])); });
    child.on('exit', () => reject(new Error(`bot exited: ${err}`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

run('two instances sharing Redis', () => {
  let a: { base: string; child: ChildProcess };
  let b: { base: string; child: ChildProcess };
  let stopRedis: () => Promise<void>;
  beforeAll(async () => {
    const redis = await testRedisUrl();
    stopRedis = redis.stop;
    const env = { REDIS_URL: redis.url, ID_HASH_SECRET: 'test secret shared by instances', REDIS_PREFIX: `mi-${randomUUID().slice(0, 8)}:`, RATE_LIMIT_BURST: '4', RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_MODE: 'drop' };
    [a, b] = await Promise.all([startBot(env), startBot(env)]);
  }, 60_000);
  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGTERM');
    await stopRedis?.();
  });

  const post = (base: string, body: object) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('keeps the conversation when a sender alternates between instances', async () => {
    const r1 = await (await post(a.base, { from: 'alt', text: 'berapa cakupan jkn di kota pekalongan' })).json() as { intent: string };
    expect(r1.intent).toBe('coverage.region');
    const r2 = await (await post(b.base, { from: 'alt', text: 'kalau binjai?' })).json() as { intent: string; replies: string[] };
    expect(r2.intent).toBe('coverage.region');
    expect(r2.replies[0]).toMatch(/Binjai/);
  });

  it('keeps the question frame across instances: another aspect, then the other kind of the same region', async () => {
    type R = { intent: string; answers: string[]; replies: string[] };
    const ask = async (base: string, text: string) => (await post(base, { from: 'frame', text })).json() as Promise<R>;
    expect((await ask(a.base, 'kota semarang dapat uhc award kategori apa')).answers).toEqual(['award.region_result/received']);
    const who = await ask(b.base, 'yang nerima siapa?');
    expect(who.answers).toEqual(['award.region_result/receiver']);
    expect(who.replies[0]).toMatch(/Agustina/);
    const other = await ask(a.base, 'kalau kabupatennya?');
    expect(other.answers).toEqual(['award.region_result/no_record']);
    expect(other.replies[0]).toMatch(/Kabupaten Semarang/);
    expect(other.replies[0]).not.toMatch(/Agustina/);
  });

  it('answers the same message delivered to both once', async () => {
    const [x, y] = await Promise.all([post(a.base, { from: 'dup', id: 'wamid.same', text: 'halo' }), post(b.base, { from: 'dup', id: 'wamid.same', text: 'halo' })]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
  });

  it('holds the rate limit across instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 ? b.base : a.base, { from: 'flood', text: `halo ${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
