// The values every answer template may use besides its handler's own: {menu}, {channel_<key>},
// {channel_<key>_hours} and {fact_<key>}. One function builds them; the loader checks templates against
// the names it produces, so the two can never disagree.
import type { Lang } from '../nlu/language.js';
import type { ChannelsFile, FactsFile, MenuFile } from './schema.js';
import { formatFact } from './format.js';

export interface CommonSources { menu: MenuFile['menu']; channels: ChannelsFile['channels']; facts: FactsFile['facts'] }

export function commonValues(s: CommonSources, lang: Lang): Record<string, string> {
  const v: Record<string, string> = { menu: s.menu.map((m, i) => `${i + 1}. ${m.label[lang]}`).join('\n') };
  for (const [key, ch] of Object.entries(s.channels)) {
    v[`channel_${key}`] = `${ch.name} (${ch.contact})`;
    v[`channel_${key}_hours`] = ch.hours[lang];
  }
  for (const [key, f] of Object.entries(s.facts)) v[`fact_${key}`] = formatFact(f.value, f.unit, lang);
  return v;
}

export function commonPlaceholders(facts: FactsFile['facts'], channels: ChannelsFile['channels']): Set<string> {
  return new Set(Object.keys(commonValues({ menu: [], channels, facts }, 'id')));
}
