// The parse cache (src/content/parse-cache.ts): a start with unchanged files takes them from the cache and
// gets the same content; problems are still reported at their line; a damaged or unwritable cache changes
// nothing but the speed.
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotContent } from '../../src/content/index.js';
import { ParseCache } from '../../src/content/parse-cache.js';
import { ContentError } from '../../src/errors.js';
import { Bot } from '../../src/core/bot.js';
import { msg } from '../helpers.js';

/** A copy of the content in a folder of its own (the loader's in-memory parses are kept by path, so a new folder is a cold start). */
function copy(edit?: [string, (s: string) => string]) {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-parse-cache-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  if (edit) writeFileSync(join(dir, edit[0]), edit[1](readFileSync(join(dir, edit[0]), 'utf8')));
  return dir;
}
const cacheFile = () => join(mkdtempSync(join(tmpdir(), 'pandawa-parse-cache-file-')), 'cache.bin');
const answers = (s: Awaited<ReturnType<typeof loadBotContent>>) =>
  ['cakupan jkn kota semarang', 'kapan kartu bpjs aktif setelah daftar', 'who won the uhc award in polewali mandar'].map((t) => new Bot(s).handle(msg('u', t)).replies);

describe('parse cache', () => {
  it('serves every file of an unchanged start, and the content is the same as parsed', async () => {
    const file = cacheFile();
    const first = new ParseCache(file);
    const parsed = await loadBotContent(copy(), { parseCache: first });
    expect(first.hits).toBe(0);
    expect(existsSync(file)).toBe(true);
    const second = new ParseCache(file);
    const cached = await loadBotContent(copy(), { parseCache: second });
    expect(second.hits).toBe(parsed.files.length);
    expect(cached.version).toBe(parsed.version);
    expect(cached.intents.map((i) => [i.name, i.examples, i.file, i.line])).toEqual(parsed.intents.map((i) => [i.name, i.examples, i.file, i.line]));
    expect([...cached.responses].map(([k, v]) => [k, [...v]])).toEqual([...parsed.responses].map(([k, v]) => [k, [...v]]));
    expect(JSON.stringify([cached.coverage.national, [...cached.coverage.byRegion], cached.awards.event, cached.facts, cached.menu]))
      .toBe(JSON.stringify([parsed.coverage.national, [...parsed.coverage.byRegion], parsed.awards.event, parsed.facts, parsed.menu]));
    expect(answers(cached)).toEqual(answers(parsed));
  });

  it('reports a problem in a file it served at the same line as a fresh parse does', async () => {
    const bad: [string, (s: string) => string] = ['data/menu.yaml', (s) => s.replace(/intent: ([\w.]+)/, 'intent: help.no_such_intent')];
    const problems = async (cache: ParseCache) => {
      try {
        await loadBotContent(copy(bad), { parseCache: cache });
      } catch (e) {
        if (e instanceof ContentError) return e.message;
        throw e;
      }
      throw new Error('loaded content with an unknown intent in the menu');
    };
    const file = cacheFile();
    const fresh = await problems(new ParseCache(file));
    expect(fresh).toMatch(/data\/menu\.yaml:\d+:\d+ .*no intent named help\.no_such_intent/);
    const fromCache = new ParseCache(file);
    expect(await problems(fromCache)).toBe(fresh);
    expect(fromCache.hits).toBeGreaterThan(0);
  });

  it('parses a changed file again and drops its old entry', async () => {
    const file = cacheFile();
    await loadBotContent(copy(), { parseCache: new ParseCache(file) });
    const size = readFileSync(file).length;
    const edited = new ParseCache(file);
    const s = await loadBotContent(copy(['responses/smalltalk.yaml', (t) => t.replace('Sama-sama! 🙏 Semoga sehat selalu.', 'Sama-sama! 🙏 Sehat selalu ya.')]), { parseCache: edited });
    expect(edited.hits).toBe(s.files.length - 1);
    expect(new Bot(s).handle(msg('u', 'makasih kak')).replies.join(' ')).toContain('Sehat selalu ya.');
    expect(Math.abs(readFileSync(file).length - size)).toBeLessThan(200);
  });

  it('ignores a damaged cache file and replaces it, and never fails on a folder it cannot write', async () => {
    const file = cacheFile();
    writeFileSync(file, 'not a cache at all');
    const damaged = new ParseCache(file);
    const s = await loadBotContent(copy(), { parseCache: damaged });
    expect(damaged.hits).toBe(0);
    expect(s.intents.length).toBeGreaterThan(10);
    const again = new ParseCache(file);
    await loadBotContent(copy(), { parseCache: again });
    expect(again.hits).toBe(s.files.length);
    const unwritable = new ParseCache('/dev/null/cache.bin');
    await expect(loadBotContent(copy(), { parseCache: unwritable })).resolves.toBeTruthy();
  });
});
