/**
 * Reads a Hugging Face / sentence-transformers encoder folder: config.json, the tokenizer, pooling
 * (modules.json + <pooling dir>/config.json), normalization, max_seq_length (sentence_bert_config.json),
 * which weight files are there, and a content hash over the files that decide the vectors.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { EncoderFormatError } from '../errors.js';
import { WordPieceTokenizer } from '../tokenizer/wordpiece.js';
import { parseBertConfig, type BertConfig } from './bert-config.js';
import { bertWeightsFrom, type BertWeights } from './bert-weights.js';
import { hasNormalize, parseModules, parsePoolingConfig, poolingModule, type PoolingMode } from './pooling.js';
import { readSafetensors } from './safetensors-io.js';

export const FOLDER_NEEDS =
  'an encoder folder must hold config.json (model_type "bert" or "mpnet"), tokenizer.json or vocab.txt, ' +
  'model.safetensors and/or onnx/model.onnx, and for sentence-transformers models modules.json with the pooling config (1_Pooling/config.json)';

export interface EncoderFolder {
  dir: string;
  name: string;
  config: BertConfig;
  tokenizer: WordPieceTokenizer;
  pooling: PoolingMode;
  normalize: boolean;
  /** tokens per text including [CLS] and [SEP] */
  maxSeqLength: number;
  /** absolute paths of the weight files present */
  safetensorsPath?: string;
  onnxPath?: string;
  /** sha256 hex over the files that decide the vectors, in a fixed order */
  contentHash: string;
}

export async function readEncoderFolder(dirIn: string): Promise<EncoderFolder> {
  const dir = resolve(dirIn);
  if (!(await isDir(dir))) throw new EncoderFormatError(`${dirIn} is not a folder: ${FOLDER_NEEDS}`);
  const configJson = await readJson(dir, 'config.json');
  if (configJson === undefined) throw new EncoderFormatError(`${join(dir, 'config.json')} is missing: ${FOLDER_NEEDS}`);
  const config = parseBertConfig(configJson, join(dir, 'config.json'));
  const tokenizer = await WordPieceTokenizer.fromFolder(dir);
  const modulesJson = await readJson(dir, 'modules.json');
  const modules = modulesJson === undefined ? [] : parseModules(modulesJson, join(dir, 'modules.json'));
  const poolingDir = poolingModule(modules)?.path;
  let pooling: PoolingMode = 'mean'; // sentence-transformers' default for a bare Hugging Face model
  if (poolingDir !== undefined) {
    const rel = join(poolingDir, 'config.json');
    const poolJson = await readJson(dir, rel);
    if (poolJson === undefined) throw new EncoderFormatError(`${join(dir, rel)} is missing: modules.json names a Pooling module in ${poolingDir}/`);
    pooling = parsePoolingConfig(poolJson, join(dir, rel));
  }
  const sbert = (await readJson(dir, 'sentence_bert_config.json')) as { max_seq_length?: unknown } | undefined;
  const tokCfg = (await readJson(dir, 'tokenizer_config.json')) as { model_max_length?: unknown } | undefined;
  const wanted = [sbert?.max_seq_length, tokCfg?.model_max_length].find((v): v is number => typeof v === 'number' && v >= 2);
  const maxSeqLength = Math.min(wanted ?? config.maxPositionEmbeddings, config.maxPositionEmbeddings);
  const safetensorsPath = (await isFile(join(dir, 'model.safetensors'))) ? join(dir, 'model.safetensors') : undefined;
  const onnxPath = (await isFile(join(dir, 'onnx', 'model.onnx'))) ? join(dir, 'onnx', 'model.onnx') : undefined;
  if (!safetensorsPath && !onnxPath) {
    const bin = (await isFile(join(dir, 'pytorch_model.bin'))) ? ' (pytorch_model.bin is not read: save the model with safetensors)' : '';
    throw new EncoderFormatError(`${dir} has no weights: neither model.safetensors nor onnx/model.onnx${bin}; ${FOLDER_NEEDS}`);
  }
  const hashed = ['config.json', 'tokenizer.json', 'vocab.txt', 'tokenizer_config.json', 'model.safetensors', 'onnx/model.onnx', 'modules.json'];
  if (poolingDir !== undefined) hashed.push(join(poolingDir, 'config.json'));
  hashed.push('sentence_bert_config.json');
  return {
    dir,
    name: basename(dir),
    config,
    tokenizer,
    pooling,
    normalize: hasNormalize(modules),
    maxSeqLength,
    ...(safetensorsPath ? { safetensorsPath } : {}),
    ...(onnxPath ? { onnxPath } : {}),
    contentHash: await hashFiles(dir, hashed),
  };
}

/** The BERT weights from model.safetensors (needed by the TF.js runtime and to build an ONNX graph). */
export async function loadBertWeights(folder: EncoderFolder): Promise<BertWeights> {
  if (!folder.safetensorsPath) throw new EncoderFormatError(`${folder.dir} has no model.safetensors: this runtime reads the weights from it`);
  const file = await readSafetensors(folder.safetensorsPath);
  return bertWeightsFrom(file, folder.config, folder.safetensorsPath);
}

/** sha256 over (name, size, bytes) of each present file, in the given order. */
export async function hashFiles(dir: string, names: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const name of names) {
    const path = join(dir, name);
    if (!(await isFile(path))) continue;
    h.update(`${name}\0${(await stat(path)).size}\0`);
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  }
  return h.digest('hex');
}

async function readJson(dir: string, name: string): Promise<unknown> {
  const path = join(dir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EncoderFormatError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new EncoderFormatError(`${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}
