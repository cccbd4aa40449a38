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
  /**
   * natural's trained model in log space: for each feature, its log-probability under each intent, and each
   * intent's prior plus the log-probability of a word it never saw. Scoring a message is then a few additions
   * per intent instead of natural's pass over the whole vocabulary; the numbers are the same (see tests).
   */
  private labels: string[] = [];
  private logPrior!: Float64Array;
  private logByFeature = new Map<string, Float64Array>();
  /** Feature sets of the examples -> their intent (null when two intents share one): a taught message is answered as taught. */
  private exact = new Map<string, string | null>();
  private idf = new Map<string, number>();
  private unseenIdf: number;
  /** Per intent: feature -> the examples of that intent holding it, with the feature's TF-IDF weight there. */
  private postings = new Map<string, Map<string, Array<{ ex: number; w: number }>>>();
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
      const key = [...ex.features].sort().join(' ');
      const seen = this.exact.get(key);
      this.exact.set(key, seen === undefined || seen === ex.intent ? ex.intent : null);
      this.bayes.addDocument(ex.features, ex.intent);
      const ws = ex.features.map((f) => this.idf.get(f) ?? 0);
      const norm = Math.hypot(...ws) || 1;
      let byFeature = this.postings.get(ex.intent);
      if (!byFeature) this.postings.set(ex.intent, (byFeature = new Map()));
      ex.features.forEach((f, k) => {
        const list = byFeature.get(f) ?? [];
        list.push({ ex: i, w: (ws[k] ?? 0) / norm });
        byFeature.set(f, list);
      });
    });
    this.bayes.train();
    this.compileModel();
    this.intents = [...new Set(examples.map((e) => e.intent))].sort();
  }

  /** Reads natural's trained counts (apparatus BayesClassifier: classFeatures, classTotals, totalExamples, smoothing). */
  private compileModel() {
    const nat = this.bayes as unknown as { features: Record<string, number>; classifier: {
      classFeatures: Record<string, Record<number, number>>; classTotals: Record<string, number>; totalExamples: number; smoothing: number } };
    const m = nat.classifier;
    this.labels = Object.keys(m.classFeatures);
    const n = this.labels.length;
    this.logPrior = new Float64Array(n);
    const unseen = new Float64Array(n);
    this.labels.forEach((label, c) => {
      const total = m.classTotals[label] ?? 1;
      this.logPrior[c] = Math.log(total / m.totalExamples);
      unseen[c] = Math.log(m.smoothing / total);
    });
    let index = 0;
    for (const feature in nat.features) {
      const logs = new Float64Array(n);
      this.labels.forEach((label, c) => {
        const count = m.classFeatures[label]?.[index];
        logs[c] = count ? Math.log(count / (m.classTotals[label] ?? 1)) : (unseen[c] ?? 0);
      });
      this.logByFeature.set(feature, logs);
      index += 1;
    }
  }

  /** natural's own scores, the slow way; kept to check the compiled model against (tests). */
  naturalScores(features: string[]): Array<{ label: string; value: number }> {
    return this.bayes.getClassifications(features);
  }

  get temperature(): number {
    return this.opts.temperature;
  }

  /** True when the feature occurs in some training example. */
  knows(feature: string): boolean {
    return this.idf.has(feature);
  }

  /** natural's naive Bayes posteriors for the features, softened by the temperature; unsorted. */
  scores(features: string[]): Scored[] {
    const n = this.labels.length;
    const logs = Float64Array.from(this.logPrior);
    for (const f of features) {
      const l = this.logByFeature.get(f);
      if (l) for (let c = 0; c < n; c++) logs[c] = (logs[c] ?? 0) + (l[c] ?? 0);
    }
    const t = this.opts.temperature;
    let maxLog = -Infinity;
    for (let c = 0; c < n; c++) { logs[c] = (logs[c] ?? 0) / t; if ((logs[c] ?? 0) > maxLog) maxLog = logs[c] ?? 0; }
    let sum = 0;
    const exps = new Float64Array(n);
    for (let c = 0; c < n; c++) { exps[c] = Math.exp((logs[c] ?? 0) - maxLog); sum += exps[c] ?? 0; }
    return this.labels.map((intent, c) => ({ intent, score: (exps[c] ?? 0) / sum }));
  }

  classify(features: string[]): Classification {
    if (features.length === 0) return { ranking: [], similarity: 0, confidence: 0 };
    let ranking = this.scores(features);
    // The same words as an example: that example's intent, at a probability of at least 0.9.
    const taught = this.exact.get([...features].sort().join(' '));
    const taughtScore = taught ? ranking.find((r) => r.intent === taught)?.score ?? 0 : 0;
    if (taught && taughtScore < 0.9) {
      const rest = 1 - taughtScore;
      ranking = ranking.map((r) => ({ intent: r.intent, score: r.intent === taught ? 0.9 : rest > 0 ? (r.score / rest) * 0.1 : 0 }));
    }
    ranking.sort((a, b) => b.score - a.score);
    const top = ranking[0];
    const similarity = top ? this.nearest(features, top.intent) : 0;
    const confidence = top ? Math.sqrt(top.score * similarity) : 0;
    return { ranking, similarity, confidence };
  }

  /** Cosine similarity to the closest example of `intent`; words never seen in training count against it. */
  nearest(features: string[], intent: string): number {
    const qw = features.map((f) => this.idf.get(f) ?? this.unseenIdf);
    const qnorm = Math.hypot(...qw) || 1;
    const byFeature = this.postings.get(intent);
    const acc = new Map<number, number>();
    features.forEach((f, k) => {
      for (const p of byFeature?.get(f) ?? []) acc.set(p.ex, (acc.get(p.ex) ?? 0) + p.w * ((qw[k] ?? 0) / qnorm));
    });
    let best = 0;
    for (const v of acc.values()) if (v > best) best = v;
    return Math.min(1, best);
  }
}
