// Fills answer templates. A line with an empty placeholder is left out, so one template serves regions
// with and without a given figure; write {name?} for a value that may be empty without dropping its line.

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)(\?)?\}/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

export type Vars = Readonly<Record<string, string | undefined>>;

export function fill(template: string, vars: Vars): string {
  const kept: string[] = [];
  for (const line of template.replace(/\s+$/, '').split('\n')) {
    const missing = [...line.matchAll(PLACEHOLDER)].some((m) => !m[2] && !vars[m[1] ?? '']);
    if (missing) continue;
    kept.push(line.replace(PLACEHOLDER, (_, n: string) => vars[n] ?? '').replace(/[ \t]+$/, '').replace(/ {2,}/g, ' '));
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A stable choice among variants for a given seed, so a conversation reads naturally and tests stay repeatable. */
export function pick<T>(items: readonly T[], seed: string): T {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return items[Math.abs(h) % items.length] as T;
}
