// WhatsApp channel (Baileys 7). Translates socket events into Inbound messages for the bot and delivers
// the replies; no answer logic here. The socket comes from a factory, so tests drive it with a fake.
import { DisconnectReason, generateMessageIDV2, isLidUser, isPnUser, jidNormalizedUser, type WAMessage, type WAMessageKey, type proto } from '@whiskeysockets/baileys';
import type { Gateway } from '../../core/gateway.js';
import type { Inbound } from '../../core/types.js';
import type { Metrics } from '../../core/metrics.js';
import type { Logger } from '../../log.js';
import { extract, ignoredChat, conversationKey, timestampOf, lidPnPair } from './message.js';
import { Pacer } from './pacer.js';

/** The part of a Baileys socket this channel uses. */
export interface WASocketLike {
  ev: { on(event: string, listener: (arg: any) => void): void };
  sendMessage(jid: string, content: { text: string }, options?: { messageId?: string }): Promise<WAMessage | undefined>;
  sendPresenceUpdate(type: 'composing' | 'paused' | 'available' | 'unavailable', jid?: string): Promise<void>;
  requestPairingCode?(phoneNumber: string): Promise<string>;
  authState?: { creds: { registered?: boolean } };
  /** Baileys' LID <-> phone-number store (kept with the auth state, so it survives a restart). */
  signalRepository?: { lidMapping?: { getPNForLID(lid: string): Promise<string | null> } };
  end(error: Error | undefined): void;
}

export interface SocketHooks { getMessage: (key: WAMessageKey) => Promise<proto.IMessage | undefined> }
export type SocketFactory = (hooks: SocketHooks) => Promise<WASocketLike>;

/** `logged_out`, `banned` and `replaced` are terminal: the channel stops and the operator has to act (README). */
export type ConnectionState = 'idle' | 'standby' | 'connecting' | 'open' | 'reconnecting' | 'logged_out' | 'banned' | 'replaced' | 'stopped';

/** Only one gateway per linked number: a lock with expiry (Redis when several instances run). */
export interface GatewayLock { acquire(): Promise<boolean>; release(): Promise<void>; ttlMs: number }

export interface WhatsAppOptions {
  /** Digits with country code; when set and the session is not linked, a pairing code is requested instead of a QR. */
  pairingNumber?: string;
  /** Messages that arrived while the bot was off (type "append") are answered if younger than this; an unsent reply is kept as long. */
  backlogMaxAgeSec: number;
  minGapMs: number;
  maxPerMinute: number;
  maxBackoffMs: number;
  showQr: (qr: string) => void;
  showPairingCode: (code: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  lock?: GatewayLock;
  /** Tries to send one reply on an open connection before giving up on it (default 4). */
  sendAttempts?: number;
}

const SENT_CACHE = 2000;
const LID_CACHE = 20_000;

/** Close codes after which reconnecting cannot help: what the channel becomes, and what the operator reads. */
const TERMINAL: Record<number, { state: ConnectionState; reason: string; say: string }> = {
  [DisconnectReason.loggedOut]: { state: 'logged_out', reason: 'logged_out',
    say: 'WhatsApp logged this device out (401). Delete the auth folder (WHATSAPP_AUTH_DIR) and restart to link again.' },
  [DisconnectReason.multideviceMismatch]: { state: 'logged_out', reason: 'multidevice_mismatch',
    say: 'WhatsApp refused this linked device (411, multi-device mismatch). Delete the auth folder (WHATSAPP_AUTH_DIR) and restart to link again.' },
  [DisconnectReason.forbidden]: { state: 'banned', reason: 'forbidden',
    say: 'WhatsApp refused this number (403, forbidden: banned or restricted). Not reconnecting; check the number in the WhatsApp app, then restart.' },
  [DisconnectReason.connectionReplaced]: { state: 'replaced', reason: 'replaced',
    say: 'Another instance took over this WhatsApp session (440). Not reconnecting; run one gateway per number, then restart this one.' },
};

/** A reply that could not be sent; the gateway then frees the message id, so a re-delivery is answered. */
class NotSent extends Error {}

export class WhatsAppChannel {
  state: ConnectionState = 'idle';
  private sock?: WASocketLike;
  private attempts = 0;
  private sent = new Map<string, proto.IMessage>();
  private queues = new Map<string, Promise<void>>();
  /** Message ids taken on this instance and not finished: a re-delivery meanwhile is the same message. */
  private taken = new Set<string>();
  /** Messages taken, in arrival order, on their way to their person's line. */
  private intake: Promise<void> = Promise.resolve();
  private lidToPn = new Map<string, string>();
  private pacer: Pacer;
  private pairingRequested = false;
  /** Set by stop(): no new messages, no reconnect; replies in progress still go out on the open socket. */
  private closing = false;
  private reconnectTimer?: NodeJS.Timeout;
  private lockTimer?: NodeJS.Timeout;
  private listeners: Array<(s: ConnectionState) => void> = [];
  /** Replies waiting for the connection: woken at each change of state, and by stop(). */
  private waiters: Array<() => void> = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly gateway: Gateway, private readonly factory: SocketFactory, private readonly opts: WhatsAppOptions,
    private readonly log: Logger, private readonly metrics?: Metrics) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.pacer = new Pacer({ minGapMs: opts.minGapMs, maxPerMinute: opts.maxPerMinute }, this.now, opts.sleep);
  }

  onState(listener: (s: ConnectionState) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    const lock = this.opts.lock;
    if (!lock) return this.connect();
    if (await lock.acquire().catch(() => false)) return this.runLocked(lock);
    this.standBy(lock);
  }

  /** Waits for the lock, trying it again every half expiry; connects only once it is held. */
  private standBy(lock: GatewayLock) {
    this.setState('standby');
    this.log.warn('another gateway holds this WhatsApp number; standing by until it lets go');
    clearInterval(this.lockTimer);
    this.lockTimer = setInterval(() => {
      void lock.acquire().catch(() => false).then((got) => {
        if (!got || this.state !== 'standby' || this.closing) return;
        clearInterval(this.lockTimer);
        void this.runLocked(lock);
      });
    }, Math.max(500, lock.ttlMs / 2));
  }

  /**
   * Connects while holding the lock, renewing it. Losing it (taken by another gateway, or not renewed for half its
   * expiry because the store was unreachable) ends the socket for good and returns to standby.
   */
  private async runLocked(lock: GatewayLock): Promise<void> {
    if (this.closing) return;
    let renewedAt = this.now();
    clearInterval(this.lockTimer);
    this.lockTimer = setInterval(() => {
      lock.acquire().then((still) => {
        if (still) { renewedAt = this.now(); return; }
        this.loseLock(lock, 'WhatsApp lock taken by another gateway; disconnecting this one and standing by');
      }, () => {
        // Give up before the lock can expire, so another gateway never connects while this socket is still up.
        if (this.now() - renewedAt > lock.ttlMs / 2) this.loseLock(lock, 'WhatsApp lock could not be renewed for half its expiry; disconnecting and standing by');
      });
    }, Math.max(250, lock.ttlMs / 3));
    this.attempts = 0;
    this.setState('connecting');
    await this.connect();
  }

  private loseLock(lock: GatewayLock, why: string) {
    if (!this.connecting()) return;
    this.log.error(why);
    clearTimeout(this.reconnectTimer);
    const sock = this.sock;
    this.sock = undefined; // its close event is then ignored: no reconnect from this instance
    sock?.end(undefined);
    this.standBy(lock);
  }

  /** Stops taking messages, lets chats in progress finish, closes the socket. */
  async stop(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.lockTimer);
    this.wake();
    await this.idle();
    this.setState('stopped');
    this.sock?.end(undefined);
    await this.opts.lock?.release().catch(() => undefined);
  }

  /** Resolves when every queued message has been answered. */
  async idle(): Promise<void> {
    for (;;) {
      const intake = this.intake;
      await intake;
      if (!this.queues.size && intake === this.intake) return;
      await Promise.allSettled([...this.queues.values()]);
    }
  }

  /** True while this instance may hold a socket (connecting, open or reconnecting). */
  private connecting(): boolean {
    return this.state === 'connecting' || this.state === 'open' || this.state === 'reconnecting';
  }

  private setState(s: ConnectionState) {
    if (this.state === s) return;
    this.state = s;
    this.metrics?.whatsappConnected.set(s === 'open' ? 1 : 0);
    this.log.info({ whatsapp: s }, `WhatsApp connection: ${s}`);
    for (const l of this.listeners) l(s);
    this.wake();
  }

  /** Resolves at the next change of state. */
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  private nextState(): Promise<void> {
    return new Promise((resolve) => { this.waiters.push(resolve); });
  }

  private async connect(): Promise<void> {
    if (this.closing || !(this.state === 'idle' || this.connecting())) return;
    this.setState(this.attempts ? 'reconnecting' : 'connecting');
    let sock: WASocketLike;
    try {
      sock = await this.factory({ getMessage: async (key) => (key.id ? this.sent.get(key.id) : undefined) });
    } catch (err) {
      this.log.error({ err }, 'WhatsApp socket could not be created');
      if (this.connecting() && !this.closing) this.retryLater(undefined);
      return;
    }
    if (!this.connecting() || this.closing) { sock.end(undefined); return; } // stopped or lost the lock meanwhile
    this.sock = sock;
    this.pairingRequested = false; // each socket shows its own code: the last one expired with its socket
    sock.ev.on('connection.update', (u) => { void this.onConnection(sock, u); });
    sock.ev.on('messages.upsert', (u) => { if (sock === this.sock) this.onUpsert(sock, u); });
    sock.ev.on('lid-mapping.update', (u: { lid?: string; pn?: string }) => { if (u?.lid && u.pn) this.learn(u.lid, u.pn); });
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
    if (!this.connecting() || this.closing) return;
    const code = (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    const terminal = code === undefined ? undefined : TERMINAL[code];
    if (terminal) {
      this.sock = undefined;
      clearInterval(this.lockTimer);
      void this.opts.lock?.release().catch(() => undefined);
      this.metrics?.whatsappTerminal.inc({ reason: terminal.reason });
      this.setState(terminal.state);
      this.log.error({ code, reason: terminal.reason }, terminal.say);
      return;
    }
    this.metrics?.reconnects.inc();
    if (code === DisconnectReason.restartRequired) {
      this.log.info({ code }, 'WhatsApp asked for a restart (515); reconnecting now');
      this.attempts += 1;
      void this.connect();
      return;
    }
    this.retryLater(code);
  }

  private retryLater(code: number | undefined) {
    const delay = Math.min(1000 * 2 ** this.attempts, this.opts.maxBackoffMs);
    this.attempts += 1;
    this.setState('reconnecting');
    this.log.warn({ code, attempt: this.attempts, delayMs: delay }, 'WhatsApp connection closed; reconnecting');
    this.reconnectTimer = setTimeout(() => { void this.connect(); }, delay);
  }

  private learn(lid: string, pn: string) {
    this.lidToPn.delete(lid);
    this.lidToPn.set(lid, pn);
    if (this.lidToPn.size > LID_CACHE) this.lidToPn.delete(this.lidToPn.keys().next().value as string);
  }

  private onUpsert(sock: WASocketLike, u: { messages?: WAMessage[]; type?: string }) {
    if (!Array.isArray(u.messages) || (u.type !== 'notify' && u.type !== 'append')) return;
    if (!this.connecting() || this.closing) {
      this.log.warn({ count: u.messages.length }, 'WhatsApp messages arrived while stopping; not answered');
      return;
    }
    for (const m of u.messages) {
      const jid = m.key?.remoteJid;
      if (!m.key || m.key.fromMe || ignoredChat(jid) || !jid) continue;
      const id = m.key.id ?? '';
      const pair = lidPnPair(m);
      if (pair) this.learn(pair.lid, pair.pn);
      if (u.type === 'append') {
        const ts = timestampOf(m);
        const ageSec = ts === undefined ? undefined : Math.round(this.now() / 1000 - ts);
        if (ageSec === undefined || ageSec > this.opts.backlogMaxAgeSec) {
          this.metrics?.whatsappBacklogDropped.inc();
          this.log.info({ messageId: id, ageSec: ageSec ?? null, maxAgeSec: this.opts.backlogMaxAgeSec },
            'WhatsApp message from the backlog not answered: older than WHATSAPP_BACKLOG_MAX_AGE_SECONDS');
          continue;
        }
      }
      const content = extract(m);
      if (!content) continue;
      if (id && this.taken.has(id)) continue; // being answered here already (re-delivered while its reply waits)
      if (id) this.taken.add(id);
      const receivedAt = new Date((timestampOf(m) ?? this.now() / 1000) * 1000);
      // Keys are found in arrival order (one may need a look-up in Baileys' LID store); then each person's line takes over.
      this.intake = this.intake.then(async () => {
        const chatId = await this.personOf(m, sock);
        const inbound: Inbound = { id, channel: 'whatsapp', chatId, text: content.text, media: content.media, receivedAt };
        this.enqueue(chatId, async () => {
          try {
            await this.reply(jid, inbound);
          } finally {
            if (id) this.taken.delete(id);
          }
        });
      });
    }
  }

  /** The person's key: the phone-number JID when the message, an earlier one or Baileys' LID store knows it. */
  private async personOf(m: WAMessage, sock: WASocketLike): Promise<string> {
    const key = conversationKey(m, this.lidToPn);
    if (!isLidUser(key) || !sock.signalRepository?.lidMapping) return key;
    const found = await sock.signalRepository.lidMapping.getPNForLID(key).catch(() => null);
    const pn = found ? jidNormalizedUser(found) : undefined;
    if (!pn || !isPnUser(pn)) return key;
    this.learn(key, pn);
    return pn;
  }

  /**
   * Duplicates are dropped by the gateway (shared across instances). Messages of one person are answered one at a
   * time, in order, whichever form (LID or phone number) they came under; other people do not wait.
   */
  private enqueue(key: string, task: () => Promise<void>) {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.then(task).catch((err: unknown) => {
      this.log.error({ err: err instanceof NotSent ? err.message : err }, 'WhatsApp reply failed; the message can be answered when WhatsApp delivers it again');
    });
    this.queues.set(key, next);
    void next.then(() => { if (this.queues.get(key) === next) this.queues.delete(key); });
  }

  /** The message counts as answered (for duplicates and retries) only once its reply was sent. */
  private async reply(jid: string, inbound: Inbound): Promise<void> {
    const result = await this.gateway.process(inbound, (response, notice) => this.send(jid, [...(notice ? [notice] : []), ...response.replies], inbound));
    if (result.kind === 'limited' && result.notice) await this.send(jid, [result.notice], inbound);
    if (result.kind === 'unavailable') this.log.info('WhatsApp message not answered: stopping (it can be answered after the restart)');
  }

  /** Sends the texts in order, each once: a text already sent is not sent again when a later one needs retrying. */
  private async send(jid: string, texts: string[], inbound: Inbound): Promise<void> {
    if (!texts.length) return;
    const keepUntil = inbound.receivedAt.getTime() + this.opts.backlogMaxAgeSec * 1000;
    let typing: WASocketLike | undefined;
    try {
      for (const text of texts) {
        // One id per text for all its attempts: should an attempt that "failed" have gone out, WhatsApp shows it once.
        const messageId = generateMessageIDV2();
        for (let attempt = 0; ; ) {
          const sock = await this.openSocket(keepUntil);
          if (typing !== sock) {
            typing = sock;
            await sock.sendPresenceUpdate('composing', jid).catch(() => undefined);
          }
          await this.pacer.wait(jid);
          try {
            const sent = await sock.sendMessage(jid, { text }, { messageId });
            if (sent?.key.id && sent.message) this.remember(sent.key.id, sent.message);
            break;
          } catch (err) {
            this.metrics?.sendFailures.inc({ channel: 'whatsapp' });
            attempt = sock === this.sock ? attempt + 1 : 0; // a new connection starts a new count
            if (attempt >= (this.opts.sendAttempts ?? 4)) throw new NotSent(`WhatsApp send failed ${attempt} times: ${(err as Error)?.message ?? err}`);
            const delayMs = Math.min(1000 * 2 ** (attempt - 1), this.opts.maxBackoffMs);
            this.log.warn({ err, attempt, delayMs }, 'WhatsApp send failed; trying again');
            await this.sleep(delayMs);
          }
        }
      }
    } finally {
      // "typing" off on the socket it was shown on, whether or not the reply went out.
      await typing?.sendPresenceUpdate('paused', jid).catch(() => undefined);
    }
  }

  /** The open socket; while reconnecting, waits for it. Gives up once the message is too old, or the channel no longer connects. */
  private async openSocket(keepUntil: number): Promise<WASocketLike> {
    for (;;) {
      if (this.state === 'open' && this.sock) {
        if (this.now() > keepUntil) throw new NotSent('reply not sent: the connection came back after WHATSAPP_BACKLOG_MAX_AGE_SECONDS');
        return this.sock;
      }
      if (!this.connecting() || this.closing) throw new NotSent(`reply not sent: WhatsApp is ${this.closing ? 'stopping' : this.state}`);
      await this.nextState();
    }
  }

  private remember(id: string, message: proto.IMessage) {
    this.sent.set(id, message);
    if (this.sent.size > SENT_CACHE) this.sent.delete(this.sent.keys().next().value as string);
  }
}

