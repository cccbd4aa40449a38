// natural's deep modules ship no types; we load only the submodules we use (the package root pulls
// database clients and dotenv), so declare just what this project calls.
declare module 'natural/lib/natural/stemmers/indonesian/stemmer_id.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/indonesian/data/kata-dasar.json' {
  const words: string[];
  export default words;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    addDocument(tokens: string[], label: string): void;
    train(): void;
    getClassifications(tokens: string[]): Array<{ label: string; value: number }>;
    classify(tokens: string[]): string;
  }
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distances: {
    LevenshteinDistance(a: string, b: string, options?: object): number;
    DamerauLevenshteinDistance(a: string, b: string, options?: object): number;
  };
  export default distances;
}
