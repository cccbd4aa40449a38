// Property: whatever personal data a message carries, and however it is written (separators, fullwidth or
// zero-width characters, numbers next to each other, every Indonesian phone form, e-mail addresses), none of
// it is in clear in a log line, an unanswered record, a reply, the metrics or a Redis key. Through the HTTP
// API, with Redis when a redis-server is available (else the memory store, and Redis keys are not checked).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import type { Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createHttpApp } from '../../src/adapters/http.js';
import { Metrics } from '../../src/core/metrics.js';
import { Gateway } from '../../src/core/gateway.js';
import { KeyHasher } from '../../src/core/keys.js';
import { Bot } from '../../src/core/bot.js';
import { FileUnansweredStore } from '../../src/core/unanswered.js';
import { MemoryStore } from '../../src/store/memory.js';
import { RedisStore } from '../../src/store/redis.js';
import { ResilientStore } from '../../src/store/resilient.js';
import { RedisUnansweredStore } from '../../src/store/redis-unanswered.js';
import type { SharedStore } from '../../src/store/types.js';
import { createLogger } from '../../src/log.js';
import { foldForPii } from '../../src/nlu/pii.js';
import { content } from '../helpers.js';
import { redisAvailable, testRedisUrl } from '../redis.js';

/** A value as the writer typed it, and what must never appear again: its digits, or the address. */
interface Secret { kind: 'nik' | 'card' | 'phone' | 'email'; written: string; core: string }

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const ZW = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const fullwidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xFF10 + Number(d)));

/** Writes digits in groups with a separator, sometimes with zero-width characters or in fullwidth. */
const disguise = (raw: string) => fc.record({
  group: fc.constantFrom(0, 2, 3, 4),
  sep: fc.constantFrom(' ', '.', '-', '  ', ' - ', '\u00A0'),
  zw: fc.option(fc.constantFrom(...ZW)),
  wide: fc.boolean(),
}).map(({ group, sep, zw, wide }) => {
  let s = group ? raw.match(new RegExp(`.{1,${group}}`, 'g'))?.join(sep) ?? raw : raw;
  if (zw) s = [...s].join(zw);
  return wide ? fullwidth(s) : s;
});

const nik = fc.tuple(fc.integer({ min: 11, max: 94 }), digits(14)).chain(([p, rest]) => {
  const raw = `${p}${rest}`;
  return disguise(raw).map((written): Secret => ({ kind: 'nik', written, core: raw }));
});
const card = digits(10).chain((rest) => {
  const raw = `000${rest}`;
  return disguise(raw).map((written): Secret => ({ kind: 'card', written, core: raw }));
});
const phone = fc.tuple(fc.constantFrom('0', '+62', '62', '+62 ', '62-', '+62-', '+62.', '(+62) ', '62 '), fc.integer({ min: 11, max: 99 }), fc.integer({ min: 7, max: 9 }))
  .chain(([prefix, op, n]) => digits(n).chain((rest) => {
    const national = `8${op}${rest}`;
    return disguise(national).map((written): Secret => ({ kind: 'phone', written: prefix + written, core: national }));
  }));
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._]{2,9}[a-z0-9]$/), fc.stringMatching(/^[a-z]{3,8}$/), fc.constantFrom('com', 'co.id', 'go.id', 'id'),
  fc.option(fc.constantFrom(...ZW)))
  .map(([user, host, tld, zw]): Secret => {
    const address = `${user}@${host}.${tld}`;
    return { kind: 'email', written: zw ? address.replace('@', `${zw}@`) : address, core: address };
  });

const message = fc.record({
  before: fc.constantFrom('nik dan hp saya:', 'cek status', 'resep rendang padang', 'harga cabai', 'tolong bantu, data saya', ''),
  values: fc.array(fc.oneof(nik, card, phone, email), { minLength: 1, maxLength: 3 }),
  join: fc.constantFrom(' ', '  ', ', ', ' dan ', ' / '),
  after: fc.constantFrom('', ' terima kasih', ' gimana?', ' kenapa tidak aktif'),
  from: phone,
});

/** Every digit string in a text (digits joined across up to three separators) and its lower-cased fold. */
function digitRuns(text: string): string[] {
  return [...foldForPii(text).matchAll(/\d(?:[^\p{L}\d]{0,3}\d)*/gu)].map((m) => m[0].replace(/\D/g, ''));
}
function leaks(text: string, secrets: Secret[]): string[] {
  const runs = digitRuns(text);
  const folded = foldForPii(text).toLowerCase();
  return secrets.filter((s) => (s.core.includes('@') ? folded.includes(s.core) : runs.some((r) => r.includes(s.core)))).map((s) => s.written);
}

/** Every value held under the keys, whatever its type. */
async function redisValues(redis: RedisStore, keys: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const key of keys) {
    const type = await redis.client.type(key);
    if (type === 'string') out.push((await redis.client.get(key)) ?? '');
    else if (type === 'hash') out.push(JSON.stringify(await redis.client.hgetall(key)));
    else if (type === 'stream') out.push(JSON.stringify(await redis.client.xrange(key, '-', '+')));
    else out.push(`unexpected ${type}`);
  }
  return out;
}

describe('personal data is never kept or shown in clear', () => {
  it('in logs, unanswered records, replies, metrics and Redis keys', async () => {
    const lines: string[] = [];
    const log = createLogger('trace', new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }));
    const file = join(mkdtempSync(join(tmpdir(), 'pii-')), 'unanswered.jsonl');
    const unanswered = new FileUnansweredStore(file);
    const bot = new Bot(await content(), { logger: log, unanswered });
    const redis = redisAvailable() || process.env.CI ? await testRedisUrl() : undefined;
    const prefix = `pii-${randomUUID().slice(0, 8)}:`;
    const raw = redis ? new RedisStore(redis.url, prefix) : undefined;
    if (raw) await raw.ready();
    const store: SharedStore = raw ? new ResilientStore(raw, 'memory', log) : new MemoryStore();
    // With Redis, the editors' inbox is the shared stream (the file only if Redis failed).
    if (raw) bot.recordUnansweredTo(new RedisUnansweredStore(raw, 10_000, log, unanswered));
    const metrics = new Metrics();
    const gateway = new Gateway(bot, { store, log, metrics, keys: new KeyHasher('property test secret'), contextTtlMs: 60_000, dedupTtlMs: 60_000,
      rateLimit: { capacity: 10_000, refillPerSec: 10_000, mode: 'drop', maxQueueMs: 0 } });
    const app = createHttpApp({ gateway, metrics, log, maxBodyBytes: 16_384, readiness: () => ({}) });
    const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const a = server.address();
    const base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    const everySecret: Secret[] = [];
    const senders: Secret[] = [];
    const replies: string[] = [];
    let n = 0;
    try {
      await fc.assert(fc.asyncProperty(message, async (m) => {
        const text = `${m.before} ${m.values.map((v) => v.written).join(m.join)}${m.after}`.trim();
        const r = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: m.from.written, id: `p${++n}`, text }) });
        expect(r.status).toBe(200);
        const body = await r.json() as Record<string, unknown>;
        delete body.from; // the API echoes the sender's own address back to the caller, by design
        const shown = JSON.stringify(body);
        expect(leaks(shown, m.values)).toEqual([]);
        // Found, not just hidden: named (masked) in the entities, so the privacy note goes out. (Which kind a run of
        // several numbers splits into can be ambiguous, "62 824 313 748 453 0000000000000"; that it is found is not.)
        const named = Object.keys(body.entities as object);
        if (m.values.some((v) => v.kind !== 'email')) expect(named.some((k) => k === 'nik' || k === 'card' || k === 'phone')).toBe(true);
        if (m.values.some((v) => v.kind === 'email')) expect(named).toContain('email');
        replies.push(shown);
        everySecret.push(...m.values);
        senders.push(m.from);
      }), { numRuns: 300, seed: 20261202 });
      const metricsText = await (await fetch(`${base}/metrics`)).text();
      const keys = raw ? await raw.client.keys(`${prefix}*`) : [];
      const stored = raw ? await redisValues(raw, keys) : [];
      const records = [...(existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []),
        ...(raw ? await raw.entries('unanswered', 10_000) : [])];
      const found = {
        logs: lines.flatMap((l) => leaks(l, [...everySecret, ...senders])),
        records: records.flatMap((l) => leaks(l, everySecret)),
        metrics: leaks(metricsText, [...everySecret, ...senders]),
        keys: keys.flatMap((k) => leaks(k, [...everySecret, ...senders])),
        redisValues: stored.flatMap((v) => leaks(v, [...everySecret, ...senders])),
      };
      process.stdout.write(`personal data: ${everySecret.length} values in ${n} messages from ${senders.length} senders; scanned ${lines.length} log lines, `
        + `${records.length} unanswered records, ${replies.length} replies, ${keys.length} Redis keys and their values${raw ? '' : ' (no redis-server: not checked)'}; `
        + `in clear: ${Object.values(found).flat().length}\n`);
      expect(records.length).toBeGreaterThan(0);
      expect(lines.length).toBeGreaterThanOrEqual(n);
      expect(found).toEqual({ logs: [], records: [], metrics: [], keys: [], redisValues: [] });
    } finally {
      server.close();
      await store.close();
      await redis?.stop();
    }
  }, 120_000);
});
