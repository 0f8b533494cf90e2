/**
 * What a WordPiece tokenizer needs, parsed from the two file layouts a Hugging Face folder may hold:
 * tokenizer.json (the `tokenizers` library's format) or vocab.txt + tokenizer_config.json (the older
 * Python BertTokenizer). Pure: callers read the files (read.ts).
 */
import { EncoderFormatError } from '../errors.js';
import type { BasicTokenizerOptions } from './basic.js';

export interface WordPieceOptions extends BasicTokenizerOptions {
  unkToken?: string;
  clsToken?: string;
  sepToken?: string;
  padToken?: string;
  /** prefix of word-continuing pieces, '##' for BERT */
  continuingPrefix?: string;
  /** longer words become one [UNK] (100 for BERT) */
  maxInputCharsPerWord?: number;
  /**
   * Tokens matched verbatim in the raw text before normalization (tokenizer.json `added_tokens`,
   * e.g. "[CLS]" written inside a text); default: the unk/cls/sep/pad/mask tokens that the vocab holds.
   */
  addedTokens?: readonly string[];
}

export interface TokenizerSpec {
  /** token of each id; ids not in the vocab are '' */
  tokens: string[];
  opts: WordPieceOptions;
}

/** Thrown for a tokenizer file we cannot use; read.ts adds the file name. */
export class TokenizerSpecError extends EncoderFormatError {}

type Json = Record<string, unknown>;

export function parseTokenizerJson(json: unknown): TokenizerSpec {
  const root = asObject(json, 'the file is not a JSON object');
  const model = asObject(root.model, 'no "model" object');
  if (model.type !== undefined && model.type !== 'WordPiece') {
    throw new TokenizerSpecError(`model.type is "${String(model.type)}"; only WordPiece (BERT) tokenizers are supported`);
  }
  const vocab = asObject(model.vocab, 'no "model.vocab" object');
  const tokens: string[] = [];
  for (const [token, id] of Object.entries(vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new TokenizerSpecError(`model.vocab["${token}"] is not a token id`);
    tokens[id] = token;
  }
  for (let i = 0; i < tokens.length; i++) tokens[i] ??= '';
  const norm = (root.normalizer ?? {}) as Json;
  if (norm.type !== undefined && norm.type !== 'BertNormalizer') {
    throw new TokenizerSpecError(`normalizer.type is "${String(norm.type)}"; only BertNormalizer is supported`);
  }
  const lowercase = norm.lowercase !== false;
  const added = Array.isArray(root.added_tokens) ? (root.added_tokens as Json[]) : [];
  const framing = postProcessorTokens(root.post_processor);
  const padToken = str(asObjectOr(root.padding)?.pad_token);
  return {
    tokens,
    opts: {
      ...framing,
      ...(padToken ? { padToken } : {}),
      lowercase,
      stripAccents: typeof norm.strip_accents === 'boolean' ? norm.strip_accents : lowercase,
      cleanText: norm.clean_text !== false,
      handleChineseChars: norm.handle_chinese_chars !== false,
      unkToken: str(model.unk_token) ?? '[UNK]',
      continuingPrefix: str(model.continuing_subword_prefix) ?? '##',
      maxInputCharsPerWord: typeof model.max_input_chars_per_word === 'number' ? model.max_input_chars_per_word : 100,
      addedTokens: added.map((t) => str(t.content)).filter((t): t is string => !!t),
    },
  };
}

/**
 * The tokens a single text is framed with, from tokenizer.json's post_processor: BertProcessing and
 * RobertaProcessing name them ("cls": ["<s>", 0]), TemplateProcessing writes them into its "single"
 * template. None: the caller's BERT defaults ([CLS], [SEP]). Another kind, or a template that is not
 * one token, the text, one token, is refused: its ids would not be what the model was trained on.
 */
function postProcessorTokens(v: unknown): { clsToken?: string; sepToken?: string } {
  if (v === undefined || v === null) return {};
  const pp = asObject(v, 'post_processor is not an object');
  if (pp.type === 'BertProcessing' || pp.type === 'RobertaProcessing') {
    const pair = (x: unknown): string | undefined => (Array.isArray(x) && typeof x[0] === 'string' ? x[0] : undefined);
    const cls = pair(pp.cls);
    const sep = pair(pp.sep);
    if (!cls || !sep) throw new TokenizerSpecError(`post_processor ${String(pp.type)} lacks "cls" or "sep"`);
    return { clsToken: cls, sepToken: sep };
  }
  if (pp.type === 'TemplateProcessing') {
    const single = Array.isArray(pp.single) ? (pp.single as Json[]) : [];
    const specials = asObjectOr(pp.special_tokens) ?? {};
    // a template names a special token by its key in special_tokens, which lists the token(s) it stands for
    const special = (x: Json | undefined): string | undefined => {
      const id = str(asObjectOr(x?.SpecialToken)?.id);
      if (id === undefined) return undefined;
      const listed = asObjectOr(specials[id])?.tokens;
      if (listed === undefined) return id;
      return Array.isArray(listed) && listed.length === 1 && typeof listed[0] === 'string' ? listed[0] : undefined;
    };
    const isText = (x: Json | undefined): boolean => asObjectOr(x?.Sequence)?.id === 'A';
    if (single.length === 3 && special(single[0]) && isText(single[1]) && special(single[2])) {
      return { clsToken: special(single[0])!, sepToken: special(single[2])! };
    }
    throw new TokenizerSpecError('post_processor TemplateProcessing: only a "single" template of one special token, the text, one special token is supported');
  }
  throw new TokenizerSpecError(`post_processor.type is "${String(pp.type)}"; only BertProcessing, RobertaProcessing and TemplateProcessing are supported`);
}

function asObjectOr(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** vocab.txt (one token per line, id = line number) and tokenizer_config.json (may be absent: {}). */
export function parseVocabTxt(vocabText: string, config: unknown): TokenizerSpec {
  const tokens = vocabText.split(/\r?\n/);
  if (tokens[tokens.length - 1] === '') tokens.pop();
  if (tokens.length === 0) throw new TokenizerSpecError('the vocabulary is empty');
  const cfg = (config ?? {}) as Json;
  const lowercase = cfg.do_lower_case !== false;
  return {
    tokens,
    opts: {
      lowercase,
      stripAccents: typeof cfg.strip_accents === 'boolean' ? cfg.strip_accents : lowercase,
      handleChineseChars: cfg.tokenize_chinese_chars !== false,
      unkToken: tokenName(cfg.unk_token) ?? '[UNK]',
      clsToken: tokenName(cfg.cls_token) ?? '[CLS]',
      sepToken: tokenName(cfg.sep_token) ?? '[SEP]',
      padToken: tokenName(cfg.pad_token) ?? '[PAD]',
    },
  };
}

function asObject(v: unknown, message: string): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new TokenizerSpecError(message);
  return v as Json;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** tokenizer_config.json writes special tokens as strings or as {content: "..."} objects */
function tokenName(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as Json).content === 'string') return (v as Json).content as string;
  return undefined;
}
