// npm run bench:classifier: the intent classifier against natural's naive Bayes, by 5-fold cross-validation
// over intents/ (the same features for both). Prints top-1 accuracy, family accuracy and training time.
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { loadBotContent } from '../src/content/index.js';
import { IntentClassifier } from '../src/nlu/classifier.js';

const s = await loadBotContent('.', { nluCacheSize: 0 });
const items = s.intents.flatMap((it) => it.examples.map((text) => ({ intent: it.name, f: s.nlu.featuresOf(text) })));
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const order = items.map((x) => ({ x, r: random() })).sort((a, b) => a.r - b.r).map((o) => o.x);
const family = (i: string) => i.split('.')[0];
const tally = { linear: { ok: 0, fam: 0, ms: 0 }, bayes: { ok: 0, fam: 0, ms: 0 } };
for (let k = 0; k < 5; k++) {
  const test = order.filter((_, i) => i % 5 === k);
  const train = order.filter((_, i) => i % 5 !== k);
  let t = performance.now();
  const linear = new IntentClassifier(train.map((x) => ({ intent: x.intent, features: x.f })));
  tally.linear.ms += performance.now() - t;
  t = performance.now();
  const bayes = new BayesClassifier(undefined, 0.2);
  for (const x of train) if (x.f.length) bayes.addDocument(x.f, x.intent);
  bayes.train();
  tally.bayes.ms += performance.now() - t;
  for (const x of test) {
    const a = linear.classify(x.f).ranking[0]?.intent ?? '';
    const b = x.f.length ? bayes.classify(x.f) : '';
    if (a === x.intent) tally.linear.ok++;
    if (b === x.intent) tally.bayes.ok++;
    if (family(a) === family(x.intent)) tally.linear.fam++;
    if (family(b) === family(x.intent)) tally.bayes.fam++;
  }
}
const pct = (n: number) => `${((100 * n) / items.length).toFixed(1)}%`;
console.log(`5-fold cross-validation over ${items.length} examples of ${s.intents.length} intents`);
for (const [name, t] of Object.entries(tally)) console.log(`${name.padEnd(8)} intent ${pct(t.ok)}  family ${pct(t.fam)}  training ${Math.round(t.ms / 5)} ms`);
