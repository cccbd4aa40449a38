// Redis going away and coming back under a running gateway: answers never stop, each change is logged once.
import { expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { RedisStore } from '../../src/store/redis.js';
import { ResilientStore } from '../../src/store/resilient.js';
import { createLogger } from '../../src/log.js';
import { newGateway, msg } from '../helpers.js';
import { startRedis } from '../redis.js';
import { spawnSync } from 'node:child_process';
import { describeWhen } from '../skip.js';

const hasServer = spawnSync('redis-server', ['--version']).status === 0;
const run = describeWhen(hasServer, 'needs redis-server');

run('Redis outage', () => {
  it('keeps answering (memory fallback) while Redis is down and uses it again when it returns', async () => {
    const redis = await startRedis();
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
    const raw = new RedisStore(redis.url, 'outage:');
    await raw.ready();
    const store = new ResilientStore(raw, 'memory', log);
    const g = await newGateway({ store });
    try {
      expect((await g.process(msg('o1', 'halo'))).kind).toBe('answer');
      expect(store.healthy).toBe(true);
      await redis.kill();
      for (let i = 0; i < 3; i++) {
        const r = await g.process(msg('o1', 'cakupan jkn kota pekalongan'));
        expect(r.kind).toBe('answer');
      }
      expect(store.healthy).toBe(false);
      await redis.restart();
      await raw.ready(5000);
      await expect.poll(async () => { await g.process(msg('o2', 'halo')); return store.healthy; }, { timeout: 10_000 }).toBe(true);
      expect(lines.filter((l) => l.includes('Redis unavailable'))).toHaveLength(1);
      expect(lines.filter((l) => l.includes('Redis is back'))).toHaveLength(1);
    } finally {
      await raw.close();
      await redis.stop();
    }
  }, 30_000);
});
