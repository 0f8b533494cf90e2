import { buildVocab, makeVocab, textFeatures, type Vocab } from './features.js';
import { IntBuffer } from './int-buffer.js';
import { tokenize } from './tokenize.js';
import type { EncodedTexts, FastTextParams, FeaturizerSettings } from './types.js';

const DICTIONARY_FORMAT_VERSION = 1;

export interface DictionaryJSON {
  formatVersion: number;
  settings: FeaturizerSettings;
  words: string[];
  /** Compact id map: hash bucket of input row `words.length + i` is `bucketIds[i]`. */
  bucketIds: number[];
}

/**
 * Vocabulary plus the compact remap of hash buckets. fastText allocates `nwords + buckets` input
 * rows (2M x dim floats = 800 MB at dim 100); we keep a row only for buckets seen in the training
 * texts. Unseen buckets at predict time would have stayed at their zero initialisation, so they are
 * dropped from `ids` but still counted in `ntokens` (the mean's denominator): same result, no memory.
 */
export class Dictionary {
  private bucketToRow: Int32Array | undefined;

  private constructor(
    readonly settings: FeaturizerSettings,
    readonly words: readonly string[],
    private readonly vocab: Vocab,
    readonly bucketIds: Int32Array,
  ) {}

  /** Rows of the input matrix: words, then seen buckets. */
  get size(): number {
    return this.words.length + this.bucketIds.length;
  }

  static build(texts: readonly string[], params: FastTextParams): Dictionary {
    return Dictionary.buildAndEncode(texts, params).dictionary;
  }

  /** Builds from training texts and returns their encoding too, saving training a second pass. */
  static buildAndEncode(texts: readonly string[], params: FastTextParams, shared = false): { dictionary: Dictionary; encoded: EncodedTexts } {
    const settings = settingsOf(params);
    const tokenized = texts.map((t) => tokenize(t, { normalize: settings.normalize }));
    const { words, vocab } = buildVocab(tokenized, settings.minCount);
    const nwords = words.length;
    const bucketToRow = new Int32Array(settings.buckets).fill(-1);
    const seen = new IntBuffer();
    const encoded = encodeTokens(tokenized, vocab, settings, shared, (id) => {
      if (id < nwords) return id;
      const b = id - nwords;
      if (bucketToRow[b]! < 0) {
        bucketToRow[b] = nwords + seen.length; // rows in order of first appearance
        seen.push(b);
      }
      return bucketToRow[b]!;
    });
    const dictionary = new Dictionary(settings, words, vocab, seen.toArray());
    dictionary.bucketToRow = bucketToRow;
    return { dictionary, encoded };
  }

  encode(texts: readonly string[]): EncodedTexts {
    const nwords = this.words.length;
    const map = this.rowMap();
    const tokenized = texts.map((t) => tokenize(t, { normalize: this.settings.normalize }));
    return encodeTokens(tokenized, this.vocab, this.settings, false, (id) => (id < nwords ? id : map[id - nwords]!));
  }

  toJSON(): DictionaryJSON {
    return { formatVersion: DICTIONARY_FORMAT_VERSION, settings: { ...this.settings }, words: [...this.words], bucketIds: Array.from(this.bucketIds) };
  }

  static fromJSON(o: unknown): Dictionary {
    const j = o as DictionaryJSON;
    if (j?.formatVersion !== DICTIONARY_FORMAT_VERSION || !Array.isArray(j.words) || !Array.isArray(j.bucketIds)) {
      throw new Error(`Unsupported fastText dictionary (formatVersion ${String(j?.formatVersion)}; expected ${DICTIONARY_FORMAT_VERSION})`);
    }
    return new Dictionary({ ...j.settings }, j.words, makeVocab(j.words), Int32Array.from(j.bucketIds));
  }

  /** bucket -> compact row or -1; an Int32Array (8 MB at 2M buckets) is far faster than a Map. */
  private rowMap(): Int32Array {
    if (!this.bucketToRow) {
      const m = new Int32Array(this.settings.buckets).fill(-1);
      this.bucketIds.forEach((b, i) => (m[b] = this.words.length + i));
      this.bucketToRow = m;
    }
    return this.bucketToRow;
  }
}

function settingsOf(p: FastTextParams): FeaturizerSettings {
  // Like fastText's args parsing: no word n-grams and no subwords means no buckets at all.
  const buckets = p.wordNgrams <= 1 && p.maxn <= 0 ? 0 : p.buckets;
  return { minCount: p.minCount, wordNgrams: p.wordNgrams, buckets, minn: p.minn, maxn: p.maxn, normalize: p.normalize ?? false };
}

/** CSR-encodes tokenized texts; `toRow` maps a global id to a compact row, or < 0 for "zero row". */
function encodeTokens(
  tokenized: readonly (readonly string[])[],
  vocab: Vocab,
  settings: FeaturizerSettings,
  shared: boolean,
  toRow: (globalId: number) => number,
): EncodedTexts {
  const n = tokenized.length;
  const offsets = shared ? new Int32Array(new SharedArrayBuffer((n + 1) * 4)) : new Int32Array(n + 1);
  const ntokens = new Int32Array(n);
  const ids = new IntBuffer(n * 16);
  const feats: number[] = [];
  const hashes: number[] = [];
  for (let r = 0; r < n; r++) {
    textFeatures(tokenized[r]!, vocab, settings, feats, hashes);
    for (const id of feats) {
      const row = toRow(id);
      if (row >= 0) ids.push(row);
    }
    ntokens[r] = feats.length;
    offsets[r + 1] = ids.length;
  }
  return { offsets, ids: ids.toArray(shared), ntokens };
}
