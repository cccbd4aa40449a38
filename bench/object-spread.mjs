// Why the turn copies objects with withFields (src/util/objects.ts) and not `{ ...base, more }`: on Node 20
// (V8 11) a literal that starts with a spread and then adds a field is slow and every copy survives young
// collections. node --expose-gc bench/object-spread.mjs: time per copy, young collections and their pauses.
import { PerformanceObserver, constants } from 'node:perf_hooks';

const base = { tokens: ['a'], features: ['b'], regions: [], national: false, kinds: [], years: [], months: [], isQuestion: true, knownShare: 0.5 };
const ways = {
  '{ ...base, added }': (i) => ({ ...base, confidence: i }),
  '{ ...base, ...other }': (i) => ({ ...base, ...{ confidence: i } }),
  'withFields (Object.assign)': (i) => Object.assign({}, base, { confidence: i }),
  '{ added, ...base }': (i) => ({ confidence: i, ...base }),
  '{ ...base, replaced }': (i) => ({ ...base, knownShare: i }),
};
let gcs = [];
new PerformanceObserver((l) => { gcs.push(...l.getEntries()); }).observe({ entryTypes: ['gc'] });
const N = 2_000_000;
for (const [name, make] of Object.entries(ways)) {
  for (let i = 0; i < 200_000; i++) make(i);
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 10));
  gcs = [];
  let x = 0;
  const t = performance.now();
  for (let i = 0; i < N; i++) x += make(i).tokens.length;
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 10));
  const minor = gcs.filter((g) => g.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR);
  const pause = minor.reduce((a, g) => a + g.duration, 0);
  if (x !== N) throw new Error('copies lost');
  console.log(`${name.padEnd(28)} ${((ms * 1000) / N).toFixed(3)} µs a copy; ${minor.length} young collections, ${pause.toFixed(0)} ms of pauses`);
}
