// Prometheus metrics for every channel: messages by channel and intent, fallbacks, reply latency,
// WhatsApp reconnects and connection state. One registry per bot process (tests make their own).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly messages = new Counter({ name: 'pandawa_messages_total', help: 'Messages answered, by channel and intent', labelNames: ['channel', 'intent'], registers: [this.registry] });
  readonly fallbacks = new Counter({ name: 'pandawa_fallbacks_total', help: 'Messages answered with the fallback, by channel', labelNames: ['channel'], registers: [this.registry] });
  readonly latency = new Histogram({ name: 'pandawa_reply_latency_seconds', help: 'Time to compute a reply, by channel', labelNames: ['channel'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [this.registry] });
  readonly reconnects = new Counter({ name: 'pandawa_whatsapp_reconnects_total', help: 'WhatsApp reconnect attempts', registers: [this.registry] });
  readonly whatsappTerminal = new Counter({ name: 'pandawa_whatsapp_terminal_total', help: 'WhatsApp connection stopped for good (no reconnect), by reason', labelNames: ['reason'], registers: [this.registry] });
  readonly whatsappBacklogDropped = new Counter({ name: 'pandawa_whatsapp_backlog_dropped_total', help: 'WhatsApp messages not answered because older than the backlog window', registers: [this.registry] });
  readonly cloudApiErrors = new Counter({ name: 'pandawa_cloud_api_errors_total', help: 'Errors Meta reported (Graph responses, webhook errors, message statuses), by source and code', labelNames: ['source', 'code'], registers: [this.registry] });
  readonly cloudApiIgnored = new Counter({ name: 'pandawa_cloud_api_ignored_total', help: 'Cloud API messages for a phone_number_id that is not configured (not answered)', registers: [this.registry] });
  readonly whatsappConnected = new Gauge({ name: 'pandawa_whatsapp_connected', help: '1 when the WhatsApp connection is open', registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'pandawa_rate_limited_total', help: 'Messages over the per-sender rate limit, by channel', labelNames: ['channel'], registers: [this.registry] });
  readonly pending = new Gauge({ name: 'pandawa_pending_messages', help: 'Messages taken and not yet answered, dropped or refused (queued included)', registers: [this.registry] });
  readonly refused = new Counter({ name: 'pandawa_refused_total', help: 'Messages refused (503) because the instance is stopping, by channel', labelNames: ['channel'], registers: [this.registry] });
  readonly sendFailures = new Counter({ name: 'pandawa_send_failures_total', help: 'Replies that could not be delivered, by channel', labelNames: ['channel'], registers: [this.registry] });

  constructor(defaults = false) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }
}
