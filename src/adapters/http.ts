// HTTP API (express): POST /api/messages answers like the console's --json mode; health, readiness and
// Prometheus metrics; the WhatsApp Cloud API webhook when configured. Errors are JSON with clear messages.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Gateway } from '../core/gateway.js';
import type { Metrics } from '../core/metrics.js';
import type { Logger } from '../log.js';
import type { CloudApiChannel } from './cloud-api.js';
import { groupSimilar, type UnansweredStore } from '../core/unanswered.js';
import type { ReloadStatus } from '../content/reload.js';
import { workbenchRouter, type WorkbenchOptions } from './web/workbench.js';

const CHAT_PAGE = readFileSync(new URL('./web/chat.html', import.meta.url), 'utf8');

/** The page's own inline script and style, by hash: nothing else may run or style it, nobody may frame it. */
function pagePolicy(html: string): string {
  const hashes = (tag: string) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
    .map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`).join(' ');
  return `default-src 'none'; script-src ${hashes('script')}; style-src ${hashes('style')}; connect-src 'self'; img-src 'self' data:; `
    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
const CHAT_POLICY = pagePolicy(CHAT_PAGE);
const EDITOR_PAGE = readFileSync(new URL('./web/editor.html', import.meta.url), 'utf8');
const EDITOR_POLICY = pagePolicy(EDITOR_PAGE);

/** EDITOR_TOKEN is one token, or "name:token" pairs separated by commas: token -> the name the audit log records. */
function editorTokens(spec: string | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    if (at > 0) m.set(part.slice(at + 1), part.slice(0, at));
    else m.set(part, 'editor');
  }
  return m;
}
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

export interface HttpOptions {
  gateway: Gateway;
  metrics: Metrics;
  log: Logger;
  /** When set, /api/* needs "Authorization: Bearer <token>". */
  apiToken?: string;
  maxBodyBytes: number;
  /** Extra readiness checks: name -> state and whether it counts as ready. */
  readiness: () => Record<string, { state: string; ready: boolean }>;
  cloud?: CloudApiChannel;
  /** Editors' endpoints (/api/editor/*) need "Authorization: Bearer <editorToken>"; off when unset. */
  editorToken?: string;
  /** When set, GET /metrics needs "Authorization: Bearer <metricsToken>". */
  metricsToken?: string;
  unanswered?: UnansweredStore;
  contentStatus?: () => ReloadStatus;
  /** The editors' workbench: edits saved into the content files (off when unset). */
  workbench?: WorkbenchOptions;
}

export function createHttpApp(o: HttpOptions): express.Express {
  const app = express();
  const bot = o.gateway.bot;
  const contentStatus = (): ReloadStatus => o.contentStatus?.() ?? { version: bot.snapshot.version, loadedAt: bot.snapshot.loadedAt };
  app.disable('x-powered-by');
  app.set('etag', false); // answers are never cached; hashing every body costs time

  app.use((_req, res, next) => {
    res.set({ 'content-security-policy': API_POLICY, 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    next();
  });
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', (_req, res) => {
    const s = bot.snapshot;
    const checks = o.readiness();
    const ready = Object.values(checks).every((c) => c.ready);
    const refused = o.contentStatus?.().lastRefused;
    res.status(ready ? 200 : 503).json({ ready, content: { version: s.version, loadedAt: s.loadedAt.toISOString(), intents: s.intents.length,
      ...(refused ? { lastRefusedEdit: { at: refused.at.toISOString(), problems: refused.problems.length } } : {}) },
      ...Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v.state])) });
  });
  app.get('/metrics', async (req, res) => {
    if (o.metricsToken && req.get('authorization') !== `Bearer ${o.metricsToken}`) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'missing or wrong metrics token' });
      return;
    }
    res.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });

  if (o.cloud) app.use('/webhooks/whatsapp', o.cloud.router());
  app.get(['/', '/chat'], (_req, res) => { res.set('content-security-policy', CHAT_POLICY).type('html').send(CHAT_PAGE); });
  // What the chat page opens with: the welcome answer (its numbered list left out: the page shows the menu
  // as choices to tap, each sending its number) and whether /api needs a token. Public, like the page.
  app.get('/chat/welcome', (req, res) => {
    const lang = req.query.lang === 'en' ? 'en' : 'id';
    const s = bot.snapshot;
    res.json({ text: bot.say(s.welcome, 'default', lang, { menu: '' }), choices: s.menu.map((m, i) => ({ choice: String(i + 1), label: m.label[lang] })),
      tokenRequired: !!o.apiToken });
  });

  const editors = editorTokens(o.editorToken);
  app.get('/editor', (_req, res) => { res.set('content-security-policy', EDITOR_POLICY).type('html').send(EDITOR_PAGE); });
  app.use('/api/editor', (req, res, next) => {
    if (!editors.size) { res.status(403).json({ error: 'editor endpoints are off: set EDITOR_TOKEN' }); return; }
    const name = editors.get((req.get('authorization') ?? '').replace(/^Bearer /, ''));
    if (name) { res.locals.editor = name; return next(); }
    res.status(401).set('www-authenticate', 'Bearer').json({ error: 'missing or wrong editor token' });
  });
  if (o.workbench) app.use('/api/editor', workbenchRouter(bot, o.workbench, o.log));
  app.get('/api/editor/unanswered', async (_req, res, next) => {
    try {
      const all = (await o.unanswered?.all()) ?? [];
      res.json({ groups: groupSimilar(all), total: all.length });
    } catch (err) {
      next(err);
    }
  });

  app.use('/api', (req, res, next) => {
    if (!o.apiToken) return next();
    const auth = req.get('authorization') ?? '';
    if (auth === `Bearer ${o.apiToken}`) return next();
    res.status(401).set('www-authenticate', 'Bearer').json({ error: 'missing or wrong bearer token' });
  });
  app.get('/api/content', (_req, res) => { res.json(contentStatus()); });
  app.post('/api/messages', express.json({ limit: o.maxBodyBytes, strict: false, type: () => true }), async (req, res, next) => {
    const body = req.body as { from?: unknown; text?: unknown; id?: unknown } | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: 'expected a JSON object {"from": string, "text": string}' });
      return;
    }
    if (typeof body.from !== 'string' || !body.from) { res.status(400).json({ error: 'field "from" must be a non-empty string' }); return; }
    if (typeof body.text !== 'string') { res.status(400).json({ error: 'field "text" must be a string' }); return; }
    if (body.id !== undefined && (typeof body.id !== 'string' || !body.id)) { res.status(400).json({ error: 'field "id", when given, must be a non-empty string' }); return; }
    try {
      const result = await o.gateway.process({ id: body.id ?? '', channel: 'http', chatId: body.from, text: body.text, receivedAt: new Date() });
      if (result.kind === 'duplicate') {
        res.status(409).json({ error: result.answered ? `message id ${String(body.id)} was already answered` : `message id ${String(body.id)} is being answered` });
        return;
      }
      if (result.kind === 'unavailable') {
        res.status(503).set({ 'retry-after': String(Math.ceil(result.retryAfterMs / 1000)), connection: 'close' })
          .json({ error: 'this instance is stopping; send the message again', retryAfterMs: result.retryAfterMs });
        return;
      }
      if (result.kind === 'limited') {
        res.status(429).set('retry-after', String(Math.ceil(result.retryAfterMs / 1000)))
          .json({ error: 'too many messages from this sender; slow down', retryAfterMs: result.retryAfterMs, replies: result.notice ? [result.notice] : [] });
        return;
      }
      const r = result.response;
      res.json(result.notice ? { ...r, replies: [result.notice, ...r.replies] } : r);
    } catch (err) {
      next(err);
    }
  });

  app.use((req, res) => { res.status(404).json({ error: `no route ${req.method} ${req.path}` }); });
  app.use((err: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') { res.status(400).json({ error: 'body is not valid JSON' }); return; }
    if (err.type === 'entity.too.large') { res.status(413).json({ error: `body larger than ${o.maxBodyBytes} bytes` }); return; }
    if (err.status && err.status >= 400 && err.status < 500) { res.status(err.status).json({ error: err.message }); return; }
    o.log.error({ err }, 'HTTP request failed');
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
