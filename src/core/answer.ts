// The one call every channel makes: bot.handle with metrics around it. Adapters translate and deliver;
// they never decide what to answer.
import type { Bot } from './bot.js';
import type { BotResponse, Inbound } from './types.js';
import type { Metrics } from './metrics.js';

export function answer(bot: Bot, inbound: Inbound, metrics?: Metrics): BotResponse {
  const started = process.hrtime.bigint();
  const res = bot.handle(inbound);
  if (metrics) {
    metrics.latency.observe({ channel: inbound.channel }, Number(process.hrtime.bigint() - started) / 1e9);
    metrics.messages.inc({ channel: inbound.channel, intent: res.intent });
    if (res.intent === 'fallback') metrics.fallbacks.inc({ channel: inbound.channel });
  }
  return res;
}
