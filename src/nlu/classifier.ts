// Intent classification: natural's naive Bayes classifier trained on the examples in intents/, with its
// scores turned into calibrated probabilities, checked against the nearest training example (TF-IDF cosine)
// so that messages made mostly of words the bot has never seen get a low confidence.
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';

export interface Scored { intent: string; score: number }
export interface Classification {
  /** Intents by calibrated probability, best first. */
  ranking: Scored[];
  /** Cosine similarity between the message and the closest example of the top intent (0..1). */
  similarity: number;
  /** The combined confidence that the top intent is right (0..1). */
  confidence: number;
}
export interface TrainingExample { intent: string; features: string[] }

export interface ClassifierOptions {
  /** Softens naive Bayes' over-confident posteriors: p^(1/T), renormalised. */
  temperature: number;
  /** Pseudo-count for a word never seen with an intent (natural's default, 1, blurs one-word messages). */
  smoothing: number;
}

export class IntentClassifier {
  private bayes: BayesClassifier;
  private idf = new Map<string, number>();
  private unseenIdf: number;
  private postings = new Map<string, Array<{ ex: number; w: number }>>();
  private exampleIntent: string[] = [];
  readonly intents: string[];

  constructor(examples: TrainingExample[], private readonly opts: ClassifierOptions = { temperature: 1, smoothing: 0.1 }) {
    this.bayes = new BayesClassifier(undefined, opts.smoothing);
    const df = new Map<string, number>();
    for (const ex of examples) for (const f of new Set(ex.features)) df.set(f, (df.get(f) ?? 0) + 1);
    const n = examples.length;
    for (const [f, c] of df) this.idf.set(f, Math.log((1 + n) / (1 + c)) + 1);
    this.unseenIdf = Math.log(1 + n) + 1;
    examples.forEach((ex, i) => {
      if (ex.features.length === 0) return;
      this.bayes.addDocument(ex.features, ex.intent);
      const ws = ex.features.map((f) => this.idf.get(f) ?? 0);
      const norm = Math.hypot(...ws) || 1;
      ex.features.forEach((f, k) => {
        const list = this.postings.get(f) ?? [];
        list.push({ ex: i, w: (ws[k] ?? 0) / norm });
        this.postings.set(f, list);
      });
      this.exampleIntent[i] = ex.intent;
    });
    this.bayes.train();
    this.intents = [...new Set(examples.map((e) => e.intent))].sort();
  }

  /** True when the feature occurs in some training example. */
  knows(feature: string): boolean {
    return this.idf.has(feature);
  }

  classify(features: string[]): Classification {
    if (features.length === 0) return { ranking: [], similarity: 0, confidence: 0 };
    const raw = this.bayes.getClassifications(features);
    const t = this.opts.temperature;
    const logs = raw.map((r) => (r.value > 0 ? Math.log(r.value) / t : -Infinity));
    const maxLog = Math.max(...logs);
    const exps = logs.map((l) => Math.exp(l - maxLog));
    const sum = exps.reduce((a, b) => a + b, 0) || 1;
    const ranking = raw.map((r, i) => ({ intent: r.label, score: (exps[i] ?? 0) / sum })).sort((a, b) => b.score - a.score);
    const top = ranking[0];
    const similarity = top ? this.nearest(features, top.intent) : 0;
    const confidence = top ? Math.sqrt(top.score * similarity) : 0;
    return { ranking, similarity, confidence };
  }

  /** Cosine similarity to the closest example of `intent`; words never seen in training count against it. */
  nearest(features: string[], intent: string): number {
    const qw = features.map((f) => this.idf.get(f) ?? this.unseenIdf);
    const qnorm = Math.hypot(...qw) || 1;
    const acc = new Map<number, number>();
    features.forEach((f, k) => {
      for (const p of this.postings.get(f) ?? []) {
        if (this.exampleIntent[p.ex] !== intent) continue;
        acc.set(p.ex, (acc.get(p.ex) ?? 0) + p.w * ((qw[k] ?? 0) / qnorm));
      }
    });
    let best = 0;
    for (const v of acc.values()) if (v > best) best = v;
    return Math.min(1, best);
  }
}
