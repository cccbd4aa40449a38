// Nothing lost: a message id counts as answered only once its reply was produced, so a retry after 429, after
// a shutdown refused it, or after its delivery failed is answered (once); one sender's burst is answered in
// the order it was sent; a stop with a full queue answers or refuses (503) every queued message.
import { describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { createHttpApp } from '../../src/adapters/http.js';
import { Metrics } from '../../src/core/metrics.js';
import { Gateway, type RateLimit } from '../../src/core/gateway.js';
import { KeyHasher } from '../../src/core/keys.js';
import { MemoryStore } from '../../src/store/memory.js';
import { silentLogger } from '../../src/log.js';
import { msg, newBot } from '../helpers.js';
import { fakeTime, type FakeTime } from '../fake-time.js';

const keys = new KeyHasher('a secret the instances share');
let instances = 0;
async function gatewayOn(store: MemoryStore, time: FakeTime, rateLimit: Partial<RateLimit>, metrics?: Metrics) {
  return new Gateway(await newBot(), { store, log: silentLogger, metrics, keys, instanceId: `i${++instances}`, contextTtlMs: 60_000, dedupTtlMs: 60_000, now: time.now, sleep: time.sleep,
    rateLimit: { capacity: 1, refillPerSec: 1, mode: 'drop', maxQueueMs: 60_000, ...rateLimit } });
}

async function serve(gateway: Gateway): Promise<{ post(body: object): Promise<Response>; close(): void }> {
  const metrics = new Metrics();
  const app = createHttpApp({ gateway, metrics, log: silentLogger, maxBodyBytes: 4096, readiness: () => ({}) });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const a = server.address();
  const base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  return {
    post: (body) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    close: () => server.close(),
  };
}

describe('retries', () => {
  it('answers a message retried after 429, once', async () => {
    const time = fakeTime(1_000_000);
    const api = await serve(await gatewayOn(new MemoryStore(1000, time.now), time, { mode: 'drop' }));
    try {
      expect((await api.post({ from: 'r1', id: 'm1', text: 'halo' })).status).toBe(200);
      const limited = await api.post({ from: 'r1', id: 'm2', text: 'cakupan jkn kota pekalongan' });
      expect(limited.status).toBe(429);
      time.set(time.now() + Number(limited.headers.get('retry-after')) * 1000);
      const retried = await api.post({ from: 'r1', id: 'm2', text: 'cakupan jkn kota pekalongan' });
      expect(retried.status).toBe(200);
      expect((await retried.json() as { intent: string }).intent).toBe('coverage.region');
      expect((await api.post({ from: 'r1', id: 'm2', text: 'cakupan jkn kota pekalongan' })).status).toBe(409);
    } finally { api.close(); }
  });

  it('answers on another instance a queued message the first refused while stopping, once', async () => {
    const time = fakeTime(1_000_000);
    const shared = new MemoryStore(1000, time.now);
    const metrics = new Metrics();
    const first = await gatewayOn(shared, time, { mode: 'queue' }, metrics);
    const a = await serve(first);
    const b = await serve(await gatewayOn(shared, time, { mode: 'queue' }));
    try {
      expect((await a.post({ from: 'r2', id: 'q1', text: 'halo' })).status).toBe(200);
      const queued = a.post({ from: 'r2', id: 'q2', text: 'cakupan jkn kota pekalongan' });
      await expect.poll(async () => (await metrics.pending.get()).values[0]?.value).toBe(1);
      const meanwhile = await b.post({ from: 'r2', id: 'q2', text: 'cakupan jkn kota pekalongan' });
      expect(meanwhile.status).toBe(409);
      expect((await meanwhile.json() as { error: string }).error).toMatch(/is being answered/);
      first.stop(0);
      const refused = await queued;
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      time.set(time.now() + 1000);
      const retried = await b.post({ from: 'r2', id: 'q2', text: 'cakupan jkn kota pekalongan' });
      expect(retried.status).toBe(200);
      expect((await retried.json() as { intent: string }).intent).toBe('coverage.region');
      expect((await b.post({ from: 'r2', id: 'q2', text: 'cakupan jkn kota pekalongan' })).status).toBe(409);
    } finally { a.close(); b.close(); }
  });

  it('answers a message again when its delivery failed, and not after it succeeded', async () => {
    const time = fakeTime(1_000_000);
    const g = await gatewayOn(new MemoryStore(1000, time.now), time, { capacity: 100 });
    const m = msg('r3', 'halo', { id: 'w1' });
    await expect(g.process(m, async () => { throw new Error('send failed'); })).rejects.toThrow('send failed');
    const sent: string[] = [];
    expect((await g.process(m, async (r) => { sent.push(...r.replies); })).kind).toBe('answer');
    expect(sent.length).toBeGreaterThan(0);
    expect(await g.process(m, async () => undefined)).toEqual({ kind: 'duplicate', answered: true });
  });

  it('keeps message ids of different senders apart', async () => {
    const time = fakeTime();
    const g = await gatewayOn(new MemoryStore(1000, time.now), time, { capacity: 100 });
    expect((await g.process(msg('s1', 'halo', { id: 'same' }))).kind).toBe('answer');
    expect((await g.process(msg('s2', 'halo', { id: 'same' }))).kind).toBe('answer');
    expect((await g.process(msg('s1', 'halo', { id: 'same' }))).kind).toBe('duplicate');
  });
});

describe('queue', () => {
  it('answers one sender\'s burst in the order it was sent, even when a token frees up as a new message arrives', async () => {
    const time = fakeTime(1_000_000);
    const g = await gatewayOn(new MemoryStore(1000, time.now), time, { mode: 'queue', capacity: 2 });
    const order: number[] = [];
    const send = (i: number) => g.process(msg('burst', `cakupan jkn kota pekalongan ${i}`), async () => { order.push(i); });
    const results = [1, 2, 3, 4, 5].map(send);
    await time.flush();
    expect(order).toEqual([1, 2]);
    time.set(time.now() + 1000); // a token is back, and message 6 arrives before the queued ones wake up
    results.push(send(6));
    await time.run();
    expect((await Promise.all(results)).map((r) => r.kind)).toEqual(Array(6).fill('answer'));
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('on stop, answers the queued messages whose turn comes within the grace and refuses the rest', async () => {
    const time = fakeTime(1_000_000);
    const g = await gatewayOn(new MemoryStore(1000, time.now), time, { mode: 'queue', capacity: 1 });
    const results = Array.from({ length: 6 }, (_, i) => g.process(msg('full', `halo ${i}`)));
    await time.flush();
    g.stop(2500);
    expect((await g.process(msg('late', 'halo'))).kind).toBe('unavailable');
    await time.run();
    const kinds = (await Promise.all(results)).map((r) => r.kind);
    expect(kinds).toEqual(['answer', 'answer', 'answer', 'unavailable', 'unavailable', 'unavailable']);
    await g.idle();
  });
});
