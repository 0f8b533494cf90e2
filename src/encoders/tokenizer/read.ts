/** Reads a folder's tokenizer files: tokenizer.json when present, else vocab.txt (+ tokenizer_config.json). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTokenizerJson, parseVocabTxt, TokenizerSpecError, type TokenizerSpec } from './spec.js';

export async function readTokenizerSpec(dir: string): Promise<TokenizerSpec> {
  const jsonPath = join(dir, 'tokenizer.json');
  const json = await readOptional(jsonPath);
  if (json !== undefined) return parseFile(jsonPath, () => parseTokenizerJson(JSON.parse(json)));
  const vocabPath = join(dir, 'vocab.txt');
  const vocab = await readOptional(vocabPath);
  if (vocab === undefined) {
    throw new TokenizerSpecError(`${dir} holds no tokenizer: a BERT encoder folder needs tokenizer.json or vocab.txt (with tokenizer_config.json)`);
  }
  const cfgPath = join(dir, 'tokenizer_config.json');
  const cfg = await readOptional(cfgPath);
  const config = cfg === undefined ? {} : parseFile(cfgPath, () => JSON.parse(cfg) as unknown);
  return parseFile(vocabPath, () => parseVocabTxt(vocab, config));
}

function parseFile<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new TokenizerSpecError(`${path}: ${(err as Error).message}`, { cause: err });
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
