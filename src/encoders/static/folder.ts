/**
 * A static encoder folder, in model2vec's layout so that model2vec models (potion-*) load as they
 * are: config.json (model_type "model2vec", normalize), model.safetensors with one tensor
 * "embeddings" (vocab x dims; F32 or F16), and the tokenizer (tokenizer.json or vocab.txt).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { EncoderFormatError } from '../errors.js';
import { hashFiles } from '../hf/folder.js';
import { readSafetensors } from '../hf/safetensors-io.js';
import { WordPieceTokenizer } from '../tokenizer/wordpiece.js';

export const STATIC_FOLDER_NEEDS =
  'a static encoder folder must hold config.json with "model_type": "model2vec", model.safetensors with a vocab x dims tensor "embeddings", and tokenizer.json or vocab.txt';

/** The files that decide a static encoder's vectors, hashed in this order. */
export const STATIC_HASHED_FILES = ['config.json', 'model.safetensors', 'tokenizer.json', 'vocab.txt', 'tokenizer_config.json'];

export interface StaticFolder {
  dir: string;
  name: string;
  table: Float32Array;
  vocab: number;
  dim: number;
  normalize: boolean;
  /** most tokens of a text that count (model2vec's max_length) */
  maxTokens: number;
  tokenizer: WordPieceTokenizer;
  contentHash: string;
}

/** True when `dir` holds a config.json naming model_type "model2vec". */
export async function isStaticFolder(dir: string): Promise<boolean> {
  const cfg = await readFile(join(dir, 'config.json'), 'utf8').then((t) => JSON.parse(t) as { model_type?: unknown }, () => null);
  return cfg?.model_type === 'model2vec';
}

export async function readStaticFolder(dirIn: string): Promise<StaticFolder> {
  const dir = resolve(dirIn);
  const cfgPath = join(dir, 'config.json');
  let cfg: { model_type?: unknown; normalize?: unknown; seq_length?: unknown };
  try {
    cfg = JSON.parse(await readFile(cfgPath, 'utf8')) as typeof cfg;
  } catch (err) {
    throw new EncoderFormatError(`cannot read ${cfgPath}: ${(err as Error).message}; ${STATIC_FOLDER_NEEDS}`, { cause: err });
  }
  if (cfg.model_type !== 'model2vec') throw new EncoderFormatError(`${cfgPath} has model_type ${JSON.stringify(cfg.model_type)}; ${STATIC_FOLDER_NEEDS}`);
  const weightsPath = join(dir, 'model.safetensors');
  if (!(await stat(weightsPath).then((s) => s.isFile(), () => false))) throw new EncoderFormatError(`${weightsPath} is missing; ${STATIC_FOLDER_NEEDS}`);
  const file = await readSafetensors(weightsPath);
  const info = file.has('embeddings') ? file.info('embeddings') : null;
  if (!info || info.shape.length !== 2) throw new EncoderFormatError(`${weightsPath} has no 2-dimensional tensor "embeddings"; ${STATIC_FOLDER_NEEDS}`);
  const [vocab, dim] = info.shape as [number, number];
  const tokenizer = await WordPieceTokenizer.fromFolder(dir);
  if (tokenizer.vocabSize !== vocab) throw new EncoderFormatError(`${dir}: the tokenizer has ${tokenizer.vocabSize} tokens but "embeddings" has ${vocab} rows`);
  const seq = typeof cfg.seq_length === 'number' && cfg.seq_length > 0 ? cfg.seq_length : 512;
  return {
    dir,
    name: basename(dir),
    table: file.float32('embeddings'),
    vocab,
    dim,
    normalize: cfg.normalize !== false,
    maxTokens: Math.min(seq, 1_000_000),
    tokenizer,
    contentHash: await hashFiles(dir, STATIC_HASHED_FILES),
  };
}
