// HTTP API (express): POST /api/messages answers like the console's --json mode; health, readiness and
// Prometheus metrics; the WhatsApp Cloud API webhook when configured. Errors are JSON with clear messages.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Bot } from '../core/bot.js';
import { answer } from '../core/answer.js';
import type { Metrics } from '../core/metrics.js';
import type { Logger } from '../log.js';
import type { CloudApiChannel } from './cloud-api.js';

export interface HttpOptions {
  bot: Bot;
  metrics: Metrics;
  log: Logger;
  /** When set, /api/* needs "Authorization: Bearer <token>". */
  apiToken?: string;
  maxBodyBytes: number;
  /** Extra readiness checks: name -> state and whether it counts as ready. */
  readiness: () => Record<string, { state: string; ready: boolean }>;
  cloud?: CloudApiChannel;
}

let seq = 0;

export function createHttpApp(o: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', (_req, res) => {
    const s = o.bot.snapshot;
    const checks = o.readiness();
    const ready = Object.values(checks).every((c) => c.ready);
    res.status(ready ? 200 : 503).json({ ready, content: { version: s.version, loadedAt: s.loadedAt.toISOString(), intents: s.intents.length },
      ...Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v.state])) });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });

  if (o.cloud) app.use('/webhooks/whatsapp', o.cloud.router());

  app.use('/api', (req, res, next) => {
    if (!o.apiToken) return next();
    const auth = req.get('authorization') ?? '';
    if (auth === `Bearer ${o.apiToken}`) return next();
    res.status(401).set('www-authenticate', 'Bearer').json({ error: 'missing or wrong bearer token' });
  });
  app.post('/api/messages', express.json({ limit: o.maxBodyBytes, strict: false, type: () => true }), (req, res) => {
    const body = req.body as { from?: unknown; text?: unknown } | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: 'expected a JSON object {"from": string, "text": string}' });
      return;
    }
    if (typeof body.from !== 'string' || !body.from) { res.status(400).json({ error: 'field "from" must be a non-empty string' }); return; }
    if (typeof body.text !== 'string') { res.status(400).json({ error: 'field "text" must be a string' }); return; }
    res.json(answer(o.bot, { id: `http-${++seq}`, channel: 'http', chatId: body.from, text: body.text, receivedAt: new Date() }, o.metrics));
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
