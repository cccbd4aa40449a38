// Turns a Baileys WAMessage into what the bot needs: the text (plain, extended, captions, inside
// ephemeral / view-once wrappers) and the kind of media; and says which chats the bot must ignore.
import { normalizeMessageContent, isJidGroup, isJidBroadcast, isJidNewsletter, isJidStatusBroadcast, isPnUser, isLidUser, type WAMessage } from '@whiskeysockets/baileys';
import type { MediaKind } from '../../core/types.js';

export interface Extracted { text?: string; media?: MediaKind }

const MEDIA: Array<[string, MediaKind]> = [
  ['imageMessage', 'image'], ['videoMessage', 'video'], ['ptvMessage', 'video'], ['audioMessage', 'audio'], ['stickerMessage', 'sticker'],
  ['documentMessage', 'document'], ['documentWithCaptionMessage', 'document'], ['locationMessage', 'location'], ['liveLocationMessage', 'location'],
  ['contactMessage', 'contact'], ['contactsArrayMessage', 'contact'],
];

/** Text and media of a message; undefined for things that are not messages to answer (reactions, receipts, protocol). */
export function extract(msg: WAMessage): Extracted | undefined {
  const content = normalizeMessageContent(msg.message);
  if (!content) return undefined;
  const c = content as Record<string, { text?: string | null; caption?: string | null; message?: { documentMessage?: { caption?: string | null } } } | string | null | undefined>;
  if (typeof content.conversation === 'string' && content.conversation) return { text: content.conversation };
  const ext = content.extendedTextMessage?.text;
  if (ext) return { text: ext };
  for (const [field, kind] of MEDIA) {
    const m = c[field];
    if (m && typeof m === 'object') {
      const caption = m.caption ?? m.message?.documentMessage?.caption ?? undefined;
      return caption ? { text: caption, media: kind } : { media: kind };
    }
  }
  return undefined;
}

/** Chats the bot never answers: groups, status broadcasts, broadcast lists, newsletters. */
export function ignoredChat(jid: string | null | undefined): boolean {
  if (!jid) return true;
  return !!(isJidGroup(jid) || isJidStatusBroadcast(jid) || isJidBroadcast(jid) || isJidNewsletter(jid));
}

/**
 * A stable key for the person: the phone-number JID when known, so the LID and phone-number forms of one chat
 * share it (from the message's `remoteJidAlt`, or from LID -> phone pairs learnt earlier).
 */
export function conversationKey(msg: WAMessage, lidToPn?: ReadonlyMap<string, string>): string {
  const key = msg.key as { remoteJid?: string | null; remoteJidAlt?: string | null };
  const jid = key.remoteJid ?? '';
  if (isPnUser(jid)) return jid;
  if (key.remoteJidAlt && isPnUser(key.remoteJidAlt)) return key.remoteJidAlt;
  return lidToPn?.get(jid) ?? jid;
}

/** The LID and phone-number forms of a private chat, when the message carries both. */
export function lidPnPair(msg: WAMessage): { lid: string; pn: string } | undefined {
  const key = msg.key as { remoteJid?: string | null; remoteJidAlt?: string | null };
  const [a, b] = [key.remoteJid ?? '', key.remoteJidAlt ?? ''];
  if (isLidUser(a) && isPnUser(b)) return { lid: a, pn: b };
  if (isPnUser(a) && isLidUser(b)) return { lid: b, pn: a };
  return undefined;
}

/** Seconds since the epoch of a message, whatever numeric type Baileys gives it. */
export function timestampOf(msg: WAMessage): number | undefined {
  const t = msg.messageTimestamp as number | { toNumber(): number } | null | undefined;
  if (t === null || t === undefined) return undefined;
  return typeof t === 'number' ? t : t.toNumber();
}
