// WhatsApp channel (Baileys 7). Translates socket events into Inbound messages for the bot and delivers
// the replies; no answer logic here. The socket comes from a factory, so tests drive it with a fake.
import { DisconnectReason, type WAMessage, type WAMessageKey, type proto } from '@whiskeysockets/baileys';
import type { Gateway } from '../../core/gateway.js';
import type { Inbound } from '../../core/types.js';
import type { Metrics } from '../../core/metrics.js';
import type { Logger } from '../../log.js';
import { extract, ignoredChat, conversationKey, timestampOf } from './message.js';
import { Pacer } from './pacer.js';

/** The part of a Baileys socket this channel uses. */
export interface WASocketLike {
  ev: { on(event: string, listener: (arg: any) => void): void };
  sendMessage(jid: string, content: { text: string }): Promise<WAMessage | undefined>;
  sendPresenceUpdate(type: 'composing' | 'paused' | 'available' | 'unavailable', jid?: string): Promise<void>;
  requestPairingCode?(phoneNumber: string): Promise<string>;
  authState?: { creds: { registered?: boolean } };
  end(error: Error | undefined): void;
}

export interface SocketHooks { getMessage: (key: WAMessageKey) => Promise<proto.IMessage | undefined> }
export type SocketFactory = (hooks: SocketHooks) => Promise<WASocketLike>;

export type ConnectionState = 'idle' | 'standby' | 'connecting' | 'open' | 'reconnecting' | 'logged_out' | 'replaced' | 'stopped';

/** Only one gateway per linked number: a lock with expiry (Redis when several instances run). */
export interface GatewayLock { acquire(): Promise<boolean>; release(): Promise<void>; ttlMs: number }

export interface WhatsAppOptions {
  /** Digits with country code; when set and the session is not linked, a pairing code is requested instead of a QR. */
  pairingNumber?: string;
  /** Messages that arrived while the bot was off (type "append") are answered if younger than this. */
  backlogMaxAgeSec: number;
  minGapMs: number;
  maxPerMinute: number;
  maxBackoffMs: number;
  showQr: (qr: string) => void;
  showPairingCode: (code: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  lock?: GatewayLock;
}

const SENT_CACHE = 2000;

export class WhatsAppChannel {
  state: ConnectionState = 'idle';
  private sock?: WASocketLike;
  private attempts = 0;
  private sent = new Map<string, proto.IMessage>();
  private queues = new Map<string, Promise<void>>();
  private pacer: Pacer;
  private pairingRequested = false;
  private reconnectTimer?: NodeJS.Timeout;
  private lockTimer?: NodeJS.Timeout;
  private listeners: Array<(s: ConnectionState) => void> = [];
  private readonly now: () => number;

  constructor(private readonly gateway: Gateway, private readonly factory: SocketFactory, private readonly opts: WhatsAppOptions,
    private readonly log: Logger, private readonly metrics?: Metrics) {
    this.now = opts.now ?? Date.now;
    this.pacer = new Pacer({ minGapMs: opts.minGapMs, maxPerMinute: opts.maxPerMinute }, this.now, opts.sleep);
  }

  onState(listener: (s: ConnectionState) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    const lock = this.opts.lock;
    if (!lock) return this.connect();
    if (await lock.acquire().catch(() => false)) return this.runLocked(lock);
    this.setState('standby');
    this.log.warn('another gateway holds this WhatsApp number; standing by until it lets go');
    this.lockTimer = setInterval(() => {
      void lock.acquire().catch(() => false).then((got) => {
        if (!got || this.state !== 'standby') return;
        clearInterval(this.lockTimer);
        void this.runLocked(lock);
      });
    }, Math.max(500, lock.ttlMs / 2));
  }

  /** Connects while holding the lock, renewing it; losing it to another instance disconnects this one. */
  private async runLocked(lock: GatewayLock): Promise<void> {
    this.lockTimer = setInterval(() => {
      lock.acquire().then((still) => {
        if (still || this.state === 'stopped') return;
        this.log.error('WhatsApp lock taken by another gateway; disconnecting this one');
        clearInterval(this.lockTimer);
        this.setState('replaced');
        this.sock?.end(undefined);
      }, () => { /* store unreachable: keep the connection, try again next round */ });
    }, Math.max(250, lock.ttlMs / 3));
    await this.connect();
  }

  /** Stops taking messages, lets chats in progress finish, closes the socket. */
  async stop(): Promise<void> {
    this.setState('stopped');
    clearTimeout(this.reconnectTimer);
    clearInterval(this.lockTimer);
    await this.idle();
    this.sock?.end(undefined);
    await this.opts.lock?.release().catch(() => undefined);
  }

  /** Resolves when every queued message has been answered. */
  async idle(): Promise<void> {
    while (this.queues.size) await Promise.allSettled([...this.queues.values()]);
  }

  private setState(s: ConnectionState) {
    if (this.state === s) return;
    this.state = s;
    this.metrics?.whatsappConnected.set(s === 'open' ? 1 : 0);
    this.log.info({ whatsapp: s }, `WhatsApp connection: ${s}`);
    for (const l of this.listeners) l(s);
  }

  private async connect(): Promise<void> {
    if (this.state === 'stopped') return;
    this.setState(this.attempts ? 'reconnecting' : 'connecting');
    const sock = await this.factory({ getMessage: async (key) => (key.id ? this.sent.get(key.id) : undefined) });
    this.sock = sock;
    sock.ev.on('connection.update', (u) => { void this.onConnection(sock, u); });
    sock.ev.on('messages.upsert', (u) => this.onUpsert(u));
  }

  private async onConnection(sock: WASocketLike, u: { connection?: string; qr?: string; lastDisconnect?: { error?: unknown } }) {
    if (sock !== this.sock) return;
    if (u.qr) {
      if (this.opts.pairingNumber && !sock.authState?.creds.registered && sock.requestPairingCode) {
        if (!this.pairingRequested) {
          this.pairingRequested = true;
          try {
            this.opts.showPairingCode(await sock.requestPairingCode(this.opts.pairingNumber));
          } catch (err) {
            this.log.error({ err }, 'pairing code request failed; showing the QR code instead');
            this.opts.showQr(u.qr);
          }
        }
      } else {
        this.opts.showQr(u.qr);
      }
    }
    if (u.connection === 'open') {
      this.attempts = 0;
      this.setState('open');
    }
    if (u.connection === 'close') this.onClose(u.lastDisconnect?.error);
  }

  private onClose(error: unknown) {
    if (this.state === 'stopped') return;
    const code = (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    if (code === DisconnectReason.loggedOut) {
      this.setState('logged_out');
      this.log.error({ code }, 'WhatsApp logged this device out (401). Delete the auth folder and restart to link again.');
      return;
    }
    if (code === DisconnectReason.connectionReplaced) {
      this.setState('replaced');
      this.log.error({ code }, 'Another instance took over this WhatsApp session (440). Not reconnecting; run one gateway per number.');
      return;
    }
    this.metrics?.reconnects.inc();
    if (code === DisconnectReason.restartRequired) {
      this.log.info({ code }, 'WhatsApp asked for a restart (515); reconnecting now');
      this.attempts += 1;
      void this.connect();
      return;
    }
    const delay = Math.min(1000 * 2 ** this.attempts, this.opts.maxBackoffMs);
    this.attempts += 1;
    this.setState('reconnecting');
    this.log.warn({ code, attempt: this.attempts, delayMs: delay }, 'WhatsApp connection closed; reconnecting');
    this.reconnectTimer = setTimeout(() => { void this.connect(); }, delay);
  }

  private onUpsert(u: { messages?: WAMessage[]; type?: string }) {
    if (this.state === 'stopped' || !Array.isArray(u.messages)) return;
    if (u.type !== 'notify' && u.type !== 'append') return;
    for (const m of u.messages) {
      const jid = m.key?.remoteJid;
      if (!m.key || m.key.fromMe || ignoredChat(jid) || !jid) continue;
      const id = m.key.id ?? '';
      if (u.type === 'append') {
        const ts = timestampOf(m);
        if (ts === undefined || this.now() / 1000 - ts > this.opts.backlogMaxAgeSec) continue;
      }
      const content = extract(m);
      if (!content) continue;
      const inbound: Inbound = {
        id, channel: 'whatsapp', chatId: conversationKey(m), text: content.text, media: content.media,
        receivedAt: new Date((timestampOf(m) ?? this.now() / 1000) * 1000),
      };
      this.enqueue(jid, () => this.reply(jid, inbound));
    }
  }

  /** Duplicates are dropped by the gateway (shared across instances). Messages of one chat are answered one at a time, in order; chats do not wait for each other. */
  private enqueue(jid: string, task: () => Promise<void>) {
    const prev = this.queues.get(jid) ?? Promise.resolve();
    const next = prev.then(task).catch((err: unknown) => { this.log.error({ err }, 'WhatsApp reply failed'); });
    this.queues.set(jid, next);
    void next.then(() => { if (this.queues.get(jid) === next) this.queues.delete(jid); });
  }

  /** The message counts as answered (for duplicates and retries) only once its reply was sent. */
  private async reply(jid: string, inbound: Inbound): Promise<void> {
    const result = await this.gateway.process(inbound, (response, notice) => this.send(jid, [...(notice ? [notice] : []), ...response.replies]));
    if (result.kind === 'limited' && result.notice) await this.send(jid, [result.notice]);
    if (result.kind === 'unavailable') this.log.info('WhatsApp message not answered: stopping (it can be answered after the restart)');
  }

  private async send(jid: string, texts: string[]): Promise<void> {
    const sock = this.sock;
    if (!texts.length) return;
    if (!sock) throw new Error('WhatsApp is not connected');
    await sock.sendPresenceUpdate('composing', jid).catch(() => undefined);
    for (const text of texts) {
      await this.pacer.wait(jid);
      try {
        const sent = await sock.sendMessage(jid, { text });
        if (sent?.key.id && sent.message) {
          this.sent.set(sent.key.id, sent.message);
          if (this.sent.size > SENT_CACHE) this.sent.delete(this.sent.keys().next().value as string);
        }
      } catch (err) {
        this.metrics?.sendFailures.inc({ channel: 'whatsapp' });
        throw err;
      }
    }
    await sock.sendPresenceUpdate('paused', jid).catch(() => undefined);
  }
}
