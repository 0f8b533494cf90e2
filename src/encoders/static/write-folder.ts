import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSafetensors } from '../hf/safetensors-io.js';
import { toFloat16Bits } from './float16.js';

export interface StaticFolderSource {
  /** the transformer folder distilled */
  dir: string;
  name: string;
  contentHash: string;
  hidden: number;
  pooling: string;
}

export interface StaticFolderWrite {
  table: Float32Array;
  vocab: number;
  dims: number;
  sifCoefficient: number | null;
  explainedVariance: number;
  source: StaticFolderSource;
  alLabelVersion: string;
}

/**
 * Writes a model2vec-layout folder: config.json, model.safetensors ("embeddings", float16: half
 * the bytes, and the rounding, 2^-11 relative, is far below what a mean of token rows resolves),
 * the source's tokenizer files, and NOTICE.md saying what it was made from and how.
 */
export async function writeStaticFolder(out: string, w: StaticFolderWrite): Promise<void> {
  await mkdir(out, { recursive: true });
  const config = {
    model_type: 'model2vec',
    architectures: ['StaticModel'],
    tokenizer_name: w.source.name,
    apply_pca: w.dims,
    sif_coefficient: w.sifCoefficient,
    hidden_dim: w.dims,
    seq_length: 1_000_000,
    normalize: true,
    distilled_by: `al-label ${w.alLabelVersion} (al-label encoders distill)`,
    source_content_hash: w.source.contentHash,
  };
  await writeFile(join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  await writeSafetensors(join(out, 'model.safetensors'), { embeddings: { dtype: 'F16', shape: [w.vocab, w.dims], data: toFloat16Bits(w.table) } });
  for (const name of ['tokenizer.json', 'vocab.txt', 'tokenizer_config.json']) {
    const from = join(w.source.dir, name);
    if (await stat(from).then((s) => s.isFile(), () => false)) await copyFile(from, join(out, name));
  }
  await writeFile(join(out, 'NOTICE.md'), notice(w));
}

function notice(w: StaticFolderWrite): string {
  return [
    `# ${w.source.name}, distilled to a static token table`,
    '',
    `Made by \`al-label encoders distill ${w.source.name} --dims ${w.dims}\` (al-label ${w.alLabelVersion}) from the`,
    `sentence encoder folder "${w.source.name}" (content sha256 ${w.source.contentHash}).`,
    '',
    'How: every token of the vocabulary was run through the encoder alone, as [CLS] token [SEP], and',
    `pooled as the encoder's own config says (${w.source.pooling}); the ${w.vocab} x ${w.source.hidden} result was`,
    `projected on its first ${w.dims} principal components (${(100 * w.explainedVariance).toFixed(1)}% of the variance kept)`,
    w.sifCoefficient === null
      ? 'and kept unweighted.'
      : `and each token's row was scaled by a / (a + p), a = ${w.sifCoefficient}, p the token's probability under Zipf's law by vocabulary rank (model2vec's recipe).`,
    'A text\'s vector is the mean of its tokens\' rows, L2-normalized. The tokenizer files are the source\'s, unchanged.',
    '',
    'The source model\'s licence applies to this derived table; see the source folder\'s README or model card.',
    '',
  ].join('\n');
}
