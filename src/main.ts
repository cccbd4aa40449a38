// Composition root of `npm start`: config -> logger -> content -> bot -> channels (HTTP always;
// WhatsApp and the Cloud API webhook when configured) -> clean shutdown on SIGINT/SIGTERM.
import type { Server } from 'node:http';
import qrcode from 'qrcode-terminal';
import { bootstrap, fail } from './bootstrap.js';
import { Metrics } from './core/metrics.js';
import { createHttpApp } from './adapters/http.js';
import { CloudApiChannel } from './adapters/cloud-api.js';
import type { WhatsAppChannel } from './adapters/whatsapp/channel.js';
import { ContentReloader } from './content/reload.js';
import { loadBotContent } from './content/index.js';
import { Gateway } from './core/gateway.js';
import { createStore, instanceId } from './store/index.js';
import { ResilientStore } from './store/resilient.js';
import { KeyHasher } from './core/keys.js';

const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

async function main(): Promise<void> {
  const { config, logger, bot, unanswered: localUnanswered } = await bootstrap();
  const metrics = new Metrics(true);
  const reloader = new ContentReloader(bot, config.CONTENT_DIR, loadBotContent, logger);
  if (config.WATCH_CONTENT) reloader.start();
  const { store, unanswered } = await createStore(config, logger, localUnanswered);
  bot.recordUnansweredTo(unanswered);
  const me = instanceId(config);
  const gateway = new Gateway(bot, {
    store, log: logger, metrics, keys: new KeyHasher(config.ID_HASH_SECRET), instanceId: me, turnLockTtlMs: config.TURN_LOCK_TTL_MS,
    contextTtlMs: config.CONTEXT_TTL_MINUTES * 60_000,
    dedupTtlMs: config.DEDUP_TTL_HOURS * 3_600_000,
    rateLimit: { capacity: config.RATE_LIMIT_BURST, refillPerSec: config.RATE_LIMIT_PER_MINUTE / 60, mode: config.RATE_LIMIT_MODE, maxQueueMs: config.RATE_LIMIT_MAX_QUEUE_MS },
  });

  let whatsapp: WhatsAppChannel | undefined;
  if (config.WHATSAPP_ENABLED) {
    // Baileys (with its Signal and protobuf code) is loaded only when WhatsApp is on: it is most of the memory.
    const { WhatsAppChannel } = await import('./adapters/whatsapp/channel.js');
    const { baileysSocketFactory } = await import('./adapters/whatsapp/socket.js');
    whatsapp = new WhatsAppChannel(gateway, await baileysSocketFactory(config.WHATSAPP_AUTH_DIR, logger), {
      pairingNumber: config.WHATSAPP_PAIRING_NUMBER,
      backlogMaxAgeSec: config.WHATSAPP_BACKLOG_MAX_AGE_SECONDS,
      minGapMs: config.WHATSAPP_MIN_GAP_MS,
      maxPerMinute: config.WHATSAPP_MAX_PER_MINUTE,
      maxBackoffMs: config.WHATSAPP_MAX_BACKOFF_MS,
      lock: {
        ttlMs: config.WHATSAPP_LOCK_TTL_MS,
        acquire: () => store.acquireLock(`whatsapp:${config.WHATSAPP_AUTH_DIR}`, me, config.WHATSAPP_LOCK_TTL_MS),
        release: () => store.releaseLock(`whatsapp:${config.WHATSAPP_AUTH_DIR}`, me),
      },
      showQr: (qr) => qrcode.generate(qr, { small: true }, (art) => {
        process.stdout.write(`\nLink WhatsApp: on the phone open WhatsApp > Settings > Linked devices > Link a device, and scan:\n${art}\n`);
      }),
      showPairingCode: (code) => {
        process.stdout.write(`\nLink WhatsApp: on the phone open WhatsApp > Settings > Linked devices > Link with phone number instead, and enter: ${code}\n`);
      },
    }, logger, metrics);
  }
  const cloud = config.cloudApiEnabled ? new CloudApiChannel(gateway, {
    verifyToken: config.CLOUD_API_VERIFY_TOKEN ?? '', appSecret: config.CLOUD_API_APP_SECRET ?? '',
    accessToken: config.CLOUD_API_ACCESS_TOKEN ?? '', phoneNumberIds: list(config.CLOUD_API_PHONE_NUMBER_ID),
    interactiveListIntents: list(config.CLOUD_API_INTERACTIVE_LIST_INTENTS),
    graphBaseUrl: config.CLOUD_API_GRAPH_BASE_URL, graphVersion: config.CLOUD_API_GRAPH_VERSION, maxBodyBytes: 1_000_000,
  }, logger, metrics) : undefined;

  const app = createHttpApp({
    gateway, metrics, log: logger, apiToken: config.API_TOKEN, metricsToken: config.METRICS_TOKEN, maxBodyBytes: config.HTTP_MAX_BODY_BYTES, cloud,
    editorToken: config.EDITOR_TOKEN, unanswered, contentStatus: () => reloader.status(),
    workbench: { root: config.CONTENT_DIR, load: loadBotContent, reload: () => reloader.reload(), auditFile: config.EDITOR_AUDIT_FILE,
      multiInstance: !!config.REDIS_URL },
    readiness: () => {
      const checks: Record<string, { state: string; ready: boolean }> = {};
      // A standby gateway (another instance holds the number) still serves HTTP and the Cloud API.
      if (whatsapp) checks.whatsapp = { state: whatsapp.state, ready: whatsapp.state === 'open' || whatsapp.state === 'standby' };
      if (store instanceof ResilientStore) {
        checks.redis = { state: store.healthy ? 'up' : 'down', ready: store.healthy || config.REDIS_FALLBACK === 'memory' };
      }
      return checks;
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  logger.info({ port }, 'HTTP API listening');
  process.stdout.write(`pandawa-bot: HTTP API on http://localhost:${port} (POST /api/messages, GET /healthz, /readyz, /metrics); web chat on http://localhost:${port}/chat\n`);
  if (cloud) process.stdout.write('WhatsApp Cloud API webhook on /webhooks/whatsapp\n');
  if (!whatsapp) process.stdout.write('WhatsApp (Baileys) is off: set WHATSAPP_ENABLED=true in .env to link a number (see README).\n');
  await whatsapp?.start();

  let stopping = false;
  // Stop taking messages; answer what is queued within half the deadline and refuse the rest (503 with
  // Retry-After, so the client sends it again to another instance); then close and exit 0.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => { logger.error('shutdown deadline passed; exiting'); process.exit(1); }, config.SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    reloader.stop();
    gateway.stop(config.SHUTDOWN_DEADLINE_MS / 2);
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.allSettled([gateway.idle(), whatsapp?.stop(), cloud?.idle()]);
    server.closeIdleConnections();
    await httpClosed;
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => { void shutdown('SIGINT'); });
  process.on('SIGTERM', () => { void shutdown('SIGTERM'); });
}

main().catch(fail);
