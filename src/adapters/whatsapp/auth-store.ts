// Baileys auth state on disk that a kill cannot corrupt: every file is written to a temporary name, flushed
// to disk, and renamed over the old one (rename is atomic on the same file system), then the folder is flushed
// so the rename survives a power cut. Temporary files left by a killed write are removed at start. Corrupt
// credentials stop the start with a message naming the file (never silently replaced by a new login, which
// would show a QR code instead of the problem); a corrupt key file is logged and treated as missing. Stores creds and every key type
// Baileys asks for (pre-key, session, sender-key, app-state-sync-*, lid-mapping, device-list, tctoken, ...),
// each write to one file serialised so two updates of the same key cannot interleave.
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDurably, TEMP_SUFFIX } from '../../util/durable-write.js';
import { AuthStateError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { BufferJSON, initAuthCreds, proto, type AuthenticationCreds, type AuthenticationState, type SignalDataTypeMap } from '@whiskeysockets/baileys';

const safeName = (s: string) => s.replace(/\//g, '__').replace(/:/g, '-');

export interface FileAuthState { state: AuthenticationState; saveCreds: () => Promise<void>; folder: string }

export async function useAtomicFileAuthState(folder: string, log?: Logger): Promise<FileAuthState> {
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(folder)) {
    if (name.endsWith(TEMP_SUFFIX)) await unlink(join(folder, name)).catch(() => undefined);
  }
  const chains = new Map<string, Promise<unknown>>();
  const serial = <T>(file: string, task: () => Promise<T>): Promise<T> => {
    const prev = chains.get(file) ?? Promise.resolve();
    const next = prev.then(task, task);
    chains.set(file, next.catch(() => undefined));
    return next;
  };
  const write = (file: string, data: unknown) => serial(file, () => writeDurably(join(folder, safeName(file)), JSON.stringify(data, BufferJSON.replacer)));
  /** The file's value; null when it does not exist. Throws when it exists but cannot be read or parsed. */
  const readStrict = (file: string) => serial(file, async () => {
    let text: string;
    try {
      text = await readFile(join(folder, safeName(file)), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return JSON.parse(text, BufferJSON.reviver) as unknown;
  });
  const read = async (file: string) => {
    try {
      return await readStrict(file);
    } catch (err) {
      log?.warn({ file: join(folder, safeName(file)), err: err instanceof SyntaxError ? 'not valid JSON' : (err as Error).message }, 'WhatsApp key file unreadable; treated as missing');
      return null;
    }
  };
  const remove = (file: string) => serial(file, async () => { await unlink(join(folder, safeName(file))).catch(() => undefined); });

  const credsPath = join(folder, 'creds.json');
  let stored: AuthenticationCreds | null;
  try {
    stored = (await readStrict('creds.json')) as AuthenticationCreds | null;
    if (stored !== null && (typeof stored !== 'object' || !stored.noiseKey || !stored.signedIdentityKey)) throw new Error('not Baileys credentials');
  } catch (err) {
    // Not the parser's message: it quotes the file, and the file holds the keys.
    throw new AuthStateError(credsPath, err instanceof SyntaxError ? 'not valid JSON, probably cut short by a crash or a full disk' : (err as Error).message);
  }
  const creds = stored ?? initAuthCreds();
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
