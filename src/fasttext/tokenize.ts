/**
 * fastText splits on exactly these ASCII bytes (`Dictionary::readWord`): space, \n, \r, \t, \v, \f, \0.
 * It does no lowercasing and no punctuation splitting ("Fed," and "fed" are different words); we keep
 * that by default so our features equal the `fasttext` binary's on the same file.
 */
const FASTTEXT_SPACE = /[ \n\r\t\v\f\0]+/;

/** Punctuation and symbols get spaces around them when normalizing ("rates," -> "rates ,"). */
const PUNCT = /([\p{P}\p{S}])/gu;

/** End-of-sentence token fastText appends to every line; it is a vocabulary word like any other. */
export const EOS = '</s>';

/** Prefix that marks a token as a label in fastText files; such tokens are never words. */
export const LABEL_PREFIX = '__label__';

export interface TokenizeOptions {
  /**
   * Lowercase and split punctuation into separate tokens. Off by default (fastText fidelity);
   * the active-learning loop may turn it on because small labeled sets need the shared counts.
   */
  normalize?: boolean;
}

/** Whitespace tokens of one text, without the trailing `</s>` (the dictionary adds it). */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const src = opts.normalize ? text.toLowerCase().replace(PUNCT, ' $1 ') : text;
  const tokens = src.split(FASTTEXT_SPACE);
  // split() yields "" at either end when the text starts/ends with whitespace.
  if (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  if (tokens.length > 0 && tokens[0] === '') tokens.shift();
  return tokens;
}
