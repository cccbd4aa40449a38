// One contract, run against every store implementation: memory and Redis. Time is a clock the test moves:
// the memory store reads it; for Redis, moving it shortens every key's time-to-live by as much (and the
// token bucket reads the same clock), so nothing waits for real.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import type { SharedStore } from '../../src/store/types.js';
import { redisAvailable, testRedisUrl } from '../redis.js';

interface Subject { store: SharedStore; advance(ms: number): Promise<void>; cleanup(): Promise<void> }

function contract(name: string, make: () => Promise<Subject>) {
  describe(`store contract: ${name}`, () => {
    let s: SharedStore;
    let subject: Subject;
    beforeAll(async () => { subject = await make(); s = subject.store; });
    afterAll(async () => { await s.close(); await subject.cleanup(); });
    const k = () => randomUUID();

    it('keeps conversation state and forgets it after its time-out', async () => {
      const id = k();
      expect(await s.getConversation(id)).toBeUndefined();
      const state = { lang: 'en' as const, turns: 2, frame: { intent: 'coverage.region', ask: 'active', regions: ['33.75'], year: 2026, at: 1 } };
      await s.setConversation(id, state, 200);
      expect(await s.getConversation(id)).toEqual(state);
      await subject.advance(150);
      expect(await s.getConversation(id)).toEqual(state);
      await subject.advance(100);
      expect(await s.getConversation(id)).toBeUndefined();
    });

    it('lets one caller claim a message id; others see it pending, then answered', async () => {
      const id = k();
      expect(await s.claim(id, 'a', 10_000)).toBe('claimed');
      expect(await s.claim(id, 'b', 10_000)).toBe('pending');
      await s.release(id, 'b');
      expect(await s.claim(id, 'b', 10_000)).toBe('pending');
      await s.commit(id, 10_000);
      expect(await s.claim(id, 'b', 10_000)).toBe('done');
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.claim(`${id}-race`, `o${i}`, 10_000)));
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    });

    it('gives a released or expired claim to the next caller', async () => {
      const id = k();
      expect(await s.claim(id, 'a', 300)).toBe('claimed');
      await s.release(id, 'a');
      expect(await s.claim(id, 'b', 300)).toBe('claimed');
      await subject.advance(400);
      expect(await s.claim(id, 'c', 300)).toBe('claimed');
      await s.commit(id, 300);
      await subject.advance(400);
      expect(await s.claim(id, 'd', 300)).toBe('claimed');
    });

    it('takes tokens from a bucket, refuses when empty, says how long to wait, refills', async () => {
      const id = k();
      const bucket = { capacity: 3, refillPerSec: 1 };
      const takes = [];
      for (let i = 0; i < 4; i++) takes.push(await s.takeToken(id, bucket));
      expect(takes.map((t) => t.allowed)).toEqual([true, true, true, false]);
      expect(takes[3]?.retryAfterMs).toBeGreaterThan(0);
      expect(takes[3]?.retryAfterMs).toBeLessThanOrEqual(1000);
      await subject.advance(takes[3]?.retryAfterMs ?? 1000);
      expect((await s.takeToken(id, bucket)).allowed).toBe(true);
    });

    it('answers "once" a single time per window', async () => {
      const id = k();
      expect(await s.once(id, 10_000)).toBe(true);
      expect(await s.once(id, 10_000)).toBe(false);
    });

    it('keeps one line per chat in arrival order, across instances, and drops the messages of an instance that died', async () => {
      const line = k();
      expect(await s.joinLine(line, 'A:1', 'A', 1000)).toBe('front');
      expect(await s.joinLine(line, 'B:1', 'B', 1000)).toBe('waiting');
      expect(await s.joinLine(line, 'A:2', 'A', 1000)).toBe('waiting');
      expect(await s.linePlace(line, 'A:2', 'A', 1000)).toBe('waiting');
      expect(await s.linePlace(line, 'B:1', 'B', 1000)).toBe('waiting');
      expect(await s.linePlace(line, 'A:1', 'A', 1000)).toBe('front');
      await s.leaveLine(line, 'A:1');
      expect(await s.linePlace(line, 'A:2', 'A', 1000)).toBe('waiting');
      expect(await s.linePlace(line, 'B:1', 'B', 1000)).toBe('front');
      // B dies at the front (its heartbeat runs out); A keeps beating and gets the chat.
      await subject.advance(600);
      expect(await s.linePlace(line, 'A:2', 'A', 1000)).toBe('waiting');
      await subject.advance(600);
      expect(await s.linePlace(line, 'A:2', 'A', 1000)).toBe('front');
      expect(await s.linePlace(line, 'B:1', 'B', 1000)).toBe('gone');
      await s.leaveLine(line, 'A:2');
    });

    it('gives a lock to one owner, lets it renew, and frees it on release or expiry', async () => {
      const name = k();
      expect(await s.acquireLock(name, 'a', 300)).toBe(true);
      expect(await s.acquireLock(name, 'b', 300)).toBe(false);
      expect(await s.acquireLock(name, 'a', 300)).toBe(true);
      await s.releaseLock(name, 'b');
      expect(await s.acquireLock(name, 'b', 300)).toBe(false);
      await s.releaseLock(name, 'a');
      expect(await s.acquireLock(name, 'b', 200)).toBe(true);
      await subject.advance(300);
      expect(await s.acquireLock(name, 'c', 200)).toBe(true);
    });
  });
}

contract('memory', async () => {
  let now = 1_000_000;
  return { store: new MemoryStore(1000, () => now), advance: async (ms) => { now += ms; }, cleanup: async () => undefined };
});

if (redisAvailable() || process.env.CI) {
  contract('redis', async () => {
    const r = await testRedisUrl();
    let now = Date.now();
    const prefix = `test-${randomUUID().slice(0, 8)}:`;
    const store = new RedisStore(r.url, prefix, { now: () => now });
    await store.ready();
    /** Time passes for every key of this test: each time-to-live shortened by `ms`, expired keys gone. */
    const advance = async (ms: number) => {
      now += ms;
      for (const key of await store.client.keys(`${prefix}*`)) {
        const ttl = await store.client.pttl(key);
        if (ttl < 0) continue;
        if (ttl <= ms) await store.client.del(key);
        else await store.client.pexpire(key, ttl - ms);
      }
    };
    return { store, advance, cleanup: () => r.stop() };
  });
} else {
  describe('store contract: redis', () => { it.skip('needs redis-server (not installed here) or REDIS_URL', () => undefined); });
}
