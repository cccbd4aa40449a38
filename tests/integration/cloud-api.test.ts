import { describe, expect, it, beforeAll, afterAll, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { createHttpApp } from '../../src/adapters/http.js';
import { CloudApiChannel } from '../../src/adapters/cloud-api.js';
import { Metrics } from '../../src/core/metrics.js';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';

const SECRET = 'app-secret';
let graph: Server;
let app: Server;
let base: string;
let cloud: CloudApiChannel;
type Sent = { url: string; auth: string; body: { to: string; type: string; text: { body: string }; interactive?: any } };
const sent: Sent[] = [];
/** Answers to give before answering normally (status, body, headers), in order. */
const scripted: Array<{ status: number; body: string; headers?: Record<string, string> }> = [];
/** When set, the Graph API holds every request until it resolves (to see what waits for what). */
let hold: Promise<void> | undefined;
let received = 0;
let slowNextClaim = false;
const slept: number[] = [];
const lines: string[] = [];
const metrics = new Metrics();
const logged = (re: RegExp) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => re.test(String(l.msg)));
const metric = async (name: string, labels: Record<string, string> = {}) =>
  (await metrics.registry.getSingleMetric(name)?.get())?.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;

const listen = (s: Server): Promise<string> => new Promise((resolve) => s.listen(0, '127.0.0.1', () => {
  const a = s.address();
  resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
}));

beforeAll(async () => {
  graph = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', async () => {
      received += 1;
      if (hold) await hold;
      const next = scripted.shift();
      if (next) { res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body); return; }
      sent.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"messages":[{"id":"wamid.x"}]}');
    });
  });
  const graphBase = await listen(graph);
  // A shared store that can answer one claim late (as a busy Redis may), to show order does not hang on timing.
  const { MemoryStore } = await import('../../src/store/memory.js');
  const store = new (class extends MemoryStore {
    override async claim(key: string, owner: string, leaseMs: number) {
      if (slowNextClaim) {
        slowNextClaim = false;
        for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      }
      return super.claim(key, owner, leaseMs);
    }
  })();
  const gateway = await newGateway({ store });
  const log = createLogger('info', new Writable({ write(c, _e, done) { lines.push(String(c)); done(); } }));
  cloud = new CloudApiChannel(gateway, { verifyToken: 'verify-me', appSecret: SECRET, accessToken: 'tok', phoneNumberIds: ['12345', '67890'],
    graphBaseUrl: graphBase, graphVersion: 'v21.0', maxBodyBytes: 100_000, interactiveListIntents: ['help.menu'],
    now: () => 1_769_500_000_000, sleep: async (ms) => { slept.push(ms); } }, log, metrics);
  app = createServer(createHttpApp({ gateway, metrics, log, maxBodyBytes: 2048, readiness: () => ({}), cloud }));
  base = await listen(app);
});
afterAll(() => { graph.close(); app.close(); });

const payload = (messages: unknown[], statuses: unknown[] = [], o: { phoneNumberId?: string; errors?: unknown[] } = {}) => JSON.stringify({ object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp',
    metadata: { display_phone_number: '6281100000000', phone_number_id: o.phoneNumberId ?? '12345' }, messages, statuses, ...(o.errors ? { errors: o.errors } : {}) } }] }] });
const say = (from: string, id: string, body: string) => ({ from, id, timestamp: '1769500000', type: 'text', text: { body } });
const reset = () => { sent.length = 0; slept.length = 0; lines.length = 0; received = 0; };
const sign = (body: string, secret = SECRET) => 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
const postHook = (body: string, signature?: string) => fetch(`${base}/webhooks/whatsapp`, { method: 'POST', body,
  headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) } });

describe('WhatsApp Cloud API webhook', () => {
  it('answers the verification handshake with the configured token only', async () => {
    let r = await fetch(`${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345abc`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('12345abc');
    r = await fetch(`${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=x`);
    expect(r.status).toBe(403);
  });

  it('answers a message Meta delivers again after the Graph API refused the reply, and only once it was sent', async () => {
    sent.length = 0;
    scripted.push({ status: 400, body: JSON.stringify({ error: { code: 100, message: 'Invalid parameter' } }) }); // not retried
    const body = payload([{ from: '6281234500000', id: 'wamid.retry', timestamp: '1769500000', type: 'text', text: { body: 'cakupan jkn kota pekalongan' } }]);
    expect((await postHook(body, sign(body))).status).toBe(200);
    await cloud.idle();
    expect(sent).toHaveLength(0);
    expect((await postHook(body, sign(body))).status).toBe(200); // the webhook is delivered again
    await cloud.idle();
    expect(sent.map((x) => x.body.to)).toEqual(['6281234500000']);
    expect((await postHook(body, sign(body))).status).toBe(200);
    await cloud.idle();
    expect(sent).toHaveLength(1);
  });

  it('answers a signed text message through the Graph API messages endpoint', async () => {
    sent.length = 0;
    const body = payload([{ from: '6281234567890', id: 'wamid.1', timestamp: '1769500000', type: 'text', text: { body: 'cakupan jkn kota pekalongan' } }]);
    const r = await postHook(body, sign(body));
    expect(r.status).toBe(200);
    await cloud.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/v21.0/12345/messages');
    expect(sent[0]?.auth).toBe('Bearer tok');
    expect(sent[0]?.body).toMatchObject({ messaging_product: 'whatsapp', to: '6281234567890', type: 'text' });
    expect(sent[0]?.body.text.body).toMatch(/99,53 persen/);
  });

  it('rejects a forged or missing signature and sends nothing', async () => {
    sent.length = 0;
    const body = payload([{ from: '628111', id: 'wamid.2', type: 'text', text: { body: 'halo' } }]);
    expect((await postHook(body, sign(body, 'not-the-secret'))).status).toBe(401);
    expect((await postHook(body)).status).toBe(401);
    expect((await postHook(body.replace('halo', 'hola'), sign(body))).status).toBe(401);
    await cloud.idle();
    expect(sent).toHaveLength(0);
  });

  it('ignores status updates, answers media without text, and answers a redelivered message once', async () => {
    sent.length = 0;
    const statuses = payload([], [{ id: 'wamid.9', status: 'delivered', recipient_id: '628111' }]);
    expect((await postHook(statuses, sign(statuses))).status).toBe(200);
    const media = payload([{ from: '628222', id: 'wamid.3', type: 'sticker', sticker: { id: 'm1' } }]);
    await postHook(media, sign(media));
    await postHook(media, sign(media));
    await cloud.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.text.body).toMatch(/hanya bisa membaca pesan teks/);
  });

  it("reads a tapped button or list row as the user's text; a row of its own menu list as the item's number", async () => {
    reset();
    const body = payload([
      { from: '628301', id: 'wamid.b1', timestamp: '1769500000', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'btn-7', title: 'menu' } } },
      { from: '628302', id: 'wamid.l1', timestamp: '1769500000', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'menu:6', title: 'Cakupan JKN suatu daerah', description: '' } } },
      { from: '628303', id: 'wamid.q1', timestamp: '1769500000', type: 'button', button: { text: 'Kontak & jam layanan', payload: 'x' } },
    ]);
    await postHook(body, sign(body));
    await cloud.idle();
    const by = Object.fromEntries(sent.map((x) => [x.body.to, x.body]));
    expect(by['628301']?.type).toBe('interactive'); // "menu" was understood, and the menu goes out as a list
    expect(by['628302']?.text.body).toMatch(/daerah|wilayah|kota/i);
    expect(by['628303']?.text.body).toMatch(/165/);
  });

  it('sends the menu as an interactive list of rows to tap, when configured for its intent', async () => {
    reset();
    const body = payload([say('628304', 'wamid.m1', 'menu')]);
    await postHook(body, sign(body));
    await cloud.idle();
    const list = sent[0]?.body.interactive;
    expect(list.type).toBe('list');
    expect(list.action.button).toBe('Pilih');
    const rows = list.action.sections[0].rows as Array<{ id: string; title: string; description?: string }>;
    expect(rows.map((r) => r.id)).toEqual(['menu:1', 'menu:2', 'menu:3', 'menu:4', 'menu:5', 'menu:6', 'menu:7', 'menu:8', 'menu:9']);
    expect(rows.every((r) => r.title.length <= 24 && (r.description ?? '').length <= 72)).toBe(true);
    expect(list.body.text).not.toMatch(/^1\. /m);
  });

  it("answers one sender's messages in order with context, within one webhook and across webhooks", async () => {
    reset();
    let release!: () => void;
    hold = new Promise<void>((r) => { release = r; });
    slowNextClaim = true;
    const one = payload([say('628305', 'wamid.o1', 'berapa cakupan jkn di kota semarang'), say('628305', 'wamid.o2', 'kalau binjai?'), say('628306', 'wamid.o3', 'halo')]);
    await postHook(one, sign(one));
    const two = payload([say('628305', 'wamid.o4', 'kalau kota medan?')]);
    await postHook(two, sign(two));
    await vi.waitFor(() => expect(received).toBe(2)); // the first of 628305 and the other sender's
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(received).toBe(2); // 628305's second message waits for its first reply
    release();
    hold = undefined;
    await cloud.idle();
    const mine = sent.filter((x) => x.body.to === '628305').map((x) => x.body.text.body);
    expect(mine).toHaveLength(3);
    expect(mine[0]).toMatch(/Semarang/);
    expect(mine[1]).toMatch(/Binjai/);
    expect(mine[1]).toMatch(/cakupan/i);
    expect(mine[2]).toMatch(/Medan/);
  });

  it('logs a Graph error with its code, title and masked details, counts it by code, and does not retry a request error', async () => {
    reset();
    scripted.push({ status: 400, body: JSON.stringify({ error: { message: '(#131030) Recipient phone number not in allowed list', type: 'OAuthException', code: 131030,
      error_data: { messaging_product: 'whatsapp', details: 'Recipient phone number 6281234567001 not in allowed list' }, fbtrace_id: 'AbC' } }) });
    const body = payload([say('6281234567001', 'wamid.e1', 'halo')]);
    await postHook(body, sign(body));
    await cloud.idle();
    expect(sent).toHaveLength(0);
    expect(received).toBe(1);
    const line = logged(/Cloud API error 131030/)[0];
    expect(line).toMatchObject({ source: 'graph', code: '131030', title: 'OAuthException', status: 400, fbtraceId: 'AbC' });
    expect(String(line?.details)).toMatch(/Recipient phone number \[TELEPON\] not in allowed list/);
    expect(lines.join('')).not.toContain('6281234567001');
    expect(await metric('pandawa_cloud_api_errors_total', { source: 'graph', code: '131030' })).toBe(1);
  });

  it('retries Graph 429 and 5xx with bounded back-off, honouring Retry-After, and sends once', async () => {
    reset();
    scripted.push({ status: 503, body: 'upstream unavailable' }, { status: 429, body: JSON.stringify({ error: { code: 130429, message: 'Rate limit hit' } }), headers: { 'retry-after': '7' } });
    const body = payload([say('628307', 'wamid.r1', 'halo')]);
    await postHook(body, sign(body));
    await cloud.idle();
    expect(sent.map((x) => x.body.to)).toEqual(['628307']);
    expect(slept).toEqual([1000, 7000]);
    expect(await metric('pandawa_cloud_api_errors_total', { source: 'graph', code: 'http_503' })).toBe(1);
    expect(await metric('pandawa_cloud_api_errors_total', { source: 'graph', code: '130429' })).toBe(1);
    reset();
    scripted.push(...[1, 2, 3, 4].map(() => ({ status: 500, body: '{}' })));
    const again = payload([say('628308', 'wamid.r2', 'halo')]);
    await postHook(again, sign(again));
    await cloud.idle();
    expect(received).toBe(4); // bounded: four attempts, then the message is left for Meta to deliver again
    expect(slept).toEqual([1000, 2000, 4000]);
    expect(sent).toHaveLength(0);
    reset();
    scripted.push({ status: 429, body: '{}', headers: { 'retry-after': '3600' } }); // longer than the retry budget: not waited for
    const later = payload([say('628308', 'wamid.r3', 'halo')]);
    await postHook(later, sign(later));
    await cloud.idle();
    expect(received).toBe(1);
    expect(slept).toEqual([]);
  });

  it('logs and counts errors Meta reports in the webhook: on the change, on a message status, on a received message', async () => {
    reset();
    const body = payload(
      [{ from: '628309', id: 'wamid.u1', timestamp: '1769500000', type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] }],
      [{ id: 'wamid.s1', status: 'failed', recipient_id: '628310', errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed since the recipient last replied to the sender number 628310.' } }] }],
      { errors: [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong' }] },
    );
    await postHook(body, sign(body));
    await cloud.idle();
    expect(await metric('pandawa_cloud_api_errors_total', { source: 'message', code: '131051' })).toBe(1);
    expect(await metric('pandawa_cloud_api_errors_total', { source: 'status', code: '131047' })).toBe(1);
    expect(await metric('pandawa_cloud_api_errors_total', { source: 'webhook', code: '131000' })).toBe(1);
    expect(logged(/Cloud API error 131047 \(Re-engagement message\)/)[0]).toMatchObject({ source: 'status', phoneNumberId: '12345' });
    expect(sent.map((x) => x.body.to)).toEqual(['628309']); // the unsupported message gets the text-only note
  });

  it('answers each configured number from its own number, and ignores (and logs) another one', async () => {
    reset();
    const other = payload([say('628311', 'wamid.n1', 'halo')], [], { phoneNumberId: '67890' });
    const foreign = payload([say('628312', 'wamid.n2', 'halo')], [], { phoneNumberId: '99999' });
    await postHook(other, sign(other));
    await postHook(foreign, sign(foreign));
    await cloud.idle();
    expect(sent.map((x) => [x.url, x.body.to])).toEqual([['/v21.0/67890/messages', '628311']]);
    expect(logged(/not configured/)[0]).toMatchObject({ phoneNumberId: '99999', count: 1 });
    expect(await metric('pandawa_cloud_api_ignored_total')).toBe(1);
  });

  it('retries when the Graph API cannot be reached, then gives up and counts it', async () => {
    const m = new Metrics();
    const waits: number[] = [];
    const gateway = await newGateway();
    const offline = new CloudApiChannel(gateway, { verifyToken: 'v', appSecret: SECRET, accessToken: 'tok', phoneNumberIds: ['12345'],
      graphBaseUrl: 'http://127.0.0.1:9', graphVersion: 'v21.0', maxBodyBytes: 100_000, sleep: async (ms) => { waits.push(ms); } }, createLogger('silent'), m);
    const server = createServer(createHttpApp({ gateway, metrics: m, log: createLogger('silent'), maxBodyBytes: 2048, readiness: () => ({}), cloud: offline }));
    const at = await listen(server);
    const body = payload([say('628314', 'wamid.x2', 'halo')]);
    const r = await fetch(`${at}/webhooks/whatsapp`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) } });
    await offline.idle();
    server.close();
    expect(r.status).toBe(200);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect((await m.registry.getSingleMetric('pandawa_cloud_api_errors_total')?.get())?.values.find((v) => v.labels.code === 'network')?.value).toBe(4);
    expect((await m.registry.getSingleMetric('pandawa_send_failures_total')?.get())?.values[0]?.value).toBe(1);
  });

  it('refuses a webhook with 503 while stopping, before acknowledging it, so Meta delivers it again', async () => {
    reset();
    const gateway = await newGateway();
    const stopping = new CloudApiChannel(gateway, { verifyToken: 'v', appSecret: SECRET, accessToken: 'tok', phoneNumberIds: ['12345'],
      graphBaseUrl: 'http://127.0.0.1:9', graphVersion: 'v21.0', maxBodyBytes: 100_000 }, createLogger('silent'));
    const server = createServer(createHttpApp({ gateway, metrics: new Metrics(), log: createLogger('silent'), maxBodyBytes: 2048, readiness: () => ({}), cloud: stopping }));
    const at = await listen(server);
    gateway.stop(0);
    const body = payload([say('628313', 'wamid.x1', 'halo')]);
    const r = await fetch(`${at}/webhooks/whatsapp`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) } });
    server.close();
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('1');
    await stopping.idle();
    expect(received).toBe(0);
  });
});
