// Indonesian or English, per message, from the words it uses. Ties keep the conversation's language.
import { ENGLISH_WORDS, INDONESIAN_WORDS } from './words.js';

export type Lang = 'id' | 'en';

export function detectLanguage(tokens: string[], slangKeys: ReadonlySet<string>, fallback: Lang = 'id'): Lang {
  let en = 0;
  let id = 0;
  for (const t of tokens) {
    const isEn = ENGLISH_WORDS.has(t);
    const isId = INDONESIAN_WORDS.has(t) || slangKeys.has(t);
    if (isEn && !isId) en += 1;
    else if (isId && !isEn) id += 1;
  }
  if (en > id) return 'en';
  if (id > en) return 'id';
  return fallback;
}
