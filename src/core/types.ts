// The one inbound message type every channel produces, and the one answer shape every channel delivers.
import type { Lang } from '../nlu/language.js';

export type MediaKind = 'image' | 'video' | 'audio' | 'sticker' | 'document' | 'location' | 'contact' | 'other';

export interface Inbound {
  /** Channel-unique message id (used later for duplicate detection). */
  id: string;
  channel: string;
  /** Who is talking: the key for conversation context. */
  chatId: string;
  text?: string;
  /** Set when the message carries media; `text` then holds its caption, if any. */
  media?: MediaKind;
  receivedAt: Date;
}

export interface RegionEntity { code: string; name: string; kind: string; matched: string; alternatives?: string[]; district?: string }

export interface Entities {
  region?: RegionEntity;
  national?: boolean;
  /** Masked: the bot never repeats a NIK or phone number in full. */
  nik?: string;
  phone?: string;
  card?: string;
  email?: string;
  menuChoice?: number;
}

export interface BotResponse {
  from: string;
  intent: string;
  confidence: number;
  lang: Lang;
  entities: Entities;
  /** Which answers the reply gives, as "intent/case" ("award.region_result/receiver"), in order. */
  answers: string[];
  replies: string[];
}
