// The values every answer template may use besides its handler's own: {menu}, {channel_<key>},
// {channel_<key>_hours} and {fact_<key>}. One function builds them; the loader checks templates against
// the names it produces, so the two can never disagree.
import type { Lang } from '../nlu/language.js';
import type { ChannelsFile, FactsFile, MenuFile } from './schema.js';
import { formatFact, formatSource } from './format.js';

export interface CommonSources { menu: MenuFile['menu']; channels: ChannelsFile['channels']; facts: FactsFile['facts'] }

export function commonValues(s: CommonSources, lang: Lang): Record<string, string> {
  const v: Record<string, string> = { menu: s.menu.map((m, i) => `${i + 1}. ${m.label[lang]}`).join('\n') };
  const say = (w: string | { id: string; en: string }) => (typeof w === 'string' ? w : w[lang]);
  for (const [key, ch] of Object.entries(s.channels)) {
    v[`channel_${key}`] = `${say(ch.name)} (${say(ch.contact)})`;
    v[`channel_${key}_name`] = say(ch.name);
    v[`channel_${key}_contact`] = say(ch.contact);
    v[`channel_${key}_hours`] = ch.hours[lang];
    v[`channel_${key}_purpose`] = ch.purpose[lang];
    v[`channel_${key}_source`] = formatSource(ch.source, lang);
  }
  for (const [key, f] of Object.entries(s.facts)) {
    v[`fact_${key}`] = formatFact(f.value, f.unit, lang);
    v[`fact_${key}_source`] = formatSource(f.source, lang);
  }
  return v;
}

export function commonPlaceholders(facts: FactsFile['facts'], channels: ChannelsFile['channels']): Set<string> {
  return new Set(Object.keys(commonValues({ menu: [], channels, facts }, 'id')));
}
