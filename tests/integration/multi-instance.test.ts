// Two bot processes sharing one Redis, as behind a load balancer: context follows the sender, a message
// delivered to both is answered once, and the rate limit holds across them.
import { expect, it, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { redisAvailable, testRedisUrl } from '../redis.js';
import { startBot, type BotProcess } from '../bot-process.js';
import { describeWhen } from '../skip.js';

const run = describeWhen(redisAvailable(), 'needs redis-server or REDIS_URL');

run('two instances sharing Redis', () => {
  let a: BotProcess;
  let b: BotProcess;
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
    expect(r2.replies.at(-1)).toMatch(/Binjai/);
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

run('two instances sharing Redis, with a queue', () => {
  let a: BotProcess;
  let b: BotProcess;
  let env: Record<string, string>;
  let stopRedis: () => Promise<void>;
  beforeAll(async () => {
    const redis = await testRedisUrl();
    stopRedis = redis.stop;
    env = { REDIS_URL: redis.url, ID_HASH_SECRET: 'test secret shared by instances', REDIS_PREFIX: `mq-${randomUUID().slice(0, 8)}:`,
      RATE_LIMIT_BURST: '1', RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_MODE: 'queue', RATE_LIMIT_MAX_QUEUE_MS: '20000', SHUTDOWN_DEADLINE_MS: '1000' };
    [a, b] = await Promise.all([startBot(env), startBot(env)]);
  }, 60_000);
  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGTERM');
    await stopRedis?.();
  });

  it('answers one sender\'s two messages, sent to both instances at once, in order and with the context', async () => {
    type R = { intent: string; replies: string[] };
    expect((await a.post({ from: 'both', text: 'halo' })).status).toBe(200); // the burst is used up
    const done: string[] = [];
    const first = a.post({ from: 'both', text: 'berapa cakupan jkn di kota pekalongan' }).then(async (r) => { done.push('first'); return r.json() as Promise<R>; });
    await expect.poll(() => a.metric('pandawa_pending_messages')).toBe(1); // queued on a, holding the chat
    const second = b.post({ from: 'both', text: 'kalau binjai?' }).then(async (r) => { done.push('second'); return r.json() as Promise<R>; });
    const [r1, r2] = await Promise.all([first, second]);
    expect(done).toEqual(['first', 'second']);
    expect(r1.intent).toBe('coverage.region');
    expect(r1.replies.at(-1)).toMatch(/Pekalongan/);
    expect(r2.intent).toBe('coverage.region');
    expect(r2.replies.at(-1)).toMatch(/Binjai/);
  }, 20_000);

  it('answers three messages of one sender in arrival order when they alternate between instances', async () => {
    type R = { replies: string[] };
    expect((await a.post({ from: 'line', text: 'halo' })).status).toBe(200); // the burst is used up
    const done: string[] = [];
    const send = (bot: BotProcess, name: string, text: string) =>
      bot.post({ from: 'line', text }).then(async (r) => { done.push(name); return r.json() as Promise<R>; });
    const first = send(a, 'first', 'berapa cakupan jkn di kota pekalongan');
    await expect.poll(() => a.metric('pandawa_pending_messages')).toBe(1);
    const second = send(b, 'second', 'kalau binjai?');
    await expect.poll(() => b.metric('pandawa_pending_messages')).toBe(1);
    const third = send(a, 'third', 'kalau kota semarang?'); // waits on a behind first, and behind second on b
    const [, r2, r3] = await Promise.all([first, second, third]);
    expect(done).toEqual(['first', 'second', 'third']);
    expect(r2.replies.at(-1)).toMatch(/Binjai/);
    expect(r3.replies.at(-1)).toMatch(/Semarang/);
  }, 20_000);

  it('answers on another instance, once, a queued message that SIGTERM refused', async () => {
    const c = await startBot(env);
    expect((await c.post({ from: 'cut', id: 'cut-0', text: 'halo' })).status).toBe(200);
    const queued = c.post({ from: 'cut', id: 'cut-1', text: 'cakupan jkn kota pekalongan' });
    await expect.poll(() => c.metric('pandawa_pending_messages')).toBe(1);
    c.child.kill('SIGTERM');
    const refused = await queued;
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await c.exit).toBe(0);
    const retried = await b.post({ from: 'cut', id: 'cut-1', text: 'cakupan jkn kota pekalongan' });
    expect(retried.status).toBe(200);
    expect((await retried.json() as { intent: string }).intent).toBe('coverage.region');
    expect((await b.post({ from: 'cut', id: 'cut-1', text: 'cakupan jkn kota pekalongan' })).status).toBe(409);
  }, 30_000);
});
