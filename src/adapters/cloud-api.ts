// WhatsApp Cloud API (Meta's official platform): the webhook handshake, signature check, text messages
// in, replies out through the Graph API messages endpoint. Translation only; the bot decides the answer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { Gateway } from '../core/gateway.js';
import type { Metrics } from '../core/metrics.js';
import type { Inbound, MediaKind } from '../core/types.js';
import type { Logger } from '../log.js';

export interface CloudApiOptions {
  verifyToken: string;
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  graphBaseUrl: string;
  graphVersion: string;
  maxBodyBytes: number;
}

/** True when `signature` ("sha256=<hex>") is the HMAC-SHA256 of the raw body with the app secret. */
export function validSignature(raw: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const given = Buffer.from(signature.slice(7));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface CloudMessage { id?: string; from?: string; timestamp?: string; type?: string; text?: { body?: string };
  image?: { caption?: string }; video?: { caption?: string }; document?: { caption?: string } }

const MEDIA: Record<string, MediaKind> = { image: 'image', video: 'video', audio: 'audio', sticker: 'sticker', document: 'document', location: 'location', contacts: 'contact' };

/** Inbound messages in a webhook payload; statuses and other changes are skipped. */
export function messagesOf(payload: unknown): Inbound[] {
  const out: Inbound[] = [];
  const entries = (payload as { entry?: unknown[] } | null)?.entry;
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    for (const change of (entry as { changes?: unknown[] }).changes ?? []) {
      const value = (change as { value?: { messages?: CloudMessage[] } }).value;
      for (const m of value?.messages ?? []) {
        if (!m.from || !m.type) continue;
        const media = MEDIA[m.type];
        const text = m.type === 'text' ? m.text?.body : (m.image ?? m.video ?? m.document)?.caption;
        if (m.type !== 'text' && !media) continue;
        out.push({ id: m.id ?? '', channel: 'cloud-api', chatId: m.from, text: text ?? undefined, media,
          receivedAt: new Date(Number(m.timestamp ?? Date.now() / 1000) * 1000) });
      }
    }
  }
  return out;
}

export class CloudApiChannel {
  private pending = new Set<Promise<void>>();

  constructor(private readonly gateway: Gateway, private readonly opts: CloudApiOptions, private readonly log: Logger, private readonly metrics?: Metrics) {}

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
    res.status(200).json({ received: true });
    for (const inbound of messagesOf(payload)) {
      const task = this.deliver(inbound).catch((err: unknown) => {
        this.metrics?.sendFailures.inc({ channel: 'cloud-api' });
        this.log.error({ err }, 'Cloud API reply failed');
      });
      this.pending.add(task);
      void task.finally(() => this.pending.delete(task));
    }
  }

  /** The message counts as answered (for duplicates and retries) only once the Graph API took the reply. */
  private async deliver(inbound: Inbound): Promise<void> {
    const send = (texts: string[]) => this.send(inbound.chatId, texts);
    const result = await this.gateway.process(inbound, (response, notice) => send([...(notice ? [notice] : []), ...response.replies]));
    if (result.kind === 'limited' && result.notice) await send([result.notice]);
  }

  private async send(to: string, texts: string[]): Promise<void> {
    const url = `${this.opts.graphBaseUrl.replace(/\/$/, '')}/${this.opts.graphVersion}/${this.opts.phoneNumberId}/messages`;
    for (const body of texts) {
      const r = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.opts.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { preview_url: false, body } }),
      });
      if (!r.ok) throw new Error(`Graph API answered ${r.status}`);
    }
  }
}
