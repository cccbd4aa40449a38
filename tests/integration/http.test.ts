import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import type { Server } from 'node:http';
import { createHttpApp } from '../../src/adapters/http.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';

let server: Server;
let base: string;
let waState = 'connecting';

async function listen(app: ReturnType<typeof createHttpApp>): Promise<[Server, string]> {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => {
      const a = s.address();
      resolve([s, `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`]);
    });
  });
}

beforeAll(async () => {
  const metrics = new Metrics();
  const app = createHttpApp({ gateway: await newGateway({ metrics }), metrics, log: silentLogger, maxBodyBytes: 2048,
    readiness: () => ({ whatsapp: { state: waState, ready: waState === 'open' } }) });
  [server, base] = await listen(app);
});
afterAll(() => { server.close(); });

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${base}/api/messages`, { method: 'POST', body, headers });

describe('HTTP API', () => {
  it('POST /api/messages answers with the console JSON shape', async () => {
    const r = await post(JSON.stringify({ from: '62811', text: 'cakupan jkn kota pekalongan' }));
    expect(r.status).toBe(200);
    const j = await r.json() as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['from', 'intent', 'confidence', 'lang', 'entities', 'answers', 'replies']);
    expect(j.intent).toBe('coverage.region');
    expect((j.replies as string[])[0]).toMatch(/99,53 persen/);
  });
  it('keeps the conversation across requests from the same sender', async () => {
    await post(JSON.stringify({ from: 'ctx', text: 'berapa cakupan jkn di kota semarang' }));
    const j = await (await post(JSON.stringify({ from: 'ctx', text: 'kalau binjai?' }))).json() as { intent: string };
    expect(j.intent).toBe('coverage.region');
  });
  it('rejects bad JSON and missing fields with 400 and a clear message', async () => {
    let r = await post('{bad');
    expect(r.status).toBe(400);
    expect((await r.json() as { error: string }).error).toMatch(/not valid JSON/);
    r = await post(JSON.stringify({ text: 'x' }));
    expect(r.status).toBe(400);
    expect((await r.json() as { error: string }).error).toMatch(/"from"/);
    r = await post(JSON.stringify({ from: 'a', text: 5 }));
    expect(r.status).toBe(400);
    r = await post('[1,2]');
    expect(r.status).toBe(400);
  });
  it('refuses a body over the limit with 413', async () => {
    const r = await post(JSON.stringify({ from: 'a', text: 'x'.repeat(5000) }));
    expect(r.status).toBe(413);
    expect((await r.json() as { error: string }).error).toMatch(/larger than 2048/);
  });
  it('answers unknown routes with 404 in JSON', async () => {
    const r = await fetch(`${base}/nope`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: 'no route GET /nope' });
  });
  it('serves health, readiness with the WhatsApp state, and Prometheus metrics', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    let r = await fetch(`${base}/readyz`);
    expect(r.status).toBe(503);
    expect((await r.json() as { whatsapp: string }).whatsapp).toBe('connecting');
    waState = 'open';
    r = await fetch(`${base}/readyz`);
    expect(r.status).toBe(200);
    const body = await r.json() as { content: { version: string } };
    expect(body.content.version).toMatch(/^[0-9a-f]{12}$/);
    const m = await (await fetch(`${base}/metrics`)).text();
    expect(m).toMatch(/pandawa_messages_total\{channel="http",intent="coverage.region"\} \d+/);
    expect(m).toMatch(/pandawa_reply_latency_seconds_bucket/);
    expect(m).toMatch(/pandawa_fallbacks_total/);
    expect(m).toMatch(/pandawa_whatsapp_reconnects_total/);
  });
  it('requires the bearer token when one is configured', async () => {
    const app = createHttpApp({ gateway: await newGateway(), metrics: new Metrics(), log: silentLogger, maxBodyBytes: 2048, apiToken: 's3cret', readiness: () => ({}) });
    const [s, b] = await listen(app);
    try {
      const body = JSON.stringify({ from: 'a', text: 'halo' });
      let r = await fetch(`${b}/api/messages`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect(r.status).toBe(401);
      r = await fetch(`${b}/api/messages`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' } });
      expect(r.status).toBe(401);
      r = await fetch(`${b}/api/messages`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret' } });
      expect(r.status).toBe(200);
      expect((await fetch(`${b}/healthz`)).status).toBe(200);
    } finally { s.close(); }
  });
  it('GET /chat/welcome gives the greeting without its numbered list, the menu as choices, and whether a token is needed', async () => {
    const r = await fetch(`${base}/chat/welcome`);
    expect(r.status).toBe(200);
    const j = await r.json() as { text: string; choices: Array<{ choice: string; label: string }>; tokenRequired: boolean };
    expect(j.text).toMatch(/asisten informasi JKN/);
    expect(j.text).not.toMatch(/^1\. /m);
    expect(j.choices).toHaveLength(9);
    expect(j.choices[0]).toEqual({ choice: '1', label: 'Cara daftar JKN & kapan kartu aktif' });
    expect(j.tokenRequired).toBe(false);
    const en = await (await fetch(`${base}/chat/welcome?lang=en`)).json() as typeof j;
    expect(en.choices[0]?.label).toBe('How to register & when cover starts');
  });

  it('sends security headers: the chat page runs only its own script and style, nothing may frame it or sniff types', async () => {
    const page = await fetch(`${base}/chat`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    for (const r of [page, await post(JSON.stringify({ from: 'h', text: 'halo' })), await fetch(`${base}/nope`)]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
  });
  it('asks for the metrics token when one is configured', async () => {
    const app = createHttpApp({ gateway: await newGateway(), metrics: new Metrics(), log: silentLogger, maxBodyBytes: 2048, metricsToken: 'm3trics', readiness: () => ({}) });
    const [s, b] = await listen(app);
    try {
      expect((await fetch(`${b}/metrics`)).status).toBe(401);
      expect((await fetch(`${b}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const r = await fetch(`${b}/metrics`, { headers: { authorization: 'Bearer m3trics' } });
      expect(r.status).toBe(200);
      expect(await r.text()).toMatch(/pandawa_messages_total/);
    } finally { s.close(); }
  });
});
