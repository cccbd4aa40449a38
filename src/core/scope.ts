// Step 4 of a turn: is this question about JKN at all? Only questions of the JKN families are checked.
// A JKN word, a topic word or a follow-up of the conversation lets it through; something foreign
// ("kartu ATM", "Adipura", "sinyal 4G") sends it to the fallback, unless a JKN word is there too (and even
// then for groups marked exclusive, such as BPJS Ketenagakerjaan). The words live in data/scope.yaml.
import type { Snapshot } from '../content/load.js';
import type { Bilingual } from '../content/schema.js';
import { family } from './family.js';
import { LABEL } from '../nlu/labels.js';

export interface ForeignGroup { name: string; exclusive: boolean; refer?: Bilingual }

/** The first foreign group whose words the labels show. */
export function foreignIn(labels: ReadonlySet<string>, s: Snapshot): ForeignGroup | undefined {
  for (const label of labels) {
    if (!label.startsWith(LABEL.foreign)) continue;
    const g = s.scope.foreign.find((f) => f.name === label.slice(LABEL.foreign.length));
    if (g) return g;
  }
  return undefined;
}

export type ScopeDecision = { inScope: true } | { inScope: false; foreign?: ForeignGroup };

export interface ScopeInput {
  intent: string;
  jkn: boolean;
  topical: boolean;
  foreign?: ForeignGroup;
  /** The question took its topic from the conversation or from the question before it. */
  inherited: boolean;
}

/** Small talk is always answered; anything else with a foreign object and no JKN word is not for this bot. */
export function decideScope(f: ScopeInput, s: Snapshot): ScopeDecision {
  const fam = family(f.intent);
  if (s.scope.alwaysAnswered.has(fam)) return { inScope: true };
  if (f.foreign && (f.foreign.exclusive || !f.jkn)) return { inScope: false, foreign: f.foreign };
  if (!s.scope.jknFamilies.has(fam) || f.jkn || f.topical || f.inherited) return { inScope: true };
  return { inScope: false };
}
