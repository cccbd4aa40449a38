// What a handler declares, sees and returns. Handlers hold the answer logic; they never touch a channel,
// and the core never names an intent: it reads these declarations.
import type { Snapshot } from '../content/load.js';
import type { Lang } from '../nlu/language.js';
import type { Region, RegionKind } from '../nlu/regions.js';
import type { Bag } from '../nlu/phrases.js';
import type { Vars } from '../content/render.js';

export interface ResolvedRegion {
  region: Region;
  /** Other regions the same words could mean ("Kabupaten Semarang" when the answer is about Kota Semarang). */
  alternatives: Region[];
  matched: string;
  /** The kecamatan the user named, when the region comes from one. */
  district?: string;
}

/** One question, as the handler answers it: the intent, the case asked for, and the slots. */
export interface Question {
  snapshot: Snapshot;
  intent: string;
  /** The answer case the question asks for (from the `asks` of responses/), if any. */
  ask?: string;
  lang: Lang;
  /** Regions named (or carried over from the conversation), resolved for this intent. */
  regions: ResolvedRegion[];
  /** The user asked about the whole country. */
  national: boolean;
  /** A year named ("akhir 2024"), or the year before the last answer's ("tahun sebelumnya"). */
  year?: number;
  /** A month named with it ("30 september 2024"), 1-12. */
  month?: number;
  /** The answer this question follows up ("terus keaktifannya?" after a coverage figure). */
  follows?: { intent: string; ask?: string };
  /** A place named that is not an Indonesian region. */
  unknownPlace?: string;
  /** A region kind named without a name ("yang kabupaten?") that matched nothing. */
  kind?: RegionKind;
  /** The question's words, for details a handler reads itself (a category name, a class number). */
  words: Bag;
  /** Today, for saying when a figure is old. */
  now: Date;
}

export interface Answer {
  /** The response case to render. */
  case: string;
  vars?: Vars;
  /** The intent the answer belongs to, when the handler narrowed it (coverage.region -> coverage.national). */
  intent?: string;
  /** The region the answer is about, remembered for follow-ups. */
  regionCode?: string;
  /** The year the answer's figures are from, remembered for "tahun sebelumnya". */
  year?: number;
}

export interface Handler {
  /** Answer cases and the placeholders the handler fills in each (checked against responses/). */
  cases: Readonly<Record<string, readonly string[]>>;
  /** The intent answers about a region: "needed" asks for one when none is named; "optional" uses one if given. */
  region?: 'needed' | 'optional';
  /** A follow-up may build on this answer ("kalau di Binjai?", "itu kapan?"). */
  remember?: boolean;
  /** The regions the handler has data on: of the regions a name can mean, those win ("Semarang"). */
  hasData?: (s: Snapshot, regionCode: string) => boolean;
  answer(q: Question): Answer | Answer[];
}
