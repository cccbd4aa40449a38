import { loadBotContent } from '../src/content/index.js';
const s = await loadBotContent('.');
for (const t of process.argv.slice(2)) {
  const u = s.nlu.understand(t);
  console.log(JSON.stringify(t), u.lang, 'feat=', u.features.join(','), 'sim=', u.similarity.toFixed(2), 'conf=', u.confidence.toFixed(2), 'known=', u.knownShare.toFixed(2));
  console.log('   ', u.ranking.slice(0, 3).map((r) => `${r.intent}:${r.score.toFixed(3)}`).join('  '));
}
