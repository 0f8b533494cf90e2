import { terms, type FeaturizerSettings } from './featurizer.js';
import type { TermDictionary } from './types.js';

/**
 * Each text's word terms as ids into one dictionary, tokenized once per run: the loop fits the dense
 * model some 20 times a round (fold models, each twice with pseudo-labels) and scores most rows as often,
 * and tokenizing every text again each time was about a sixth of the loop's time on headlines. The
 * featurizers of a run's models share it (`denseFactory`); their vocabularies and rows are the same as
 * from the strings (`DenseFeaturizer`).
 *
 * Compact: the kept ids lie in 4 MiB arrays, each text's as its count and then its ids, found by a map from
 * the text to its place. Bounded twice: texts are kept while the arrays and the map's entries (counted 100
 * bytes a text) take at most `maxBytes`, 40 MiB (every text of the corpora in docs/benchmarks.md up to
 * 20,000 rows; about 250,000 tweets of a million-row pool); past that they are tokenized each time, as before. The dictionary takes at most `maxTerms` terms: a text with
 * a term it cannot add gets null, and the featurizer works from its strings. No term gains an id once the
 * dictionary is full, so a term without one stays without one.
 */
export class DenseTermCache implements TermDictionary {
  /** text -> chunk number x CHUNK_INTS + the place of its count in that chunk */
  private readonly placeOf = new Map<string, number>();
  private readonly chunks: Int32Array[] = [];
  /** ints used in the last chunk */
  private used = CHUNK_INTS;
  private readonly idOfTerm = new Map<string, number>();
  private readonly terms: string[] = [];
  private stored = 0;
  /** alphabetical rank of each id, and the id of each rank, as of the ids there were */
  private ranks: { rankOf: Int32Array; idOfRank: Int32Array } | null = null;
  /** a text's ids before they are kept, or for the caller when they are not */
  private scratch = new Int32Array(256);

  constructor(
    readonly settings: Pick<FeaturizerSettings, 'ngrams' | 'normalize'>,
    private readonly maxBytes = 40 * 2 ** 20,
    private readonly maxTerms = 500_000,
  ) {}

  get size(): number {
    return this.terms.length;
  }

  /** Texts whose ids are kept. */
  get keptTexts(): number {
    return this.placeOf.size;
  }

  term(id: number): string {
    const t = this.terms[id];
    if (t === undefined) throw new Error(`no term has id ${id}`);
    return t;
  }

  /**
   * Each id's place in the alphabetical order of the terms (JavaScript's string order, by UTF-16 code
   * units), and the id at each place. Computed again only when ids were added since the last call.
   */
  alphabetical(): { rankOf: Int32Array; idOfRank: Int32Array } {
    if (this.ranks?.rankOf.length === this.terms.length) return this.ranks;
    const { terms } = this;
    const idOfRank = Int32Array.from(terms.keys()).sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
    const rankOf = new Int32Array(terms.length);
    idOfRank.forEach((id, rank) => (rankOf[id] = rank));
    this.ranks = { rankOf, idOfRank };
    return this.ranks;
  }

  idOf(term: string): number {
    return this.idOfTerm.get(term) ?? -1;
  }

  /**
   * The text's terms (n-grams included, in order, repeats kept) as ids, or null when one of them is new
   * and the dictionary is full. A view: read it at once and do not change it; a text that is not kept
   * gets one valid only until the next call.
   */
  ids(text: string): Int32Array | null {
    const place = this.placeOf.get(text);
    if (place !== undefined) {
      const chunk = this.chunks[Math.floor(place / CHUNK_INTS)]!;
      const at = place % CHUNK_INTS;
      return chunk.subarray(at + 1, at + 1 + chunk[at]!);
    }
    const list = terms(text, this.settings);
    if (list.length > this.scratch.length) this.scratch = new Int32Array(Math.max(list.length, 2 * this.scratch.length));
    const out = this.scratch;
    for (let k = 0; k < list.length; k++) {
      const term = list[k]!;
      let id = this.idOfTerm.get(term);
      if (id === undefined) {
        if (this.terms.length >= this.maxTerms) return null;
        id = this.terms.length;
        this.terms.push(term);
        this.idOfTerm.set(term, id);
      }
      out[k] = id;
    }
    return this.keep(text, out.subarray(0, list.length)) ?? out.subarray(0, list.length);
  }

  /** Stores the ids of a text if the bound allows, returning the stored view; else undefined. */
  private keep(text: string, ids: Int32Array): Int32Array | undefined {
    const need = ids.length + 1;
    if (need > CHUNK_INTS) return undefined;
    const opens = this.used + need > CHUNK_INTS;
    const bytes = TEXT_OVERHEAD_BYTES + (opens ? 4 * CHUNK_INTS : 0);
    if (this.stored + bytes > this.maxBytes) return undefined;
    if (opens) {
      this.chunks.push(new Int32Array(CHUNK_INTS));
      this.used = 0;
    }
    this.stored += bytes;
    const chunk = this.chunks[this.chunks.length - 1]!;
    const at = this.used;
    chunk[at] = ids.length;
    chunk.set(ids, at + 1);
    this.used += need;
    this.placeOf.set(text, (this.chunks.length - 1) * CHUNK_INTS + at);
    return chunk.subarray(at + 1, at + need);
  }
}

/** Ints in one of the arrays that hold kept ids (4 MiB). */
const CHUNK_INTS = 2 ** 20;

/**
 * What the bound counts for a kept text beside its ids: its map entry and its share of the map's table as
 * it grows (a million-row round with 96 MiB counted at 48 bytes a text peaked about 210 MB higher).
 */
const TEXT_OVERHEAD_BYTES = 100;
