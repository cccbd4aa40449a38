// Baileys auth state on disk that a kill cannot corrupt: every file is written to a temporary name and
// renamed over the old one (rename is atomic on the same file system). Stores creds and every key type
// Baileys asks for (pre-key, session, sender-key, app-state-sync-*, lid-mapping, device-list, tctoken, ...),
// each write to one file serialised so two updates of the same key cannot interleave.
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BufferJSON, initAuthCreds, proto, type AuthenticationCreds, type AuthenticationState, type SignalDataTypeMap } from '@whiskeysockets/baileys';

const safeName = (s: string) => s.replace(/\//g, '__').replace(/:/g, '-');

export interface FileAuthState { state: AuthenticationState; saveCreds: () => Promise<void>; folder: string }

export async function useAtomicFileAuthState(folder: string): Promise<FileAuthState> {
  await mkdir(folder, { recursive: true });
  const chains = new Map<string, Promise<unknown>>();
  const serial = <T>(file: string, task: () => Promise<T>): Promise<T> => {
    const prev = chains.get(file) ?? Promise.resolve();
    const next = prev.then(task, task);
    chains.set(file, next.catch(() => undefined));
    return next;
  };
  const write = (file: string, data: unknown) => serial(file, async () => {
    const path = join(folder, safeName(file));
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(data, BufferJSON.replacer));
    await rename(tmp, path);
  });
  const read = (file: string) => serial(file, async () => {
    try {
      return JSON.parse(await readFile(join(folder, safeName(file)), 'utf8'), BufferJSON.reviver) as unknown;
    } catch {
      return null;
    }
  });
  const remove = (file: string) => serial(file, async () => { await unlink(join(folder, safeName(file))).catch(() => undefined); });

  const creds = ((await read('creds.json')) as AuthenticationCreds | null) ?? initAuthCreds();
  const state: AuthenticationState = {
    creds,
    keys: {
      get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
        const out: { [id: string]: SignalDataTypeMap[T] } = {};
        await Promise.all(ids.map(async (id) => {
          let value = await read(`${type}-${id}.json`);
          if (type === 'app-state-sync-key' && value) {
            const AppStateSyncKeyData = proto.Message.AppStateSyncKeyData as unknown as { fromObject?: (v: unknown) => unknown; create: (v: unknown) => unknown };
            value = (AppStateSyncKeyData.fromObject ?? AppStateSyncKeyData.create)(value);
          }
          if (value !== null) out[id] = value as SignalDataTypeMap[T];
        }));
        return out;
      },
      set: async (data) => {
        const tasks: Promise<unknown>[] = [];
        for (const [type, entries] of Object.entries(data)) {
          for (const [id, value] of Object.entries(entries ?? {})) {
            tasks.push(value ? write(`${type}-${id}.json`, value) : remove(`${type}-${id}.json`));
          }
        }
        await Promise.all(tasks);
      },
    },
  };
  return { state, folder, saveCreds: () => write('creds.json', creds) };
}
