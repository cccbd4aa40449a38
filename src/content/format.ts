// Numbers, percentages, dates and sources, written the way each language writes them:
// Indonesian "99,53 persen", "314.775 jiwa", "27 Januari 2026"; English "99.53%", "314,775 people".
import type { Lang } from '../nlu/language.js';
import type { PercentFigure, Source } from './schema.js';

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-US');
const MONTHS: Record<Lang, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

// Intl formatters are expensive to build and cheap to reuse: one per language and precision.
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number, lang: Lang, maxFraction = 2): string {
  const key = `${lang}:${maxFraction}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: maxFraction });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** "314.775 jiwa", "282,7 juta jiwa" / "314,775 people", "282.7 million people". */
export function formatPeople(n: number, lang: Lang): string {
  if (n >= 1_000_000) return lang === 'id' ? `${formatNumber(n / 1e6, lang, 1)} juta jiwa` : `${formatNumber(n / 1e6, lang, 1)} million people`;
  return lang === 'id' ? `${formatNumber(n, lang)} jiwa` : `${formatNumber(n, lang)} people`;
}

const QUALIFIER: Record<Lang, Record<string, string>> = {
  id: { above: 'lebih dari ', at_least: 'sedikitnya ', about: 'sekitar ' },
  en: { above: 'more than ', at_least: 'at least ', about: 'about ' },
};

/** "99,53 persen", "lebih dari 98 persen" / "99.53%", "more than 98%". */
export function formatPercent(p: PercentFigure, lang: Lang): string {
  const value = typeof p === 'number' ? p : p.value;
  const q = typeof p === 'number' ? '' : QUALIFIER[lang][p.qualifier] ?? '';
  const n = formatNumber(value, lang);
  return lang === 'id' ? `${q}${n} persen` : `${q}${n}%`;
}

const weekdayFormats: Partial<Record<Lang, Intl.DateTimeFormat>> = {};
/** "Selasa, 27 Januari 2026" / "Tuesday, 27 January 2026". */
export function formatDayDate(iso: string, lang: Lang): string {
  const d = new Date(`${iso}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return formatDate(iso, lang);
  weekdayFormats[lang] ??= new Intl.DateTimeFormat(locale(lang), { weekday: 'long', timeZone: 'UTC' });
  const day = weekdayFormats[lang].format(d);
  return `${day}, ${formatDate(iso, lang)}`;
}

/** "27 Januari 2026" or "Januari 2026" from "2026-01-27" / "2026-01". */
export function formatDate(iso: string, lang: Lang): string {
  if (iso === 'n.d.') return lang === 'id' ? 'tanpa tanggal' : 'undated';
  const [y, m, d] = iso.split('-').map(Number);
  if (!m) return String(y);
  const month = MONTHS[lang][m - 1] ?? '';
  if (!d) return `${month} ${y}`;
  return lang === 'id' ? `${d} ${month} ${y}` : `${d} ${month} ${y}`;
}

/**
 * "jatengnews.id: Kota Semarang raih ..., Januari 2026". In English, the source's English title, or else the
 * outlet alone (the part before ":"), so an English answer carries no Indonesian headline.
 */
export function formatSource(s: Source, lang: Lang): string {
  const title = lang === 'en' ? s.title_en ?? s.title.split(':')[0] ?? s.title : s.title;
  return `${title}, ${formatDate(s.date, lang)}`;
}

export function formatFact(value: number | string | { id: string; en: string }, unit: string, lang: Lang): string {
  if (typeof value === 'object') return value[lang];
  if (unit === 'date' && typeof value === 'string') return formatDate(value, lang);
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'days': return lang === 'id' ? `${formatNumber(value, lang)} hari` : `${formatNumber(value, lang)} days`;
    case 'months': return lang === 'id' ? `${formatNumber(value, lang)} bulan` : `${formatNumber(value, lang)} months`;
    case 'percent': return formatPercent(value, lang);
    case 'rupiah':
      if (value >= 1_000_000 && value % 100_000 === 0) return lang === 'id' ? `Rp ${formatNumber(value / 1e6, lang, 1)} juta` : `Rp ${formatNumber(value / 1e6, lang, 1)} million`;
      return `Rp ${formatNumber(value, lang, 0)}`;
    default: return formatNumber(value, lang);
  }
}
