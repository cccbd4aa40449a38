import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { botMadeFields, createLogger } from '../../src/log.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { log: createLogger('info', sink), lines };
}

describe('the root logger', () => {
  it('censors what the user wrote and credentials, at any depth', () => {
    const { log, lines } = capture();
    log.info({ text: 'halo', req: { authorization: 'Bearer abc', body: { raw: 'x', nik: '3374012345678907' } } }, 'in');
    const out = lines.join('');
    expect(out).not.toContain('halo');
    expect(out).not.toContain('Bearer abc');
    expect(out).not.toContain('3374012345678907');
    expect(JSON.parse(out).req.body.raw).toBe('[redacted]');
  });

  it('masks personal data in any other string, in the message and in errors', () => {
    const { log, lines } = capture();
    log.warn({ note: 'hp 081234567800, mail a.b@example.co.id', err: new Error('failed for 3374012345678907') }, 'call 0812 3456 7800');
    const out = lines.join('');
    for (const clear of ['081234567800', 'a.b@example.co.id', '3374012345678907', '0812 3456 7800']) expect(out).not.toContain(clear);
    expect(out).toContain('[TELEPON]');
    expect(out).toContain('[NIK]');
  });

  it('writes fields the bot made itself as they are, and still masks everything else', () => {
    const { log, lines } = capture();
    const fields = { turnId: '2s9', channel: 'http', intent: 'coverage.region', answers: ['coverage.region/figures'], confidence: 0.9, lang: 'id', ms: 0.21 };
    log.info(botMadeFields({ ...fields }), 'answered');
    log.info({ ...fields, note: 'hp 081234567800' }, 'answered');
    const [made, other] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(made).toMatchObject(fields);
    expect(Object.keys(made ?? {}).sort()).toEqual([...Object.keys(fields), 'level', 'msg', 'time'].sort());
    expect(other?.note).toBe('hp [TELEPON]');
  });

  it('leaves strings with no digit or at sign as they are', () => {
    const { log, lines } = capture();
    log.info({ intent: 'coverage.region', answers: ['coverage.region/default'] }, 'answered');
    expect(JSON.parse(lines.join(''))).toMatchObject({ intent: 'coverage.region', answers: ['coverage.region/default'], msg: 'answered' });
  });
});

describe('the default destination (stderr)', () => {
  it('has written every line before the next statement runs, so a killed process loses none', async () => {
    const { spawnSync } = await import('node:child_process');
    // 2,000 lines in a busy loop, then SIGKILL: nothing can flush after the kill.
    const script = "import { createLogger } from './src/log.ts'; const log = createLogger('info');"
      + " for (let i = 0; i < 2000; i++) log.info({ i }, 'line'); process.kill(process.pid, 'SIGKILL');";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.signal).toBe('SIGKILL');
    const lines = run.stderr.trim().split('\n').filter((l) => l.includes('"msg":"line"'));
    expect(lines).toHaveLength(2000);
    expect(JSON.parse(lines[1999] ?? '{}').i).toBe(1999);
  });
});
