// `npm start` as a child process for tests: started on a free port, with the given environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BotProcess { base: string; child: ChildProcess; stderr(): string; exit: Promise<number | null>;
  post(body: object): Promise<Response>; metric(name: string): Promise<number | undefined> }

export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    // No Redis unless the test gives one (CI sets REDIS_URL for the whole run).
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', WATCH_CONTENT: 'false', UNANSWERED_FILE: 'off', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => { err += d; });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => { const m = /localhost:(\d+)/.exec(l); if (m) resolve(Number(m[1])); });
    void exit.then(() => reject(new Error(`bot exited: ${err}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base, child, exit, stderr: () => err,
    post: (body) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    /** The value of a metric without labels, from GET /metrics. */
    async metric(name) {
      const text = await (await fetch(`${base}/metrics`)).text();
      const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
      return m ? Number(m[1]) : undefined;
    },
  };
}
