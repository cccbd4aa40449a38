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

  it('idn-area-data, which declares Node 22, is pinned to the version checked on Node 20', () => {
    expect(pkg.dependencies['idn-area-data']).toBe('4.0.1');
    expect(lock.packages['node_modules/idn-area-data']?.engines?.node).toBe('>=22.0.0');
  });
});
