// The Node version the README promises, package.json's engines and the dependencies agree.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };

describe('Node version', () => {
  it('README, engines and the lock file say the same range, and this Node is in it', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || >=22.12.0');
    expect(lock.packages['']?.engines?.node).toBe(pkg.engines.node);
    expect(readFileSync('README.md', 'utf8')).toContain('Node 20.19 or newer, or 22.12 or newer');
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    expect((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22).toBe(true);
  });

  it('the Node options npm start runs the bot with are ones this Node accepts', async () => {
    const { spawnSync } = await import('node:child_process');
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
    const options = start.slice(1).filter((a) => a.startsWith('--'));
    expect(options.length).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, [...options, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('idn-area-data, which declares Node 22, is pinned to the version checked on Node 20', () => {
    expect(pkg.dependencies['idn-area-data']).toBe('4.0.1');
    expect(lock.packages['node_modules/idn-area-data']?.engines?.node).toBe('>=22.0.0');
  });
});
