/**
 * BERT WordPiece tokenization (basic tokenizer, then greedy longest-match-first pieces with a '##'
 * continuation prefix), giving the same ids as Hugging Face `tokenizers` for BERT vocabularies.
 * Fast by caching each distinct word's pieces: headlines repeat most of their words.
 */
import { forEachWord, normalizeBert } from './basic.js';
import { readTokenizerSpec } from './read.js';
import { TokenizerSpecError, type WordPieceOptions } from './spec.js';

export interface SpecialIds {
  cls: number;
  sep: number;
  pad: number;
  unk: number;
}

/** the per-word cache is dropped when it grows past this many distinct words (bounds memory) */
const CACHE_LIMIT = 1_000_000;

export class WordPieceTokenizer {
  readonly vocabSize: number;
  readonly specialIds: SpecialIds;
  private readonly vocab = new Map<string, number>();
  private readonly cache = new Map<string, readonly number[]>();
  private readonly prefix: string;
  private readonly maxChars: number;
  /** longest vocab piece in UTF-16 units (without the prefix): bounds the longest-match search */
  private readonly maxPiece: number;
  private readonly added: AddedTokens | undefined;

  private constructor(
    private readonly tokens: readonly string[],
    private readonly opts: WordPieceOptions,
  ) {
    this.vocabSize = tokens.length;
    this.prefix = opts.continuingPrefix ?? '##';
    this.maxChars = opts.maxInputCharsPerWord ?? 100;
    let maxPiece = 1;
    tokens.forEach((t, id) => {
      if (t === '' || this.vocab.has(t)) return;
      this.vocab.set(t, id);
      maxPiece = Math.max(maxPiece, t.startsWith(this.prefix) ? t.length - this.prefix.length : t.length);
    });
    this.maxPiece = maxPiece;
    this.specialIds = {
      cls: this.requireId(opts.clsToken ?? '[CLS]'),
      sep: this.requireId(opts.sepToken ?? '[SEP]'),
      pad: this.requireId(opts.padToken ?? '[PAD]'),
      unk: this.requireId(opts.unkToken ?? '[UNK]'),
    };
    const addedTokens = opts.addedTokens ?? ['[UNK]', '[CLS]', '[SEP]', '[PAD]', '[MASK]'];
    this.added = AddedTokens.of(addedTokens.filter((t) => this.vocab.has(t)));
  }

  /** Reads tokenizer.json, or vocab.txt + tokenizer_config.json, from a Hugging Face folder. */
  static async fromFolder(dir: string): Promise<WordPieceTokenizer> {
    const spec = await readTokenizerSpec(dir);
    return new WordPieceTokenizer(spec.tokens, spec.opts);
  }

  /** `tokens[id]` is the token of id (vocab.txt order). */
  static fromVocab(tokens: readonly string[], opts: WordPieceOptions): WordPieceTokenizer {
    return new WordPieceTokenizer([...tokens], opts);
  }

  /** Token ids of a text, without [CLS]/[SEP] and untruncated. */
  tokenIds(text: string): number[] {
    const out: number[] = [];
    if (this.added?.occursIn(text)) {
      for (const part of this.added.split(text)) {
        if (part.added) out.push(this.vocab.get(part.text)!);
        else this.pushText(part.text, out);
      }
    } else {
      this.pushText(text, out);
    }
    return out;
  }

  /** [CLS] ids [SEP], the ids cut so that the whole is at most maxLength (>= 2) long. */
  encode(text: string, maxLength: number): Int32Array {
    if (maxLength < 2) throw new RangeError(`maxLength must be at least 2 (room for [CLS] and [SEP]), got ${maxLength}`);
    const ids = this.tokenIds(text);
    const n = Math.min(ids.length, maxLength - 2);
    const out = new Int32Array(n + 2);
    out[0] = this.specialIds.cls;
    for (let i = 0; i < n; i++) out[i + 1] = ids[i]!;
    out[n + 1] = this.specialIds.sep;
    return out;
  }

  token(id: number): string {
    const t = this.tokens[id];
    if (t === undefined || t === '') throw new RangeError(`no token with id ${id} (vocabulary of ${this.vocabSize})`);
    return t;
  }

  id(token: string): number | undefined {
    return this.vocab.get(token);
  }

  private pushText(text: string, out: number[]): void {
    forEachWord(normalizeBert(text, this.opts), (word) => {
      let ids = this.cache.get(word);
      if (ids === undefined) {
        ids = this.wordPieces(word);
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(word, ids);
      }
      for (let i = 0; i < ids.length; i++) out.push(ids[i]!);
    });
  }

  /** Greedy longest-match-first; a word with any unmatchable rest is one [UNK]. */
  private wordPieces(word: string): readonly number[] {
    if (word.length > this.maxChars && [...word].length > this.maxChars) return [this.specialIds.unk];
    const ids: number[] = [];
    const n = word.length;
    let start = 0;
    while (start < n) {
      let end = Math.min(n, start + this.maxPiece);
      let found = -1;
      for (; end > start; end--) {
        if (end < n && isLowSurrogate(word.charCodeAt(end))) continue; // never split a code point
        const piece = start > 0 ? this.prefix + word.slice(start, end) : word.slice(start, end);
        const id = this.vocab.get(piece);
        if (id !== undefined) {
          found = id;
          break;
        }
      }
      if (found < 0) return [this.specialIds.unk];
      ids.push(found);
      start = end;
    }
    return ids;
  }

  private requireId(token: string): number {
    const id = this.vocab.get(token);
    if (id === undefined) throw new TokenizerSpecError(`the vocabulary has no "${token}" token`);
    return id;
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Special tokens written inside a text match verbatim before normalization, as in `tokenizers`. */
class AddedTokens {
  private constructor(
    private readonly firstChars: string[],
    private readonly pattern: RegExp,
  ) {}

  static of(tokens: readonly string[]): AddedTokens | undefined {
    if (tokens.length === 0) return undefined;
    const longestFirst = [...tokens].sort((a, b) => b.length - a.length);
    const escaped = longestFirst.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new AddedTokens([...new Set(tokens.map((t) => t[0]!))], new RegExp(`(${escaped.join('|')})`));
  }

  occursIn(text: string): boolean {
    return this.firstChars.some((c) => text.includes(c)) && this.pattern.test(text);
  }

  /** the text cut into runs of plain text and added tokens (split with a capture group alternates them) */
  split(text: string): { text: string; added: boolean }[] {
    return text
      .split(this.pattern)
      .map((part, i) => ({ text: part, added: i % 2 === 1 }))
      .filter((p) => p.text !== '');
  }
}
