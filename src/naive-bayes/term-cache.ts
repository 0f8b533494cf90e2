import { hashTermsTransient, type HashedText, type NaiveBayesFeatureSettings } from './features.js';
import { copyTerms } from './hash-kernels.js';

/**
 * Each text's hashed terms, computed once per run: the loop scores the same rows with 15 fold models a
 * round, and hashing the character n-grams was most of naive Bayes' time. Bounded: past `maxBytes` of
 * stored terms (6 bytes an id with 16-bit counts, plus 200 bytes counted a text for its buffer, views
 * and map entry; V8's own counters put those at about 360) new texts are hashed but not kept. The
 * default, 160 MiB, holds the terms of about 80,000 tweets or 5,000 long reviews; it was 32 million
 * ids at 8 bytes (256 MiB), the largest single block of a million-row round's memory.
 */
export class TermCache {
  private readonly map = new Map<string, HashedText>();
  private stored = 0;

  constructor(
    readonly settings: NaiveBayesFeatureSettings,
    private readonly maxBytes = 160 * 2 ** 20,
  ) {}

  /**
   * The text's terms. A text the cache cannot keep gets them as views of the hashing kernel's memory
   * (hashTermsTransient), valid only until the next call: read them at once, keep nothing.
   */
  get(text: string): HashedText {
    const hit = this.map.get(text);
    if (hit) return hit;
    const terms = hashTermsTransient(text, this.settings);
    const bytes = terms.ids.byteLength + terms.counts.byteLength + TEXT_OVERHEAD_BYTES;
    if (this.stored + bytes > this.maxBytes) return terms;
    const kept = copyTerms(terms);
    this.map.set(text, kept);
    this.stored += bytes;
    return kept;
  }
}

/**
 * What the bound counts for a kept text beyond its terms' bytes (the map entry, the object, its buffer and two
 * views). That is less than they take: about 360 bytes by V8's counters (docs/benchmarks.md, "Scale"). Kept
 * as it is, because the scale figures were measured with it.
 */
const TEXT_OVERHEAD_BYTES = 200;
