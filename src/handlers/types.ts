// What a handler sees and returns. Handlers hold the answer logic; they never touch a channel.
import type { Snapshot } from '../content/load.js';
import type { Understanding } from '../nlu/nlu.js';
import type { Lang } from '../nlu/language.js';
import type { ConversationState } from '../core/conversation.js';
import type { Region } from '../nlu/regions.js';
import type { Vars } from '../content/render.js';

export interface Turn {
  snapshot: Snapshot;
  u: Understanding;
  intent: string;
  lang: Lang;
  /** State before this turn (a fresh one for a new sender). */
  state: ConversationState;
  /** The region the message names, resolved for this intent's topic; or the remembered one for a follow-up. */
  region?: ResolvedRegion;
  /** A place the user named that is not an Indonesian region ("di Kuala Lumpur"). */
  unknownPlace?: string;
  /** Renders an answer case of an intent with the given values (plus the common ones). */
  say(intent: string, caseName: string, vars?: Vars): string;
}

export interface ResolvedRegion {
  region: Region;
  /** Other regions the same words could mean ("Kabupaten Semarang" when the answer is about Kota Semarang). */
  alternatives: Region[];
  matched: string;
}

export interface HandlerResult {
  replies: string[];
  /** The intent to report when the handler narrowed it (e.g. coverage.region -> coverage.national). */
  intent?: string;
  /** The handler asked for a region and waits for it. */
  awaitRegion?: boolean;
  regionCode?: string;
}

export type Handler = (turn: Turn) => HandlerResult;

export interface HandlerEntry {
  handle: Handler;
  /** Answer cases and the placeholders the handler fills in each (validated against responses/). */
  cases: Readonly<Record<string, readonly string[]>>;
  /** Regions matter to this intent: prefer the region with data of this kind when a name is ambiguous. */
  topic?: 'coverage' | 'award';
}
