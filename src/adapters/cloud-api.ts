// WhatsApp Cloud API (Meta's official platform): the webhook handshake, signature check, messages in (text,
// captions, button and list replies), replies out through the Graph API messages endpoint of the number the
// message came to. Translation only; the bot decides the answer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { Gateway } from '../core/gateway.js';
import type { Metrics } from '../core/metrics.js';
import type { BotResponse, Inbound, MediaKind } from '../core/types.js';
import type { Logger } from '../log.js';
import { graphError, menuAsList, metaError, retryable, retryAfterMs, textMessage, MENU_ROW, type GraphMessage, type MetaError } from './cloud-api-graph.js';

export interface CloudApiOptions {
  verifyToken: string;
  appSecret: string;
  accessToken: string;
  /** The business numbers answered; a webhook for any other number is ignored (and logged). */
  phoneNumberIds: readonly string[];
  graphBaseUrl: string;
  graphVersion: string;
  maxBodyBytes: number;
  /** Intents whose numbered reply is sent as an interactive list to tap (e.g. the menu); none by default. */
  interactiveListIntents?: readonly string[];
  /**
   * Tries per Graph API call on 429/5xx/throttling/network errors (default 4), and the most time spent waiting
   * between them (default 20 s, well within the message's claim, so a re-delivery meanwhile is not answered twice).
   */
  sendAttempts?: number;
  maxRetryWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** True when `signature` ("sha256=<hex>") is the HMAC-SHA256 of the raw body with the app secret. */
export function validSignature(raw: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const given = Buffer.from(signature.slice(7));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface CloudMessage { id?: string; from?: string; timestamp?: string; type?: string; text?: { body?: string };
  image?: { caption?: string }; video?: { caption?: string }; document?: { caption?: string };
  interactive?: { type?: string; button_reply?: { id?: string; title?: string }; list_reply?: { id?: string; title?: string } };
  button?: { text?: string; payload?: string }; errors?: unknown[] }

interface CloudValue { metadata?: { phone_number_id?: string }; messages?: CloudMessage[]; errors?: unknown[];
  statuses?: Array<{ id?: string; status?: string; errors?: unknown[] }> }

const MEDIA: Record<string, MediaKind> = { image: 'image', video: 'video', audio: 'audio', sticker: 'sticker', document: 'document', location: 'location',
  contacts: 'contact', unsupported: 'other' };

/** An inbound message and the business number it was sent to (the one that answers). */
export interface CloudInbound { inbound: Inbound; phoneNumberId: string }
/** An error Meta reports in a webhook: on the change (`value.errors`), on a sent message's status, or on a received message. */
export interface WebhookError extends MetaError { source: 'webhook' | 'status' | 'message'; phoneNumberId: string }

/** The text of a tapped button or list row: our own menu rows give their number; other replies their title. */
function replyText(m: CloudMessage): string | undefined {
  const r = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (r) return r.id?.startsWith(MENU_ROW) ? r.id.slice(MENU_ROW.length) : r.title ?? r.id;
  return m.button?.text ?? m.button?.payload;
}

function textOf(m: CloudMessage): { text?: string; media?: MediaKind } | undefined {
  if (m.type === 'text') return { text: m.text?.body };
  if (m.type === 'interactive' || m.type === 'button') {
    const text = replyText(m);
    return text ? { text } : undefined;
  }
  const media = m.type ? MEDIA[m.type] : undefined;
  return media ? { text: (m.image ?? m.video ?? m.document)?.caption ?? undefined, media } : undefined;
}

/** Inbound messages and reported errors in a webhook payload; status updates without errors are skipped. */
export function readWebhook(payload: unknown): { messages: CloudInbound[]; errors: WebhookError[] } {
  const messages: CloudInbound[] = [];
  const errors: WebhookError[] = [];
  const entries = (payload as { entry?: unknown[] } | null)?.entry;
  if (!Array.isArray(entries)) return { messages, errors };
  for (const entry of entries) {
    for (const change of (entry as { changes?: unknown[] }).changes ?? []) {
      const value = (change as { value?: CloudValue }).value;
      const phoneNumberId = String(value?.metadata?.phone_number_id ?? '');
      const add = (list: unknown[] | undefined, source: WebhookError['source']) => {
        for (const e of Array.isArray(list) ? list : []) errors.push({ ...metaError(e), source, phoneNumberId });
      };
      add(value?.errors, 'webhook');
      for (const s of value?.statuses ?? []) add(s.errors, 'status');
      for (const m of value?.messages ?? []) {
        add(m.errors, 'message');
        const content = m.from && m.type ? textOf(m) : undefined;
        if (!content || !m.from) continue;
        messages.push({ phoneNumberId, inbound: { id: m.id ?? '', channel: 'cloud-api', chatId: m.from, text: content.text ?? undefined, media: content.media,
          receivedAt: new Date(Number(m.timestamp ?? Date.now() / 1000) * 1000) } });
      }
    }
  }
  return { messages, errors };
}

/** A Graph API call that failed for good (after retries, or at once for a request error). */
class GraphSendError extends Error {
  constructor(readonly status: number, readonly error: MetaError) {
    super(`Graph API answered ${status}: code ${error.code}${error.title ? ` (${error.title})` : ''}`);
  }
}

export class CloudApiChannel {
  private pending = new Set<Promise<void>>();
  /** Each sender's messages run one after another, in the order they came, across webhooks. */
  private lines = new Map<string, Promise<void>>();
  private readonly numbers: ReadonlySet<string>;
  private readonly listIntents: ReadonlySet<string>;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly gateway: Gateway, private readonly opts: CloudApiOptions, private readonly log: Logger, private readonly metrics?: Metrics) {
    this.numbers = new Set(opts.phoneNumberIds);
    this.listIntents = new Set(opts.interactiveListIntents ?? []);
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  router(): Router {
    const r = express.Router();
    r.get('/', (req, res) => this.verify(req, res));
    r.post('/', express.raw({ type: '*/*', limit: this.opts.maxBodyBytes }), (req, res) => this.receive(req, res));
    return r;
  }

  /** Resolves when every reply started so far has been sent (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private verify(req: Request, res: Response) {
    const q = req.query as Record<string, string | undefined>;
    if (q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === this.opts.verifyToken && q['hub.challenge']) {
      res.status(200).type('text/plain').send(q['hub.challenge']);
      return;
    }
    res.status(403).json({ error: 'verification failed: wrong hub.verify_token or hub.mode' });
  }

  private receive(req: Request, res: Response) {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!validSignature(raw, req.get('x-hub-signature-256'), this.opts.appSecret)) {
      res.status(401).json({ error: 'invalid X-Hub-Signature-256' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'body is not valid JSON' });
      return;
    }
    // Stopping: refuse before acknowledging, so Meta delivers the webhook again (to another instance, or after the restart).
    if (this.gateway.stopping) {
      res.status(503).set('Retry-After', '1').json({ error: 'this instance is stopping; deliver the webhook again' });
      return;
    }
    res.status(200).json({ received: true });
    const { messages, errors } = readWebhook(payload);
    for (const e of errors) this.reportError(e.source, e, { phoneNumberId: e.phoneNumberId });
    const ignored = new Map<string, number>();
    for (const m of messages) {
      if (!this.numbers.has(m.phoneNumberId)) {
        ignored.set(m.phoneNumberId, (ignored.get(m.phoneNumberId) ?? 0) + 1);
        continue;
      }
      this.inLine(`${m.phoneNumberId}:${m.inbound.chatId}`, () => this.deliver(m));
    }
    for (const [phoneNumberId, count] of ignored) {
      this.metrics?.cloudApiIgnored.inc(count);
      this.log.warn({ phoneNumberId, count }, 'Cloud API webhook for a phone_number_id that is not configured (CLOUD_API_PHONE_NUMBER_ID); not answered');
    }
  }

  /** Runs `task` after the sender's earlier messages, so each is answered with the context the one before left. */
  private inLine(key: string, task: () => Promise<void>) {
    const prev = this.lines.get(key) ?? Promise.resolve();
    const next = prev.then(task).catch((err: unknown) => {
      this.metrics?.sendFailures.inc({ channel: 'cloud-api' });
      this.log.error({ err: err instanceof GraphSendError ? err.message : err }, 'Cloud API reply failed; the message is answered if Meta delivers it again');
    });
    this.lines.set(key, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.lines.get(key) === next) this.lines.delete(key);
    });
  }

  private reportError(source: string, e: MetaError, extra: Record<string, unknown> = {}) {
    this.metrics?.cloudApiErrors.inc({ source, code: e.code });
    this.log.warn({ source, code: e.code, subcode: e.subcode, title: e.title, details: e.details ?? e.message, fbtraceId: e.fbtraceId, ...extra },
      `Cloud API error ${e.code}${e.title ? ` (${e.title})` : ''} reported in ${source}`);
  }

  /** The message counts as answered (for duplicates and retries) only once the Graph API took the reply. */
  private async deliver({ inbound, phoneNumberId }: CloudInbound): Promise<void> {
    const send = (response: BotResponse | undefined, texts: string[]) => this.send(phoneNumberId, inbound.chatId, texts.map((t) => this.shape(t, response)));
    const result = await this.gateway.process(inbound, (response, notice) => send(response, [...(notice ? [notice] : []), ...response.replies]));
    if (result.kind === 'limited' && result.notice) await send(undefined, [result.notice]);
    if (result.kind === 'unavailable') this.log.warn({ messageId: inbound.id }, 'Cloud API message not answered: this instance stopped while it waited');
  }

  private shape(text: string, response: BotResponse | undefined): GraphMessage {
    if (response && this.listIntents.has(response.intent)) return menuAsList(text, response.lang) ?? textMessage(text);
    return textMessage(text);
  }

  private async send(phoneNumberId: string, to: string, messages: GraphMessage[]): Promise<void> {
    const url = `${this.opts.graphBaseUrl.replace(/\/$/, '')}/${this.opts.graphVersion}/${phoneNumberId}/messages`;
    for (const m of messages) await this.post(url, { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...m });
  }

  /** One Graph API call, retried with bounded back-off on 429, 5xx, throttling codes and network errors. */
  private async post(url: string, body: unknown): Promise<void> {
    const attempts = this.opts.sendAttempts ?? 4;
    const budget = this.opts.maxRetryWaitMs ?? 20_000;
    let waited = 0;
    for (let n = 1; ; n++) {
      const failed = await this.attempt(url, body);
      if (!failed) return;
      this.reportError('graph', failed.error, { status: failed.status || undefined, attempt: n });
      const delay = failed.waitMs ?? 1000 * 2 ** (n - 1);
      if (!failed.retry || n >= attempts || waited + delay > budget) throw new GraphSendError(failed.status, failed.error);
      waited += delay;
      await this.sleep(delay);
    }
  }

  /** One try: undefined when the Graph API took the message, else what went wrong and whether to try again. */
  private async attempt(url: string, body: unknown): Promise<{ status: number; error: MetaError; retry: boolean; waitMs?: number } | undefined> {
    let r: Awaited<ReturnType<typeof fetch>>;
    try {
      r = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.opts.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (err) {
      return { status: 0, error: { code: 'network', message: (err as Error)?.message }, retry: true };
    }
    if (r.ok) return undefined;
    const error = graphError(r.status, await r.text().catch(() => ''));
    return { status: r.status, error, retry: retryable(r.status, error), waitMs: retryAfterMs(r.headers.get('retry-after'), this.now()) };
  }
}
