import { hashTerms, type HashedText, type NaiveBayesFeatureSettings } from './features.js';

/**
 * Each text's hashed terms, computed once per run: the loop scores the same rows with 15 fold models a
 * round, and hashing the character n-grams was most of naive Bayes' time. Bounded: past `maxIds` stored
 * ids (8 bytes each) new texts are hashed but not kept.
 */
export class TermCache {
  private readonly map = new Map<string, HashedText>();
  private stored = 0;

  constructor(
    readonly settings: NaiveBayesFeatureSettings,
    private readonly maxIds = 32_000_000,
  ) {}

  get(text: string): HashedText {
    const hit = this.map.get(text);
    if (hit) return hit;
    const terms = hashTerms(text, this.settings);
    if (this.stored + terms.ids.length <= this.maxIds) {
      this.map.set(text, terms);
      this.stored += terms.ids.length;
    }
    return terms;
  }
}
