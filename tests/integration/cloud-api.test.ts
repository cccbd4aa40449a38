import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { createHttpApp } from '../../src/adapters/http.js';
import { CloudApiChannel } from '../../src/adapters/cloud-api.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';

const SECRET = 'app-secret';
let graph: Server;
let app: Server;
let base: string;
let cloud: CloudApiChannel;
const sent: Array<{ url: string; auth: string; body: { to: string; text: { body: string } } }> = [];
/** How many Graph API calls to fail (with 500) before answering normally. */
let failNext = 0;

const listen = (s: Server): Promise<string> => new Promise((resolve) => s.listen(0, '127.0.0.1', () => {
  const a = s.address();
  resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
}));

beforeAll(async () => {
  graph = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => {
      if (failNext > 0) { failNext -= 1; res.writeHead(500).end('{}'); return; }
      sent.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"messages":[{"id":"wamid.x"}]}');
    });
  });
  const graphBase = await listen(graph);
  const gateway = await newGateway();
  cloud = new CloudApiChannel(gateway, { verifyToken: 'verify-me', appSecret: SECRET, accessToken: 'tok', phoneNumberId: '12345',
    graphBaseUrl: graphBase, graphVersion: 'v21.0', maxBodyBytes: 100_000 }, silentLogger);
  app = createServer(createHttpApp({ gateway, metrics: new Metrics(), log: silentLogger, maxBodyBytes: 2048, readiness: () => ({}), cloud }));
  base = await listen(app);
});
afterAll(() => { graph.close(); app.close(); });

const payload = (messages: unknown[], statuses: unknown[] = []) => JSON.stringify({ object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '12345' }, messages, statuses } }] }] });
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

  it('answers a message Meta delivers again after the Graph API failed, and only once it was sent', async () => {
    sent.length = 0;
    failNext = 1;
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
});
