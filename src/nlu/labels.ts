// The labels a reading carries besides the aspects named in data/understanding.yaml: the names the loader
// gives the scope and follow-up word lists, and the aspects the bot sets itself or reads in its own steps.
export const LABEL = {
  jkn: 'scope.jkn',
  topic: 'scope.topic',
  /** Prefix of the foreign groups of data/scope.yaml: "scope.foreign.bank". */
  foreign: 'scope.foreign.',
  followUp: 'cue.follow_up',
  /** Set by the bot: a place is named; the whole country is. */
  place: 'place',
  national: 'national',
  /** Aspects of data/understanding.yaml that the context step reads: "tahun sebelumnya", "dibanding". */
  previous: 'previous',
  compare: 'compare',
  /** "tahun lalu", "edisi sebelumnya": the award edition before the current one ("sebelumnya" alone is often "maaf sebelumnya"). */
  lastYear: 'last_year',
} as const;

/** The label of a word list (scope, follow-up words), not an aspect an answer's `asks` can name. */
export const isWordListLabel = (label: string): boolean => label.startsWith('scope.') || label.startsWith('cue.');
