// One contract, run against every store implementation: memory and Redis.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import type { SharedStore } from '../../src/store/types.js';
import { redisAvailable, testRedisUrl } from '../redis.js';

function contract(name: string, make: () => Promise<SharedStore>, cleanup: () => Promise<void> = async () => undefined) {
  describe(`store contract: ${name}`, () => {
    let s: SharedStore;
    beforeAll(async () => { s = await make(); });
    afterAll(async () => { await s.close(); await cleanup(); });
    const k = () => randomUUID();

    it('keeps conversation state and forgets it after its time-out', async () => {
      const id = k();
      expect(await s.getConversation(id)).toBeUndefined();
      const state = { lang: 'en' as const, turns: 2, frame: { intent: 'coverage.region', ask: 'active', regions: ['33.75'], year: 2026, at: 1 } };
      await s.setConversation(id, state, 200);
      expect(await s.getConversation(id)).toEqual(state);
      await new Promise((r) => setTimeout(r, 300));
      expect(await s.getConversation(id)).toBeUndefined();
    });

    it('says a key is new exactly once within its time-out', async () => {
      const id = k();
      expect(await s.firstSeen(id, 10_000)).toBe(true);
      expect(await s.firstSeen(id, 10_000)).toBe(false);
      const results = await Promise.all(Array.from({ length: 10 }, () => s.firstSeen(`${id}-race`, 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('takes tokens from a bucket, refuses when empty, says how long to wait', async () => {
      const id = k();
      const bucket = { capacity: 3, refillPerSec: 1 };
      const takes = [];
      for (let i = 0; i < 4; i++) takes.push(await s.takeToken(id, bucket));
      expect(takes.map((t) => t.allowed)).toEqual([true, true, true, false]);
      expect(takes[3]?.retryAfterMs).toBeGreaterThan(0);
      expect(takes[3]?.retryAfterMs).toBeLessThanOrEqual(1000);
    });

    it('answers "once" a single time per window', async () => {
      const id = k();
      expect(await s.once(id, 10_000)).toBe(true);
      expect(await s.once(id, 10_000)).toBe(false);
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
      await new Promise((r) => setTimeout(r, 300));
      expect(await s.acquireLock(name, 'c', 200)).toBe(true);
    });
  });
}

contract('memory', async () => new MemoryStore());

const redisSuite = redisAvailable() || process.env.CI ? contract : () => describe.skip('store contract: redis (no redis-server here)', () => { it('skipped', () => undefined); });
let stopRedis: () => Promise<void> = async () => undefined;
redisSuite('redis', async () => {
  const r = await testRedisUrl();
  stopRedis = r.stop;
  const store = new RedisStore(r.url, `test-${randomUUID().slice(0, 8)}:`);
  await store.ready();
  return store;
}, () => stopRedis());
