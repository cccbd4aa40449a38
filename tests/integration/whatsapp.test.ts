// The WhatsApp channel driven by a fake socket that emits events shaped like Baileys 7's own and records
// what was sent. No phone, no network, no sleeping.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { EventEmitter } from 'node:events';
import type { WAMessage } from '@whiskeysockets/baileys';
import { WhatsAppChannel, type WASocketLike, type SocketHooks } from '../../src/adapters/whatsapp/channel.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';

class FakeSocket implements WASocketLike {
  ev = new EventEmitter();
  sent: Array<{ jid: string; text: string }> = [];
  presence: Array<{ type: string; jid?: string }> = [];
  ended = false;
  pairingRequests: string[] = [];
  authState = { creds: { registered: false } };
  /** When set, sendMessage waits for this before resolving (to test ordering and independence). */
  gate?: (jid: string) => Promise<void>;
  private n = 0;
  constructor(readonly hooks: SocketHooks) {}
  async sendMessage(jid: string, content: { text: string }) {
    if (this.gate) await this.gate(jid);
    this.sent.push({ jid, text: content.text });
    const id = `SENT${++this.n}`;
    return { key: { remoteJid: jid, fromMe: true, id }, message: { conversation: content.text } } as WAMessage;
  }
  async sendPresenceUpdate(type: 'composing' | 'paused' | 'available' | 'unavailable', jid?: string) { this.presence.push({ type, jid }); }
  async requestPairingCode(phone: string) { this.pairingRequests.push(phone); return 'ABCD1234'; }
  end() { this.ended = true; }
  emit(event: string, arg: unknown) { this.ev.emit(event, arg); }
}

const now = 1_769_500_000_000;
let seq = 0;
function text(jid: string, body: string, extra: Partial<WAMessage['key']> = {}, ts = now / 1000): WAMessage {
  return { key: { remoteJid: jid, fromMe: false, id: `MSG${++seq}`, ...extra }, message: { conversation: body }, messageTimestamp: ts } as WAMessage;
}
function withMessage(jid: string, message: Record<string, unknown>): WAMessage {
  return { key: { remoteJid: jid, fromMe: false, id: `MSG${++seq}` }, message, messageTimestamp: now / 1000 } as WAMessage;
}

async function setup(opts: { pairingNumber?: string } = {}) {
  const sockets: FakeSocket[] = [];
  const qrs: string[] = [];
  const codes: string[] = [];
  const metrics = new Metrics();
  const channel = new WhatsAppChannel(await newGateway({ metrics }), async (hooks) => { const s = new FakeSocket(hooks); sockets.push(s); return s; }, {
    backlogMaxAgeSec: 600, minGapMs: 0, maxPerMinute: 1000, maxBackoffMs: 30_000, pairingNumber: opts.pairingNumber,
    showQr: (q) => qrs.push(q), showPairingCode: (c) => codes.push(c), now: () => now, sleep: async () => undefined,
  }, silentLogger, metrics);
  await channel.start();
  const sock = () => sockets[sockets.length - 1] as FakeSocket;
  return { channel, sockets, sock, qrs, codes, metrics };
}

afterEach(() => { vi.useRealTimers(); });

describe('WhatsApp channel (Baileys 7, fake socket)', () => {
  it('answers a live text message in the chat it came from, showing "typing" first', async () => {
    const { channel, sock } = await setup();
    sock().emit('messages.upsert', { type: 'notify', messages: [text('6281234567890@s.whatsapp.net', 'cakupan jkn kota pekalongan')] });
    await channel.idle();
    expect(sock().sent).toHaveLength(1);
    expect(sock().sent[0]?.jid).toBe('6281234567890@s.whatsapp.net');
    expect(sock().sent[0]?.text).toMatch(/99,53 persen/);
    expect(sock().presence.map((p) => p.type)).toEqual(['composing', 'paused']);
  });

  it('replies to a LID chat id as received, and keeps context across its LID and phone-number forms', async () => {
    const { channel, sock } = await setup();
    sock().emit('messages.upsert', { type: 'notify', messages: [text('123456789@lid', 'berapa cakupan jkn di kota semarang', { remoteJidAlt: '628111@s.whatsapp.net' } as never)] });
    await channel.idle();
    sock().emit('messages.upsert', { type: 'notify', messages: [text('628111@s.whatsapp.net', 'kalau binjai?')] });
    await channel.idle();
    expect(sock().sent.map((s) => s.jid)).toEqual(['123456789@lid', '628111@s.whatsapp.net']);
    expect(sock().sent[1]?.text).toMatch(/Binjai/);
    expect(sock().sent[1]?.text).toMatch(/cakupan/i);
  });

  it('skips its own messages, groups, status broadcasts and newsletters', async () => {
    const { channel, sock } = await setup();
    sock().emit('messages.upsert', { type: 'notify', messages: [
      text('628111@s.whatsapp.net', 'halo', { fromMe: true }),
      text('1203630@g.us', 'halo'),
      text('status@broadcast', 'halo'),
      text('1203631@newsletter', 'halo'),
    ] });
    await channel.idle();
    expect(sock().sent).toHaveLength(0);
  });

  it('answers a duplicated message once', async () => {
    const { channel, sock } = await setup();
    const m = text('628222@s.whatsapp.net', 'halo');
    sock().emit('messages.upsert', { type: 'notify', messages: [m] });
    sock().emit('messages.upsert', { type: 'notify', messages: [m] });
    sock().emit('messages.upsert', { type: 'append', messages: [m] });
    await channel.idle();
    expect(sock().sent).toHaveLength(1);
  });

  it('answers a message again when its reply could not be sent, and only once it was', async () => {
    const { channel, sock } = await setup();
    const m = text('628444@s.whatsapp.net', 'cakupan jkn kota pekalongan');
    sock().gate = async () => { throw new Error('socket closed'); };
    sock().emit('messages.upsert', { type: 'notify', messages: [m] });
    await channel.idle();
    expect(sock().sent).toHaveLength(0);
    sock().gate = undefined;
    sock().emit('messages.upsert', { type: 'append', messages: [m] }); // WhatsApp delivers it again
    await channel.idle();
    expect(sock().sent.map((x) => x.jid)).toEqual(['628444@s.whatsapp.net']);
    sock().emit('messages.upsert', { type: 'notify', messages: [m] });
    await channel.idle();
    expect(sock().sent).toHaveLength(1);
  });

  it('answers recent messages that arrived while it was off (append), not old ones', async () => {
    const { channel, sock } = await setup();
    sock().emit('messages.upsert', { type: 'append', messages: [
      text('628333@s.whatsapp.net', 'menu', {}, now / 1000 - 60),
      text('628444@s.whatsapp.net', 'menu', {}, now / 1000 - 3600),
    ] });
    await channel.idle();
    expect(sock().sent.map((s) => s.jid)).toEqual(['628333@s.whatsapp.net']);
  });

  it('reads captions, extended text and ephemeral / view-once wrappers; media without text gets a text-only note', async () => {
    const { channel, sock } = await setup();
    sock().emit('messages.upsert', { type: 'notify', messages: [
      withMessage('62801@s.whatsapp.net', { imageMessage: { caption: 'cakupan jkn kota pekalongan', mimetype: 'image/jpeg' } }),
      withMessage('62802@s.whatsapp.net', { extendedTextMessage: { text: 'cakupan jkn kota pekalongan', contextInfo: {} } }),
      withMessage('62803@s.whatsapp.net', { ephemeralMessage: { message: { extendedTextMessage: { text: 'cakupan jkn kota pekalongan' } } } }),
      withMessage('62804@s.whatsapp.net', { viewOnceMessageV2: { message: { imageMessage: { caption: 'cakupan jkn kota pekalongan' } } } }),
      withMessage('62805@s.whatsapp.net', { stickerMessage: { mimetype: 'image/webp' } }),
      withMessage('62806@s.whatsapp.net', { audioMessage: { ptt: true, seconds: 4 } }),
      withMessage('62807@s.whatsapp.net', { reactionMessage: { text: '👍', key: { id: 'x' } } }),
      withMessage('62808@s.whatsapp.net', { protocolMessage: { type: 0 } }),
    ] });
    await channel.idle();
    const by = Object.fromEntries(sock().sent.map((s) => [s.jid.slice(0, 5), s.text]));
    for (const k of ['62801', '62802', '62803', '62804']) expect(by[k], k).toMatch(/99,53 persen/);
    expect(by['62805']).toMatch(/hanya bisa membaca pesan teks/);
    expect(by['62806']).toMatch(/hanya bisa membaca pesan teks/);
    expect(by['62807']).toBeUndefined();
    expect(by['62808']).toBeUndefined();
  });

  it('answers one chat in order, one at a time, while other chats do not wait', async () => {
    const { channel, sock } = await setup();
    let release!: () => void;
    const blocked = new Promise<void>((r) => { release = r; });
    sock().gate = (jid) => (jid.startsWith('62811') ? blocked : Promise.resolve());
    sock().emit('messages.upsert', { type: 'notify', messages: [text('62811@s.whatsapp.net', 'halo'), text('62811@s.whatsapp.net', 'menu')] });
    sock().emit('messages.upsert', { type: 'notify', messages: [text('62822@s.whatsapp.net', 'menu')] });
    await vi.waitFor(() => expect(sock().sent.map((s) => s.jid)).toEqual(['62822@s.whatsapp.net']));
    release();
    await channel.idle();
    const a = sock().sent.filter((s) => s.jid === '62811@s.whatsapp.net');
    expect(a[0]?.text).toMatch(/Halo|Hai/);
    expect(a[1]?.text).toMatch(/1\. /);
  });

  it('serves retries from recently sent messages through getMessage', async () => {
    const { channel, sock } = await setup();
    sock().emit('messages.upsert', { type: 'notify', messages: [text('628555@s.whatsapp.net', 'halo')] });
    await channel.idle();
    expect(await sock().hooks.getMessage({ id: 'SENT1' })).toEqual({ conversation: sock().sent[0]?.text });
    expect(await sock().hooks.getMessage({ id: 'unknown' })).toBeUndefined();
  });

  it('shows a QR code to link, or asks for a pairing code when a number is configured', async () => {
    const a = await setup();
    a.sock().emit('connection.update', { connection: 'connecting', qr: 'QR-DATA' });
    expect(a.qrs).toEqual(['QR-DATA']);
    const b = await setup({ pairingNumber: '6281234567890' });
    b.sock().emit('connection.update', { qr: 'QR-DATA' });
    await vi.waitFor(() => expect(b.codes).toEqual(['ABCD1234']));
    b.sock().emit('connection.update', { qr: 'QR-DATA-2' });
    expect(b.sock().pairingRequests).toEqual(['6281234567890']);
  });

  it('reconnects with bounded exponential backoff and reports the state', async () => {
    vi.useFakeTimers();
    const { channel, sockets, sock, metrics } = await setup();
    const states: string[] = [];
    channel.onState((s) => states.push(s));
    sock().emit('connection.update', { connection: 'open' });
    expect(channel.state).toBe('open');
    sock().emit('connection.update', { connection: 'close', lastDisconnect: { error: { output: { statusCode: 428 } } } });
    expect(channel.state).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    sock().emit('connection.update', { connection: 'close', lastDisconnect: { error: { output: { statusCode: 408 } } } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sockets).toHaveLength(3);
    sock().emit('connection.update', { connection: 'open' });
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    expect((await metrics.registry.getSingleMetric('pandawa_whatsapp_reconnects_total')?.get())?.values[0]?.value).toBe(2);
    for (let i = 0; i < 8; i++) {
      sock().emit('connection.update', { connection: 'close', lastDisconnect: { error: { output: { statusCode: 500 } } } });
      await vi.advanceTimersByTimeAsync(30_000);
    }
    expect(sockets).toHaveLength(11);
  });

  it('reconnects at once on restart-required (515)', async () => {
    const { sockets, sock } = await setup();
    sock().emit('connection.update', { connection: 'close', lastDisconnect: { error: { output: { statusCode: 515 } } } });
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
  });

  it('stops on logged-out (401) and on connection-replaced (440) without looping', async () => {
    vi.useFakeTimers();
    const a = await setup();
    a.sock().emit('connection.update', { connection: 'close', lastDisconnect: { error: { output: { statusCode: 401 } } } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(a.channel.state).toBe('logged_out');
    expect(a.sockets).toHaveLength(1);
    const b = await setup();
    b.sock().emit('connection.update', { connection: 'close', lastDisconnect: { error: { output: { statusCode: 440 } } } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(b.channel.state).toBe('replaced');
    expect(b.sockets).toHaveLength(1);
  });

  it('finishes chats in progress before it stops, then ignores new messages', async () => {
    const { channel, sock } = await setup();
    sock().emit('messages.upsert', { type: 'notify', messages: [text('628666@s.whatsapp.net', 'halo')] });
    await channel.stop();
    expect(sock().sent).toHaveLength(1);
    expect(sock().ended).toBe(true);
    sock().emit('messages.upsert', { type: 'notify', messages: [text('628666@s.whatsapp.net', 'menu')] });
    await channel.idle();
    expect(sock().sent).toHaveLength(1);
  });
});

describe('WhatsApp gateway lock', () => {
  it('lets one gateway per number connect; the other stands by and takes over when the first stops', async () => {
    const { MemoryStore } = await import('../../src/store/memory.js');
    const store = new MemoryStore();
    const sockets: Record<string, FakeSocket[]> = { a: [], b: [] };
    const make = async (who: 'a' | 'b') => new WhatsAppChannel(await newGateway(), async (hooks) => { const s = new FakeSocket(hooks); sockets[who]?.push(s); return s; }, {
      backlogMaxAgeSec: 600, minGapMs: 0, maxPerMinute: 1000, maxBackoffMs: 30_000, showQr: () => undefined, showPairingCode: () => undefined,
      lock: { ttlMs: 1000, acquire: () => store.acquireLock('wa', who, 1000), release: () => store.releaseLock('wa', who) },
    }, silentLogger);
    const a = await make('a');
    const b = await make('b');
    await a.start();
    await b.start();
    expect(sockets.a).toHaveLength(1);
    expect(sockets.b).toHaveLength(0);
    expect(b.state).toBe('standby');
    await a.stop();
    await vi.waitFor(() => expect(sockets.b).toHaveLength(1), { timeout: 3000 });
    await b.stop();
  });
});
