import { loadTransformerEncoder } from '../transformer/load.js';
import type { EncoderRuntime } from '../types.js';
import { VERSION } from '../../version.js';
import { distillTable, type DistillSettings } from './distill.js';
import { writeStaticFolder } from './write-folder.js';

export interface DistillOptions extends DistillSettings {
  runtime: EncoderRuntime;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DistillResult {
  vocab: number;
  dims: number;
  explainedVariance: number;
  runtime: string;
  seconds: number;
}

/** `al-label encoders distill`: a transformer folder in, a static encoder folder out. */
export async function distillFolder(source: string, out: string, o: DistillOptions): Promise<DistillResult> {
  const started = performance.now();
  const enc = await loadTransformerEncoder(source, { runtime: o.runtime, ...(o.threads !== undefined ? { threads: o.threads } : {}) });
  try {
    const { cls, sep } = enc.folder.tokenizer.specialIds;
    const vocab = enc.folder.tokenizer.vocabSize;
    const rows = Array.from({ length: vocab }, (_, id) => Int32Array.of(cls, id, sep));
    const vectors = await enc.embedTokenRows(rows, (done) => o.onProgress?.(done, vocab));
    const { table, explainedVariance } = distillTable(vectors, vocab, enc.dim, o);
    const dims = Math.min(o.dims, enc.dim);
    await writeStaticFolder(out, {
      table,
      vocab,
      dims,
      sifCoefficient: o.sifCoefficient,
      explainedVariance,
      alLabelVersion: VERSION,
      source: { dir: enc.folder.dir, name: enc.folder.name, contentHash: enc.contentHash, hidden: enc.dim, pooling: enc.folder.pooling },
    });
    return { vocab, dims, explainedVariance, runtime: enc.runtime, seconds: (performance.now() - started) / 1000 };
  } finally {
    enc.dispose();
  }
}
