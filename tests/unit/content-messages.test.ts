// What an editor reads when an edit is wrong: each message says what is wrong and how to fix it, at the
// line of the mistake, and one mistake gives one problem.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotContent } from '../../src/content/index.js';
import { ContentError, type ContentIssue } from '../../src/errors.js';
import { didYouMean } from '../../src/content/messages.js';

function copyContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-messages-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  return dir;
}

function edit(dir: string, file: string, f: (s: string) => string): string {
  const p = join(dir, file);
  const before = readFileSync(p, 'utf8');
  const after = f(before);
  expect(after).not.toBe(before);
  writeFileSync(p, after);
  return after;
}

async function issues(dir: string): Promise<ContentIssue[]> {
  try {
    await loadBotContent(dir);
  } catch (e) {
    if (e instanceof ContentError) return e.issues;
    throw e;
  }
  return [];
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('validation messages for editors', () => {
  it('a missing English text is named as such, once, at its answer', async () => {
    const dir = copyContent();
    const text = edit(dir, 'responses/smalltalk.yaml', (s) => s.replace('      en: "Thanks for asking. Stay healthy! 👋"\n', ''));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    const [p] = found;
    expect(p?.file).toBe('responses/smalltalk.yaml');
    expect(p?.field).toBe('responses.smalltalk.bye.default.en');
    expect(p?.message).toBe('the English text (en) is missing');
    expect(p?.hint).toContain('add a line "en: ..."');
    expect(p?.line).toBe(lineOf(text, 'Terima kasih sudah bertanya. Semoga'));
    expect(p?.message).not.toContain('Invalid input');
  });

  it('an empty Indonesian text is named as such', async () => {
    const dir = copyContent();
    edit(dir, 'responses/smalltalk.yaml', (s) => s.replace('id: "Terima kasih sudah bertanya. Semoga sehat selalu! 👋"', 'id: ""'));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ field: 'responses.smalltalk.bye.default.id', message: 'the Indonesian text (id) is empty' });
  });

  it('a decimal comma in a number says to write a decimal point, with the number corrected', async () => {
    const dir = copyContent();
    const text = edit(dir, 'data/coverage.yaml', (s) => s.replace('coverage_pct: 99.53', 'coverage_pct: 99,53'));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      file: 'data/coverage.yaml', line: lineOf(text, 'coverage_pct: 99,53'), field: 'regions[0].coverage_pct',
      message: '"99,53" is written with a decimal comma',
    });
    expect(found[0]?.hint).toContain('99.53');
  });

  it('a number with dots between thousands says to drop them', async () => {
    const dir = copyContent();
    const text = edit(dir, 'data/coverage.yaml', (s) => s.replace('participants: 314775', 'participants: 1.314.775'));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: lineOf(text, '1.314.775'), message: '"1.314.775" has dots between the thousands' });
    expect(found[0]?.hint).toContain('1314775');
  });

  it('an unknown placeholder lists the valid names and guesses the intended one', async () => {
    const dir = copyContent();
    const text = edit(dir, 'responses/coverage.yaml', (s) => s.replace('Jumlah peserta: {participants}', 'Jumlah peserta: {partisipants}'));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    const [p] = found;
    expect(p?.message).toBe('unknown placeholder {partisipants}');
    expect(p?.line).toBe(lineOf(text, '{partisipants}'));
    expect(p?.hint).toMatch(/^did you mean \{participants\}\?/);
    expect(p?.hint).toContain('{coverage}');
    expect(p?.hint).toContain('care_center');
    expect(p?.hint).toContain('arrears_cap_months');
    expect(p?.hint).not.toContain('channel_*');
  });

  it('a mistyped common placeholder is guessed among the channels and facts', async () => {
    const dir = copyContent();
    edit(dir, 'responses/coverage.yaml', (s) => s.replace('{channel_care_center}', '{chanel_care_center}'));
    const found = await issues(dir);
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found.every((p) => p.hint?.startsWith('did you mean {channel_care_center}?'))).toBe(true);
  });

  it('an unclosed quote is one problem, at the line that opens it', async () => {
    const dir = copyContent();
    const text = edit(dir, 'responses/smalltalk.yaml', (s) => s.replace('en: "Thanks for asking. Stay healthy! 👋"', 'en: "Thanks for asking. Stay healthy! 👋'));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'responses/smalltalk.yaml', line: lineOf(text, 'Stay healthy! 👋'),
      message: 'YAML syntax: the text opened with " on this line is not closed' });
    expect(found[0]?.hint).toContain('add the closing "');
  });

  it('a tab used for indentation is one problem, named in plain words', async () => {
    const dir = copyContent();
    const text = edit(dir, 'intents/help.yaml', (s) => s.replace('\n    examples:\n', '\n\texamples:\n'));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toBe('YAML syntax: a tab is used for indentation: indent with spaces only');
    expect(found[0]?.line).toBe(lineOf(text, '\texamples:'));
  });

  it('a broken data file is one problem, not a cascade through the answers that use its values', async () => {
    const dir = copyContent();
    const text = edit(dir, 'data/facts.yaml', (s) => s.replace('facts:\n', 'facts:\n  broken: [unclosed\n'));
    const found = await issues(dir);
    expect(found).toHaveLength(1);
    expect(found[0]?.file).toBe('data/facts.yaml');
    expect(found[0]?.message).toMatch(/^YAML syntax: /);
    expect(found[0]?.line).toBeGreaterThanOrEqual(lineOf(text, 'broken: [unclosed'));
  });

  it('an unknown field is reported at its own line', async () => {
    const dir = copyContent();
    const text = edit(dir, 'intents/help.yaml', (s) => s.replace('name: help.about', 'nama: help.about'));
    const found = await issues(dir);
    const unknown = found.find((p) => p.message === 'unknown field "nama"');
    expect(unknown?.line).toBe(lineOf(text, 'nama: help.about'));
    expect(found.find((p) => p.message === '"name" is missing')).toBeDefined();
  });

  it("refuses CONTENT.md's worked example as written: its source is a placeholder", async () => {
    const guide = readFileSync('CONTENT.md', 'utf8');
    const example = /## Add a region's figure[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(example).toContain('nama-media.id');
    const dir = copyContent();
    const text = edit(dir, 'data/coverage.yaml', (s) => s.replace('regions:\n', `regions:\n${example}`));
    const found = await issues(dir);
    const fields = found.map((p) => p.field).sort();
    expect(fields).toEqual(['regions[0].source.title', 'regions[0].source.url']);
    expect(found[0]?.message).toMatch(/^is a placeholder from an example, not a real source/);
    expect(found.find((p) => p.field.endsWith('title'))?.line).toBe(lineOf(text, 'title: "nama-media.id'));
  });

  it('the same example with a real source is accepted', async () => {
    const guide = readFileSync('CONTENT.md', 'utf8');
    const example = (/## Add a region's figure[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1] ?? '')
      .replace(/title: "[^"]*"/, 'title: "Waspada: Cakupan JKN Binjai 98,9 persen"')
      .replace(/url: \S+/, 'url: https://waspada.id/berita/cakupan-jkn-binjai');
    const dir = copyContent();
    edit(dir, 'data/coverage.yaml', (s) => s.replace('regions:\n', `regions:\n${example}`));
    expect(await issues(dir)).toEqual([]);
  });

  it('did-you-mean picks a near name and nothing when none is near', () => {
    expect(didYouMean('partisipants', ['participants', 'coverage'])).toBe('participants');
    expect(didYouMean('zzz', ['participants', 'coverage'])).toBeUndefined();
  });
});
