import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { newBot } from '../helpers.js';
import { jsonLine, runJsonLines } from '../../src/adapters/console.js';

describe('console adapter, JSON-lines mode', () => {
  it('answers one line per input, in order, and an error line for bad input', async () => {
    const bot = await newBot();
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => { out += d; });
    const done = runJsonLines(bot, input, output);
    input.end(['{"from":"a","text":"halo"}', 'not json', '{"from":"a"}', '{"text":"x"}', '[1]', '{"from":"a","text":"binjai?"}', '   ', '',
      '{"from":"a","text":null}', '{"from":"a","text":"  "}'].join('\n') + '\n');
    await done;
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatchObject({ from: 'a', intent: 'smalltalk.greet', lang: 'id' });
    expect(Object.keys(lines[0])).toEqual(['from', 'intent', 'confidence', 'lang', 'entities', 'answers', 'replies']);
    expect(lines[1].error).toMatch(/invalid JSON/);
    expect(lines[2].error).toMatch(/"text"/);
    expect(lines[3].error).toMatch(/from/);
    expect(lines[4].error).toBeDefined();
    expect(lines[5].entities.region.name).toBe('Kota Binjai');
    expect(lines[6].error).toMatch(/invalid JSON/);
    expect(lines[7].error).toMatch(/invalid JSON/);
    expect(lines[8].error).toMatch(/"text"/);
    expect(lines[9].answers).toEqual(['fallback.default/empty']);
  });

  it('never throws, whatever the line', async () => {
    const bot = await newBot();
    for (const line of ['', '{}', 'null', '{"from":"x","text":{"a":1}}', `{"from":"x","text":"${'a'.repeat(100_000)}"}`]) {
      expect(() => JSON.parse(jsonLine(bot, line))).not.toThrow();
    }
  });

  it('as a process: clean stdout, logs on stderr, exit 0 at end of input', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/console.ts', '--json'], {
      input: '{"from":"628111","text":"cakupan jkn kota pekalongan"}\n{"from":"628111","text":"nik saya 3374012345670001"}\n',
      encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' }, timeout: 30_000,
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '').replies[0]).toMatch(/99,53 persen/);
    expect(r.stdout).not.toMatch(/3374012345670001/);
    expect(r.stderr).not.toMatch(/3374012345670001/);
    expect(r.stderr).toMatch(/"msg":"answered"/);
  });
});

describe('console adapter, interactive', () => {
  it('prints the replies only: no intent line, no info logs, even at LOG_LEVEL=info', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/console.ts'], {
      input: 'cakupan jkn kota pekalongan\n', encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' }, timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/bot> [\s\S]*99,53 persen/);
    expect(r.stdout).not.toMatch(/\[coverage\.region /);
    expect(r.stderr).not.toMatch(/"level":30/);
    expect(r.stderr).toBe('');
  });

  it('with --detail shows the intent, confidence and language under each reply', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/console.ts', '--detail'], {
      input: 'cakupan jkn kota pekalongan\n', encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' }, timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[coverage\.region [\d.]+ id\]/);
  });

  it('records an unanswered message in the file the test run set, not in the working copy\'s var/', () => {
    const file = process.env.UNANSWERED_FILE ?? '';
    expect(file.startsWith(tmpdir())).toBe(true);
    const before = existsSync(file) ? readFileSync(file, 'utf8').split('\n').length : 0;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/console.ts', '--json'], {
      input: '{"from":"628999","text":"qwzx plmok vbnrt"}\n', encoding: 'utf8', env: process.env, timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n').length).toBeGreaterThan(before);
  });
});
