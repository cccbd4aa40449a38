// An English question gets an answer in English throughout: no Indonesian words around the facts (region
// names such as "Kota Semarang" and programme names such as "Mobile JKN" are names, not Indonesian text).
import { describe, expect, it } from 'vitest';
import { newBot, msg } from '../helpers.js';

const INDONESIAN = /\b(dan|yang|untuk|atau|dengan|dari|tidak|belum|sudah|persen|penduduk|jiwa|sumber|ketik|bulan|hari|tahun|peserta|keaktifan|cakupan|kategori|meraih|diterima|aplikasi|telepon|pukul|waktu setempat|senin|jumat|silakan|maaf|berobat|daftar|iuran|tunggakan|denda|kecamatan)\b/i;

const conversations: string[][] = [
  ['how do I sign up for JKN on my own?', 'when does the card start working?', 'when is the monthly payment due?'],
  ['how much is class 2 per month?', 'what if I stop paying for a year, how do I reactivate?', 'is there a fine?'],
  ['can I pay my arrears in instalments?', 'how do I register my newborn?', 'what documents do I need?'],
  ['my PBI card was switched off, what now?', 'I lost my job, what happens to my JKN?', 'how can I check my status?'],
  ['which category did Semarang get at the UHC Award?', 'who accepted it?', 'why Madya?'],
  ['when and where was the 2026 UHC Award?', 'who handed out the awards?', 'how many regencies and cities won?'],
  ['what are the award categories?', 'what data period was used?', 'was there a UHC Award in 2025?'],
  ['what is the JKN coverage in Pekalongan city?', 'and the active rate?', 'as of when?'],
  ['national JKN membership right now?', 'and at the end of 2024?', 'how many were inactive in September 2024?'],
  ['JKN coverage in Tembalang?', 'JKN coverage in Jakarta?', 'JKN coverage in Tokyo?'],
  ['what is the PANDAWA WhatsApp number?', 'what is CHIKA?', 'what can you do?'],
  ['how do I unlock my ATM card?', 'thank you!'],
];

describe('English answers are English throughout', () => {
  it.each(conversations.map((c, i) => [c[0], c, i] as const))('%s', async (_first, turns, i) => {
    const bot = await newBot();
    for (const text of turns) {
      const res = bot.handle(msg(`en-${i}`, text));
      const reply = res.replies.join('\n');
      expect(res.lang, text).toBe('en');
      const found = reply.replace(/\b(Kota|Kabupaten|Provinsi) [A-Z][\w ]*/g, '').replace(/“[^”]*”/g, '').match(INDONESIAN);
      expect(found?.[0], `"${text}" -> ${res.answers.join(' + ')}\n${reply}`).toBeUndefined();
    }
  });
});
