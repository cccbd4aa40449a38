import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { MemoryStore } from '../../src/store/memory.js';
import { ResilientStore } from '../../src/store/resilient.js';
import type { SharedStore } from '../../src/store/types.js';
import { Gateway } from '../../src/core/gateway.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { newBot, newGateway, msg } from '../helpers.js';

describe('gateway: duplicates and rate limits', () => {
  it('answers a message id once', async () => {
    const g = await newGateway();
    expect((await g.process(msg('d1', 'halo', { id: 'X1' }))).kind).toBe('answer');
    expect((await g.process(msg('d1', 'halo', { id: 'X1' }))).kind).toBe('duplicate');
    expect((await g.process(msg('d1', 'halo', { id: 'X2' }))).kind).toBe('answer');
  });

  it('drop mode: under the limit every message is answered; past it one "please wait", then drops', async () => {
    const g = await newGateway({ rateLimit: { capacity: 3, refillPerSec: 0.01, mode: 'drop' } });
    const kinds = [];
    const notices = [];
    for (let i = 0; i < 6; i++) {
      const r = await g.process(msg('flood', `halo ${i}`));
      kinds.push(r.kind);
      if ((r.kind === 'answer' || r.kind === 'limited') && r.notice) notices.push(r.notice);
    }
    expect(kinds).toEqual(['answer', 'answer', 'answer', 'limited', 'limited', 'limited']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/Mohon tunggu/);
    expect((await g.process(msg('calm', 'halo'))).kind).toBe('answer');
  });

  it('queue mode: past the limit the message waits for a token and is then answered, not lost', async () => {
    let now = 0;
    const store = new MemoryStore(1000, () => now);
    const slept: number[] = [];
    const g = new Gateway(await newBot(), { store, log: silentLogger, contextTtlMs: 60_000, dedupTtlMs: 60_000,
      rateLimit: { capacity: 2, refillPerSec: 1, mode: 'queue', maxQueueMs: 10_000 }, sleep: async (ms) => { slept.push(ms); now += ms; } });
    const r = [];
    for (let i = 0; i < 4; i++) r.push(await g.process(msg('q', 'menu')));
    expect(r.map((x) => x.kind)).toEqual(['answer', 'answer', 'answer', 'answer']);
    expect(r.filter((x) => x.kind === 'answer' && x.notice)).toHaveLength(1);
    expect(slept.length).toBeGreaterThanOrEqual(2);
  });

  it('queue mode drops a message that would wait longer than the maximum', async () => {
    const g = await newGateway({ rateLimit: { capacity: 1, refillPerSec: 0.001, mode: 'queue', maxQueueMs: 100 } });
    expect((await g.process(msg('slow', 'a'))).kind).toBe('answer');
    expect((await g.process(msg('slow', 'b'))).kind).toBe('limited');
  });

  it('one flooding sender does not hold up others', async () => {
    // The flooder's queued messages wait on a sleep that never ends; another sender is answered anyway.
    const g = new Gateway(await newBot(), { store: new MemoryStore(), log: silentLogger, contextTtlMs: 60_000, dedupTtlMs: 60_000,
      rateLimit: { capacity: 2, refillPerSec: 0.01, mode: 'queue', maxQueueMs: 3_600_000 }, sleep: () => new Promise(() => undefined) });
    const flood = Array.from({ length: 20 }, (_, i) => g.process(msg('flooder', `x ${i}`)));
    const settled: string[] = [];
    flood.forEach((p) => { void p.then((r) => settled.push(r.kind)); });
    const other = await g.process(msg('someone-else', 'cakupan jkn kota pekalongan'));
    expect(other.kind).toBe('answer');
    await expect.poll(() => settled.filter((k) => k === 'answer').length).toBe(2);
    expect(settled).toHaveLength(2);
  });

  it('keeps answering when the shared store fails, and logs the outage once', async () => {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
    const broken = new Proxy(new MemoryStore(), {
      get: (target, prop) => (prop === 'kind' ? 'redis' : prop === 'close' ? async () => undefined
        : prop === 'ping' || typeof (target as never)[prop] === 'function' ? async () => { throw new Error('connection refused'); } : (target as never)[prop]),
    }) as unknown as SharedStore & { ping(): Promise<void> };
    for (const fallback of ['memory', 'fail'] as const) {
      const store = new ResilientStore(broken, fallback, log);
      const g = await newGateway({ store });
      const a = await g.process(msg(`o-${fallback}`, 'berapa cakupan jkn di kota semarang'));
      const b = await g.process(msg(`o-${fallback}`, 'kalau binjai?'));
      expect(a.kind).toBe('answer');
      expect(b.kind).toBe('answer');
      expect(store.healthy).toBe(false);
      // With memory fallback the conversation context survives the outage.
      if (fallback === 'memory' && b.kind === 'answer') expect(b.response.intent).toBe('coverage.region');
    }
    expect(lines.filter((l) => l.includes('Redis unavailable'))).toHaveLength(2);
  });
});
