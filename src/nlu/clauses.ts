// Where one message holds several questions: sentence punctuation first ("?", "!", ";", ". ", ", "), then a
// joining word ("dan", "terus", "sekalian", "and") when what follows it asks something of its own
// ("... kategori apa, dan berapa cakupannya?"). "Utama dan Pratama" stays one question.

/** Splits normalised text at sentence punctuation; decimals ("99,53", "2.0") are not split. */
export function segments(normalised: string): Array<{ text: string; asked: boolean }> {
  const out: Array<{ text: string; asked: boolean }> = [];
  const re = /([?!;\n]+|[.,](?=\s|$))/g;
  let at = 0;
  for (const m of normalised.matchAll(re)) {
    const text = normalised.slice(at, m.index).trim();
    if (text) out.push({ text, asked: m[0].includes('?') });
    at = m.index + m[0].length;
  }
  const rest = normalised.slice(at).trim();
  if (rest) out.push({ text: rest, asked: false });
  return out;
}

/**
 * Token ranges [start, end) of the clauses in one segment: split before a joining word when the words after
 * it hold a question word. `isJoin` gets the word's position, so a word inside a phrase ("tahun lalu") is
 * not a join. The joining word at a cut belongs to neither side; a leading one ("terus
 * kapan?") stays, since it marks a follow-up.
 */
export function splitAtJoins(tokens: readonly string[], isJoin: (t: string, at: number) => boolean, isQuestionWord: (t: string) => boolean): Array<[number, number]> {
  const cuts: number[] = [];
  for (let i = 1; i < tokens.length - 1; i++) {
    if (!isJoin(tokens[i] ?? '', i)) continue;
    const nextCut = tokens.findIndex((t, k) => k > i && isJoin(t, k));
    const right = tokens.slice(i + 1, nextCut > i ? nextCut : undefined);
    const left = tokens.slice(cuts.length ? (cuts[cuts.length - 1] ?? 0) + 1 : 0, i);
    if (left.length && right.some(isQuestionWord)) cuts.push(i);
  }
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const c of cuts) {
    ranges.push([start, c]);
    start = c + 1;
  }
  ranges.push([start, tokens.length]);
  return ranges.filter(([s, e]) => s < e);
}
