// npm run unanswered: the messages the bot could not answer well, grouped by similar wording, most frequent
// first, with the bot's best guess, so an editor can add them as examples.
import { loadConfig, loadDotEnv } from '../config.js';
import { UnansweredStore } from '../core/unanswered.js';

loadDotEnv();
const file = process.argv[2] ?? loadConfig().UNANSWERED_FILE;
const store = new UnansweredStore(file);
const groups = store.groups();
if (!groups.length) {
  console.log(`No unanswered messages recorded in ${file}.`);
} else {
  console.log(`${store.all().length} unanswered messages in ${groups.length} groups (${file}):\n`);
  for (const g of groups) {
    const guesses = Object.entries(g.guesses).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`).join(', ');
    console.log(`${String(g.count).padStart(4)}×  "${g.example}"   last ${g.lastAt.slice(0, 16).replace('T', ' ')}${guesses ? `   best guess: ${guesses}` : ''}`);
    for (const t of g.texts.slice(1)) console.log(`        also: "${t}"`);
  }
}
