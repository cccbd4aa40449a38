// Profiling aid: prints the functions with the most self time in a .cpuprofile (node bench/hotspots.mjs DIR).
import { readdirSync, readFileSync } from 'node:fs';
const dir = process.argv[2] ?? '/tmp/prof';
const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => [f, readFileSync(`${dir}/${f}`).length]).sort((a, b) => b[1] - a[1])[0][0];
const p = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const total = p.timeDeltas.reduce((a, b) => a + b, 0);
const self = new Map();
p.samples.forEach((s, i) => {
  const n = byId.get(s);
  const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + p.timeDeltas[i]);
});
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 25))) console.log(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
