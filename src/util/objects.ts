// Copies of objects with fields added or replaced: what `{ ...base, more }` means, without its cost on Node 20.
//
// V8 11 (Node 20) builds an object literal that starts with a spread and then adds a field the source does
// not have (`{ ...frame, unsure }`, `{ ...a, ...b }`) through a slow path: a new hidden class for every copy,
// about six times slower, and every copy survives into the old generation. On the turn that was most of
// what the garbage collector copied (2.5 of 2.7 KB a message) and doubled each young collection's pause.
// Object.assign builds the same object (the same fields in the same order, later sources winning) without
// either cost. (Literals that start with their own fields, or spreads that only replace existing fields,
// are not affected. Object.assign itself slows down past about twenty fields: the understanding of a message
// is built field by field.) Measured in BENCHMARKS.md; `node --expose-gc bench/object-spread.mjs` shows it.

/** `{ ...base, ...fields }`. */
export function withFields<A extends object, B extends object>(base: A, fields: B): Omit<A, keyof B> & B;
/** `{ ...base, ...fields, ...more }`. */
export function withFields<A extends object, B extends object, C extends object>(base: A, fields: B, more: C): Omit<Omit<A, keyof B> & B, keyof C> & C;
export function withFields(...sources: object[]): object {
  return Object.assign({}, ...sources);
}

/**
 * A lookup table of words with nothing behind it: a plain object literal inherits Object.prototype, so a
 * message word like "constructor" would find a function there (and read "kalau constructor nya?" as a
 * kind of region). Lookups stay `TABLE[word]`.
 */
export function wordTable<V>(entries: Readonly<Record<string, V>>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}
