// Loading the content with this bot's handlers: the one call main, tools and tests use.
import { loadContent, type Snapshot } from './load.js';
import { RESPONSE_SPEC } from '../handlers/index.js';
import type { ParseCache } from './parse-cache.js';

export type { Snapshot } from './load.js';

export function loadBotContent(root: string, opts: { nluCacheSize?: number; parseCache?: ParseCache } = {}): Promise<Snapshot> {
  return loadContent({ root, spec: RESPONSE_SPEC, ...opts });
}
