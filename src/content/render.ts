// Fills answer templates. A line with an empty placeholder is left out, so one template serves regions
// with and without a given figure; write {name?} for a value that may be empty without dropping its line.
// Templates are parsed once and kept, since the same few hundred are filled over and over.

import { BoundedCache } from '../util/bounded-cache.js';

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)(\?)?\}/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

export type Vars = Readonly<Record<string, string | undefined>>;
/** Looks a placeholder up: the answer's own values first, then the common ones. */
export type Lookup = (name: string) => string | undefined;

interface Part { text: string; name?: string; optional?: boolean }
type Line = Part[];

const parsed = new BoundedCache<string, Line[]>(10_000);

function parse(template: string): Line[] {
  let lines = parsed.get(template);
  if (lines) return lines;
  lines = template.replace(/\s+$/, '').split('\n').map((line) => {
    const parts: Part[] = [];
    let at = 0;
    for (const m of line.matchAll(PLACEHOLDER)) {
      if (m.index > at) parts.push({ text: line.slice(at, m.index) });
      parts.push({ text: '', name: m[1], optional: !!m[2] });
      at = m.index + m[0].length;
    }
    if (at < line.length) parts.push({ text: line.slice(at) });
    return parts;
  });
  return parsed.set(template, lines);
}

export function fill(template: string, vars: Vars | Lookup): string {
  const get: Lookup = typeof vars === 'function' ? vars : (n) => vars[n];
  const kept: string[] = [];
  for (const line of parse(template)) {
    let out = '';
    let missing = false;
    for (const p of line) {
      if (p.name === undefined) { out += p.text; continue; }
      const v = get(p.name);
      if (!v && !p.optional) { missing = true; break; }
      out += v ?? '';
    }
    if (missing) continue;
    kept.push(out.replace(/[ \t]+$/, '').replace(/ {2,}/g, ' '));
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A stable choice among variants for a given seed, so a conversation reads naturally and tests stay repeatable. */
export function pick<T>(items: readonly T[], seed: string): T {
  if (items.length === 1) return items[0] as T;
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return items[Math.abs(h) % items.length] as T;
}
