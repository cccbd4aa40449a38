// The real socket factory: Baileys 7 with the atomic file auth state, the cacheable key store, no online
// presence on connect, no full-history sync, and getMessage wired for retries.
import makeWASocket, { Browsers, makeCacheableSignalKeyStore, isJidBroadcast, isJidNewsletter, isJidStatusBroadcast } from '@whiskeysockets/baileys';
import type { Logger } from '../../log.js';
import { useAtomicFileAuthState } from './auth-store.js';
import type { SocketFactory, WASocketLike } from './channel.js';

export async function baileysSocketFactory(authDir: string, logger: Logger): Promise<SocketFactory> {
  const { state, saveCreds } = await useAtomicFileAuthState(authDir, logger);
  // Baileys logs a lot at info; keep its own logger quieter than ours.
  const baileysLogger = logger.child({ module: 'baileys' }, { level: logger.level === 'debug' || logger.level === 'trace' ? 'debug' : 'warn' });
  return async (hooks) => {
    const sock = makeWASocket({
      auth: { creds: state.creds, keys: makeCacheableSignalKeyStore(state.keys, baileysLogger as never) },
      logger: baileysLogger as never,
      browser: Browsers.ubuntu('Chrome'),
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldSyncHistoryMessage: () => false,
      shouldIgnoreJid: (jid) => !!(isJidBroadcast(jid) || isJidStatusBroadcast(jid) || isJidNewsletter(jid)),
      getMessage: hooks.getMessage,
    });
    sock.ev.on('creds.update', () => { saveCreds().catch((err: unknown) => logger.error({ err }, `WhatsApp credentials could not be saved in ${authDir}; check free space and permissions`)); });
    return sock as unknown as WASocketLike;
  };
}
