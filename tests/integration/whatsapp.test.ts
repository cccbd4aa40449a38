// The WhatsApp channel driven by a fake socket that emits events shaped like Baileys 7's own and records
// what was sent. No phone, no network, no sleeping.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { EventEmitter } from 'node:events';
import { generateWAMessageFromContent, proto, type WAMessage } from '@whiskeysockets/baileys';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';
import { WhatsAppChannel, type WASocketLike, type SocketHooks } from '../../src/adapters/whatsapp/channel.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/log.js';
import { newGateway } from '../helpers.js';
import type { SharedStore } from '../../src/store/types.js';

class FakeSocket implements WASocketLike {
  ev = new EventEmitter();
  sent: Array<{ jid: string; text: string }> = [];
  presence: Array<{ type: string; jid?: string }> = [];
  ended = false;
  pairingRequests: string[] = [];
  authState = { creds: { registered: false } };
  signalRepository?: WASocketLike['signalRepository'];
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
  end() {
    if (this.ended) return;
    this.ended = true;
    this.emit('connection.update', closeWith());
  }
  emit(event: string, arg: unknown) { this.ev.emit(event, arg); }
}

const now = 1_769_500_000_000;
const ME = '6280000000000@s.whatsapp.net';
/** An inbound message as Baileys builds it (generateWAMessageFromContent), received from `jid`. */
function incoming(jid: string, message: proto.IMessage, o: { alt?: string; ts?: number; fromMe?: boolean } = {}): WAMessage {
  const m = generateWAMessageFromContent(jid, proto.Message.create(message), { userJid: ME, timestamp: new Date((o.ts ?? now / 1000) * 1000) });
  m.key.fromMe = o.fromMe ?? false;
  if (o.alt) m.key.remoteJidAlt = o.alt;
  return m;
}
function text(jid: string, body: string, o: { alt?: string; ts?: number; fromMe?: boolean } = {}): WAMessage {
  return incoming(jid, { conversation: body }, o);
}
const withMessage = (jid: string, message: Record<string, unknown>) => incoming(jid, message as proto.IMessage);
const closeWith = (statusCode?: number) => ({ connection: 'close', lastDisconnect: { error: statusCode === undefined ? undefined : { output: { statusCode } } } });
const metric = async (m: Metrics, name: string, labels: Record<string, string> = {}) =>
  (await m.registry.getSingleMetric(name)?.get())?.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;

async function setup(opts: { pairingNumber?: string; open?: boolean; clock?: () => number; store?: SharedStore } = {}) {
  const sockets: FakeSocket[] = [];
  const qrs: string[] = [];
  const codes: string[] = [];
  const lines: string[] = [];
  const slept: number[] = [];
  const log = createLogger('info', new Writable({ write(c, _e, done) { lines.push(String(c)); done(); } }));
  const metrics = new Metrics();
  const channel = new WhatsAppChannel(await newGateway({ metrics, store: opts.store }), async (hooks) => { const s = new FakeSocket(hooks); sockets.push(s); return s; }, {
    backlogMaxAgeSec: 600, minGapMs: 0, maxPerMinute: 1000, maxBackoffMs: 30_000, pairingNumber: opts.pairingNumber,
    showQr: (q) => qrs.push(q), showPairingCode: (c) => codes.push(c), now: opts.clock ?? (() => now), sleep: async (ms) => { slept.push(ms); },
  }, log, metrics);
  await channel.start();
  const sock = () => sockets[sockets.length - 1] as FakeSocket;
  if (opts.open !== false) sock().emit('connection.update', { connection: 'open' });
  const logged = (re: RegExp) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => re.test(String(l.msg)));
  return { channel, sockets, sock, qrs, codes, metrics, lines, logged, slept };
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
    sock().emit('messages.upsert', { type: 'notify', messages: [text('123456789@lid', 'berapa cakupan jkn di kota semarang', { alt: '628111@s.whatsapp.net' })] });
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
      text('628333@s.whatsapp.net', 'menu', { ts: now / 1000 - 60 }),
      text('628444@s.whatsapp.net', 'menu', { ts: now / 1000 - 3600 }),
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
    const a = await setup({ open: false });
    a.sock().emit('connection.update', { connection: 'connecting', qr: 'QR-DATA' });
    expect(a.qrs).toEqual(['QR-DATA']);
    const b = await setup({ pairingNumber: '6281234567890', open: false });
    b.sock().emit('connection.update', { qr: 'QR-DATA' });
    await vi.waitFor(() => expect(b.codes).toEqual(['ABCD1234']));
    b.sock().emit('connection.update', { qr: 'QR-DATA-2' });
    expect(b.sock().pairingRequests).toEqual(['6281234567890']);
  });

  it('reconnects with bounded exponential backoff and reports the state', async () => {
    vi.useFakeTimers();
    const { channel, sockets, sock, metrics } = await setup({ open: false });
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

describe('WhatsApp channel in production: failure paths', () => {
  it('retries a failed send with bounded back-off, turns "typing" off, and answers the re-delivered message once', async () => {
    const { channel, sock, metrics, slept } = await setup();
    let failures = 2;
    sock().gate = async () => { if (failures-- > 0) throw new Error('timed out'); };
    const m = text('628444@s.whatsapp.net', 'cakupan jkn kota pekalongan');
    sock().emit('messages.upsert', { type: 'notify', messages: [m] });
    sock().emit('messages.upsert', { type: 'append', messages: [m] }); // re-delivered while its reply is being retried
    await channel.idle();
    sock().emit('messages.upsert', { type: 'notify', messages: [m] }); // and once more after it went out
    await channel.idle();
    expect(sock().sent.map((x) => x.jid)).toEqual(['628444@s.whatsapp.net']);
    expect(slept).toEqual([1000, 2000]);
    expect(await metric(metrics, 'pandawa_send_failures_total', { channel: 'whatsapp' })).toBe(2);
    expect(sock().presence.map((p) => p.type)).toEqual(['composing', 'paused']);
  });

  it('gives up after a bounded number of attempts, "typing" off, and the message is answered when it comes again', async () => {
    const { channel, sock, slept } = await setup();
    sock().gate = async () => { throw new Error('not acknowledged'); };
    const m = text('628445@s.whatsapp.net', 'halo');
    sock().emit('messages.upsert', { type: 'notify', messages: [m] });
    await channel.idle();
    expect(slept).toEqual([1000, 2000, 4000]);
    expect(sock().presence.at(-1)?.type).toBe('paused');
    sock().gate = undefined;
    sock().emit('messages.upsert', { type: 'append', messages: [m] });
    await channel.idle();
    expect(sock().sent).toHaveLength(1);
  });

  it('keeps an unsent reply across a reconnect and sends it once on the new connection', async () => {
    vi.useFakeTimers();
    const { channel, sockets, sock } = await setup();
    const first = sock();
    first.gate = async () => {
      first.emit('connection.update', closeWith(428)); // the connection drops under the send
      throw new Error('Connection Closed');
    };
    const kept = text('628446@s.whatsapp.net', 'cakupan jkn kota pekalongan');
    const again = text('628448@s.whatsapp.net', 'halo');
    first.emit('messages.upsert', { type: 'notify', messages: [kept, again] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
    sock().emit('messages.upsert', { type: 'append', messages: [again] }); // WhatsApp delivers one again on the new socket
    sock().emit('connection.update', { connection: 'open' });
    await channel.idle();
    expect(first.sent).toHaveLength(0);
    expect(sock().sent.map((x) => x.jid).sort()).toEqual(['628446@s.whatsapp.net', '628448@s.whatsapp.net']);
    expect(sock().sent.find((x) => x.jid.startsWith('628446'))?.text).toMatch(/99,53 persen/);
  });

  it('does not send a kept reply when the connection comes back after the recent window', async () => {
    vi.useFakeTimers();
    let t = now;
    const { channel, sock, logged } = await setup({ clock: () => t });
    const first = sock();
    first.gate = async () => { first.emit('connection.update', closeWith(408)); throw new Error('Connection Closed'); };
    first.emit('messages.upsert', { type: 'notify', messages: [text('628447@s.whatsapp.net', 'halo')] });
    await vi.advanceTimersByTimeAsync(1000);
    t += 601_000;
    sock().emit('connection.update', { connection: 'open' });
    await channel.idle();
    expect(sock().sent).toHaveLength(0);
    expect(logged(/reply failed/)).toHaveLength(1);
  });

  it('orders replies per person across the LID and phone-number forms of one chat', async () => {
    // The shared store answers the first message's claim late (as a busy Redis may): the second must still wait.
    const { MemoryStore } = await import('../../src/store/memory.js');
    let claims = 0;
    const store = new (class extends MemoryStore {
      override async claim(key: string, owner: string, leaseMs: number) {
        if (claims++ === 0) for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
        return super.claim(key, owner, leaseMs);
      }
    })();
    const { channel, sock } = await setup({ store });
    let release!: () => void;
    const blocked = new Promise<void>((r) => { release = r; });
    sock().gate = (jid) => (jid.endsWith('@lid') ? blocked : Promise.resolve());
    sock().emit('messages.upsert', { type: 'notify', messages: [text('99887766@lid', 'berapa cakupan jkn di kota semarang', { alt: '628777@s.whatsapp.net' })] });
    sock().emit('messages.upsert', { type: 'notify', messages: [text('628777@s.whatsapp.net', 'kalau binjai?')] });
    await new Promise((r) => setImmediate(r));
    expect(sock().sent).toHaveLength(0); // the second waits for the first, though it goes to another JID
    release();
    await channel.idle();
    expect(sock().sent.map((x) => x.jid)).toEqual(['99887766@lid', '628777@s.whatsapp.net']);
    expect(sock().sent[1]?.text).toMatch(/Binjai/);
  });

  it('keeps one person under one key when a later LID message has no phone number (learnt from lid-mapping.update)', async () => {
    const { channel, sock } = await setup();
    sock().emit('lid-mapping.update', { lid: '55443322@lid', pn: '628778@s.whatsapp.net' });
    sock().emit('messages.upsert', { type: 'notify', messages: [text('628778@s.whatsapp.net', 'berapa cakupan jkn di kota semarang')] });
    await channel.idle();
    sock().emit('messages.upsert', { type: 'notify', messages: [text('55443322@lid', 'kalau tahun sebelumnya?')] });
    await channel.idle();
    expect(sock().sent[1]?.jid).toBe('55443322@lid');
    expect(sock().sent[1]?.text).toMatch(/Semarang/); // the follow-up found the first question's region
  });

  it("keeps one person under one key when a LID message's phone number is only in Baileys' LID store", async () => {
    const { channel, sock } = await setup();
    sock().signalRepository = { lidMapping: { getPNForLID: async (lid) => (lid === '55443399@lid' ? '628779:0@s.whatsapp.net' : null) } };
    sock().emit('messages.upsert', { type: 'notify', messages: [text('628779@s.whatsapp.net', 'berapa cakupan jkn di kota semarang')] });
    sock().emit('messages.upsert', { type: 'notify', messages: [text('55443399@lid', 'kalau tahun sebelumnya?')] });
    await channel.idle();
    expect(sock().sent.map((x) => x.jid)).toEqual(['628779@s.whatsapp.net', '55443399@lid']);
    expect(sock().sent[1]?.text).toMatch(/Semarang/);
  });

  it('logs and counts a message dropped from the backlog as too old, without the sender in the line', async () => {
    const { channel, sock, metrics, logged, lines } = await setup();
    sock().emit('messages.upsert', { type: 'append', messages: [text('6281299998888@s.whatsapp.net', 'menu', { ts: now / 1000 - 3600 })] });
    await channel.idle();
    expect(sock().sent).toHaveLength(0);
    expect(logged(/older than WHATSAPP_BACKLOG_MAX_AGE_SECONDS/)[0]).toMatchObject({ ageSec: 3600, maxAgeSec: 600 });
    expect(await metric(metrics, 'pandawa_whatsapp_backlog_dropped_total')).toBe(1);
    expect(lines.join('')).not.toContain('6281299998888');
  });

  it.each([[403, 'banned', 'forbidden'], [401, 'logged_out', 'logged_out'], [411, 'logged_out', 'multidevice_mismatch'], [440, 'replaced', 'replaced']])(
    'stops for good on close code %i (%s), with a log line and a metric', async (code, state, reason) => {
      vi.useFakeTimers();
      const { channel, sockets, sock, metrics, logged } = await setup();
      sock().emit('connection.update', closeWith(code));
      await vi.advanceTimersByTimeAsync(120_000);
      expect(channel.state).toBe(state);
      expect(sockets).toHaveLength(1);
      expect(await metric(metrics, 'pandawa_whatsapp_terminal_total', { reason })).toBe(1);
      expect(logged(new RegExp(`\\(${code}`))[0]).toMatchObject({ level: 50, code, reason });
    });

  it('tries again with back-off when the socket cannot even be created', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const sockets: FakeSocket[] = [];
    const channel = new WhatsAppChannel(await newGateway(), async (hooks) => {
      if (calls++ === 0) throw new Error('ENOTFOUND web.whatsapp.com');
      const s = new FakeSocket(hooks);
      sockets.push(s);
      return s;
    }, { backlogMaxAgeSec: 600, minGapMs: 0, maxPerMinute: 1000, maxBackoffMs: 30_000, showQr: () => undefined, showPairingCode: () => undefined }, silentLogger);
    await channel.start();
    expect(channel.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(1);
    sockets[0]?.emit('connection.update', { connection: 'open' });
    expect(channel.state).toBe('open');
  });

  it('asks for a new pairing code on the new socket after the first one expired (408)', async () => {
    vi.useFakeTimers();
    const { sockets, sock, codes } = await setup({ pairingNumber: '6281234567890', open: false });
    sock().emit('connection.update', { connection: 'connecting', qr: 'QR-1' });
    await vi.advanceTimersByTimeAsync(0);
    sock().emit('connection.update', closeWith(408)); // "QR refs attempts ended"
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
    sock().emit('connection.update', { connection: 'connecting', qr: 'QR-2' });
    await vi.advanceTimersByTimeAsync(0);
    expect(codes).toEqual(['ABCD1234', 'ABCD1234']);
    expect(sockets.map((s) => s.pairingRequests.length)).toEqual([1, 1]);
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

describe('WhatsApp gateway lock lost', () => {
  async function pair() {
    const { MemoryStore } = await import('../../src/store/memory.js');
    const store = new MemoryStore(1000, () => Date.now());
    const sockets: Record<'a' | 'b', FakeSocket[]> = { a: [], b: [] };
    let live = 0;
    let maxLive = 0;
    const unreachable = { a: false };
    const make = async (who: 'a' | 'b') => new WhatsAppChannel(await newGateway(), async (hooks) => {
      const s = new FakeSocket(hooks);
      const end = s.end.bind(s);
      s.end = () => { if (!s.ended) live -= 1; end(); };
      live += 1;
      maxLive = Math.max(maxLive, live);
      sockets[who].push(s);
      return s;
    }, {
      backlogMaxAgeSec: 600, minGapMs: 0, maxPerMinute: 1000, maxBackoffMs: 30_000, showQr: () => undefined, showPairingCode: () => undefined,
      lock: { ttlMs: 3000, acquire: async () => { if (who === 'a' && unreachable.a) throw new Error('Redis unreachable'); return store.acquireLock('wa', who, 3000); },
        release: () => store.releaseLock('wa', who) },
    }, silentLogger);
    return { store, sockets, unreachable, make, maxLive: () => maxLive };
  }

  it('stops the socket for good when the lock cannot be renewed, stands by, and connects again only once it holds the lock', async () => {
    vi.useFakeTimers();
    const p = await pair();
    const a = await p.make('a');
    const b = await p.make('b');
    await a.start();
    await b.start();
    p.sockets.a[0]?.emit('connection.update', { connection: 'open' });
    p.unreachable.a = true; // a cannot reach the store; its lock runs out and b takes the number
    await vi.advanceTimersByTimeAsync(60_000);
    expect(a.state).toBe('standby');
    expect(p.sockets.a).toHaveLength(1);
    expect(p.sockets.a[0]?.ended).toBe(true);
    expect(p.sockets.b).toHaveLength(1);
    expect(p.maxLive()).toBe(1); // never two sockets on one number
    p.unreachable.a = false;
    await b.stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(p.sockets.a).toHaveLength(2);
    expect(a.state).toBe('connecting');
    expect(p.maxLive()).toBe(1);
    await a.stop();
  });

  it('does not reconnect after the close that ending the socket causes when the lock was taken', async () => {
    vi.useFakeTimers();
    const p = await pair();
    const a = await p.make('a');
    await a.start();
    p.sockets.a[0]?.emit('connection.update', { connection: 'open' });
    await p.store.releaseLock('wa', 'a');
    await p.store.acquireLock('wa', 'b', 3000); // another gateway holds it now
    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(2000);
      await p.store.acquireLock('wa', 'b', 3000);
    }
    expect(p.sockets.a).toHaveLength(1);
    expect(p.sockets.a[0]?.ended).toBe(true);
    expect(a.state).toBe('standby');
    await a.stop();
  });
});
