/**
 * BERT's basic tokenizer as Hugging Face `tokenizers` runs it (BertNormalizer then BertPreTokenizer):
 * clean the text, space out CJK ideographs, strip accents, lowercase, then split on whitespace and
 * isolate every punctuation character. Pure functions; the WordPiece step lives in wordpiece.ts.
 */

export interface BasicTokenizerOptions {
  /** lowercase every character (BertNormalizer `lowercase`, tokenizer_config `do_lower_case`) */
  lowercase: boolean;
  /** NFD then drop nonspacing marks (Mn); HF's default (null) follows `lowercase` */
  stripAccents: boolean;
  /** drop NUL, U+FFFD and other control/format chars, map whitespace to ' ' (default true) */
  cleanText?: boolean;
  /** put spaces around CJK ideographs so each is a word (default true) */
  handleChineseChars?: boolean;
}

// Control/format/unassigned/private/surrogate (\p{C}) except tab, LF, CR, which are whitespace.
const CONTROL = /\ufffd|(?![\t\n\r])\p{C}/gu;
const WHITESPACE = /\s/g;
// The ideograph ranges of tokenizers' `is_chinese_char` (normalizers/bert.rs).
const CJK =
  /([\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u{20000}-\u{2a6df}\u{2a700}-\u{2b73f}\u{2b740}-\u{2b81f}\u{2b920}-\u{2ceaf}\u{2f800}-\u{2fa1f}])/gu;
const NONSPACING_MARK = /\p{Mn}/gu;
const CAPITAL_SIGMA = '\u03a3';
const NON_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** BertNormalizer: clean, CJK spacing, accents, lowercase, in that order (as tokenizers does). */
export function normalizeBert(text: string, opts: BasicTokenizerOptions): string {
  if (!NON_PRINTABLE_ASCII.test(text)) return opts.lowercase ? text.toLowerCase() : text;
  let s = text;
  if (opts.cleanText !== false) s = s.replace(CONTROL, '').replace(WHITESPACE, ' ');
  if (opts.handleChineseChars !== false) s = s.replace(CJK, ' $1 ');
  if (opts.stripAccents) s = s.normalize('NFD').replace(NONSPACING_MARK, '');
  if (opts.lowercase) s = lowercaseChars(s);
  return s;
}

/**
 * Lowercase one code point at a time, as Rust's `char::to_lowercase` does: String#toLowerCase maps a
 * word-final capital sigma to final sigma (ς), which BERT vocabularies see as a different token.
 */
function lowercaseChars(s: string): string {
  if (!s.includes(CAPITAL_SIGMA)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += ch.toLowerCase();
  return out;
}

const SPACE = 1;
const PUNCT = 2;
// ASCII punctuation as Rust's `is_ascii_punctuation` (33-47, 58-64, 91-96, 123-126); other chars by regex.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /\s/.test(ch) ? SPACE : /[!-/:-@[-`{-~]/.test(ch) ? PUNCT : 0;
}
const UNICODE_PUNCT = /^\p{P}$/u;
const UNICODE_SPACE = /^\s$/;
const BMP_CLASS = new Map<number, number>();

function charClass(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c]!;
  if (c >= 0xd800 && c <= 0xdfff) return UNICODE_PUNCT.test(String.fromCodePoint(s.codePointAt(i)!)) ? PUNCT : 0;
  let cls = BMP_CLASS.get(c);
  if (cls === undefined) {
    const ch = s[i]!;
    cls = UNICODE_SPACE.test(ch) ? SPACE : UNICODE_PUNCT.test(ch) ? PUNCT : 0;
    BMP_CLASS.set(c, cls);
  }
  return cls;
}

/**
 * BertPreTokenizer on normalized text: calls `onWord` with each whitespace-separated word, every
 * punctuation char (ASCII punctuation and Unicode P*) being a word of its own. A scan, not a regex:
 * this is the tokenizer's hot loop.
 */
export function forEachWord(normalized: string, onWord: (word: string) => void): void {
  const s = normalized;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const cls = charClass(s, i);
    if (cls === 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      onWord(s.slice(start, i));
      start = -1;
    }
    if (cls === PUNCT) {
      const wide = s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdbff;
      onWord(s.slice(i, wide ? i + 2 : i + 1));
      if (wide) i++;
    }
  }
  if (start >= 0) onWord(s.slice(start));
}

/** forEachWord, collected */
export function splitWords(normalized: string): string[] {
  const words: string[] = [];
  forEachWord(normalized, (w) => words.push(w));
  return words;
}
