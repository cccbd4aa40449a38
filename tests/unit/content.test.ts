import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotContent } from '../../src/content/index.js';
import { ContentError, formatIssue } from '../../src/errors.js';

function copyContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-content-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  return dir;
}

async function problems(dir: string): Promise<string[]> {
  try {
    await loadBotContent(dir);
    return [];
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    return e.issues.map(formatIssue);
  }
}

function edit(dir: string, file: string, f: (s: string) => string) {
  const p = join(dir, file);
  writeFileSync(p, f(readFileSync(p, 'utf8')));
}

describe('content validation', () => {
  it('loads the shipped content without problems', async () => {
    expect(await problems('.')).toEqual([]);
  });

  it('reports every problem at once, each with file, line and field', async () => {
    const dir = copyContent();
    edit(dir, 'data/coverage.yaml', (s) => s.replace('coverage_pct: 99.53', 'coverage_pct: 199.53').replace('region: Kota Semarang', 'region: Kota Atlantis'));
    edit(dir, 'responses/coverage.yaml', (s) => s.replace('Jumlah peserta: {participants}', 'Jumlah peserta: {partisipan}'));
    edit(dir, 'intents/help.yaml', (s) => s.replace('name: help.about', 'nama: help.about'));
    const found = await problems(dir);
    const joined = found.join('\n');
    expect(joined).toMatch(/data\/coverage\.yaml:\d+:\d+ regions\[0\]\.coverage_pct: .*150/);
    expect(joined).toMatch(/data\/coverage\.yaml:\d+:\d+ regions\[\d+\]\.region: "Kota Atlantis" is not a region/);
    expect(joined).toMatch(/responses\/coverage\.yaml:\d+:\d+ responses\.coverage\.region\.figures\.id: unknown placeholder \{partisipan\}/);
    expect(joined).toMatch(/intents\/help\.yaml:\d+:\d+ intents\[3\]/);
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  it('gives the line of a YAML syntax error', async () => {
    const dir = copyContent();
    edit(dir, 'data/facts.yaml', (s) => s.replace('facts:\n', 'facts:\n  broken: [unclosed\n'));
    const found = await problems(dir);
    expect(found.some((p) => /^data\/facts\.yaml:\d+:\d+ .*YAML syntax/.test(p))).toBe(true);
  });

  it('refuses a figure without a source and an example under two intents', async () => {
    const dir = copyContent();
    edit(dir, 'data/coverage.yaml', (s) => s.replace(/(  - region: Kota Pekalongan[\s\S]*?)    source:\n      title: [^\n]*\n      date: [^\n]*\n/, '$1'));
    edit(dir, 'intents/smalltalk.yaml', (s) => s.replace('      - sampai jumpa\n', '      - sampai jumpa\n      - terima kasih\n'));
    const joined = (await problems(dir)).join('\n');
    expect(joined).toMatch(/data\/coverage\.yaml:\d+:\d+ regions\[0\]\.source/);
    expect(joined).toMatch(/intents\/smalltalk\.yaml:\d+:\d+ .*"terima kasih" is also under smalltalk\.thanks/);
  });

  it('requires an answer in both languages for every intent', async () => {
    const dir = copyContent();
    edit(dir, 'responses/smalltalk.yaml', (s) => s.replace('      en: "Thanks for asking. Stay healthy! 👋"\n', ''));
    const joined = (await problems(dir)).join('\n');
    expect(joined).toMatch(/responses\/smalltalk\.yaml:\d+:\d+ responses\.smalltalk\.bye\.default(\.en)?: /);
  });
});
