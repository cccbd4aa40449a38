// `npm start` (scripts/start.mjs) and `npm run bench` run this first: it compiles (npm run build) only when a
// file under src/, a tsconfig or package.json is newer than the last build, so an unchanged bot starts
// without the compiler.
import { readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const STAMP = 'dist/.build-stamp';

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

export function buildIfStale() {
  const sources = Math.max(newest('src'), ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].filter(existsSync).map(newest));
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  if (sources <= built) return;
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.stderr.write(`pandawa-bot: compiled in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) buildIfStale();
