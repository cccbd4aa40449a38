// A suite that needs something this machine may lack (Chromium, redis-server): outside CI it is skipped,
// and its name in the report says why, so a skip is never mistaken for a pass.
import { describe } from 'vitest';

export function describeWhen(available: boolean, reason: string): (name: string, fn: () => void) => void {
  if (available || process.env.CI) return (name, fn) => describe(name, fn);
  return (name, fn) => describe.skip(`${name} (skipped: ${reason}; .ci/run installs it)`, fn);
}
