// A Redis server for the tests: REDIS_URL when CI started one (.ci/run), else a private redis-server on a
// free loopback port if the binary is installed, else none (the Redis tests then skip, outside CI only).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface TestRedis { url: string; stop(): Promise<void>; kill(): Promise<void>; restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs with its connections open. */
  pause(): void; resume(): void }

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    s.close(() => resolve(port));
  });
});

export const redisAvailable = (): boolean => !!process.env.REDIS_URL || spawnSync('redis-server', ['--version']).status === 0;

/** A private redis-server this test can stop and start (for outage tests); needs the binary. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().includes('PONG')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  };
  await start();
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => { c.once('exit', () => resolve()); c.kill('SIGKILL'); });
  };
  const stop = async () => { child?.kill('SIGCONT'); await kill(); };
  return { url: `redis://127.0.0.1:${port}`, stop, kill, restart: start, pause: () => { child?.kill('SIGSTOP'); }, resume: () => { child?.kill('SIGCONT'); } };
}

/** The shared URL (CI) or a private server. */
export async function testRedisUrl(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  return startRedis();
}
