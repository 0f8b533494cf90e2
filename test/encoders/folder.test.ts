import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncoderFormatError } from '../../src/encoders/errors.js';
import { readEncoderFolder } from '../../src/encoders/hf/folder.js';
import { toFloat16Bits } from '../../src/encoders/static/float16.js';
import { SafetensorsFile, serializeSafetensors } from '../../src/encoders/hf/safetensors.js';
import { planBatches } from '../../src/encoders/transformer/batches.js';
import { tempDir } from '../helpers/temp-dir.js';
import { MPNET_TOKENS, writeTinyBert } from './helpers/tiny-bert.js';

describe('safetensors', () => {
  it('round-trips F32, I32, I8 and I64 tensors with metadata', () => {
    const bytes = serializeSafetensors(
      {
        a: { dtype: 'F32', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, -6.5) },
        b: { dtype: 'I32', shape: [2], data: Int32Array.of(-7, 9) },
        c: { dtype: 'I8', shape: [3], data: Int8Array.of(-1, 0, 127) },
        d: { dtype: 'I64', shape: [1], data: BigInt64Array.of(-5n) },
      },
      { format: 'pt' },
    );
    const f = SafetensorsFile.parse(bytes, 'x.safetensors');
    expect(f.names).toEqual(['a', 'b', 'c', 'd']);
    expect(f.metadata).toEqual({ format: 'pt' });
    expect(f.info('a')).toEqual({ dtype: 'F32', shape: [2, 3] });
    expect([...f.float32('a')]).toEqual([1, 2, 3, 4, 5, -6.5]);
    expect([...(f.data('b') as Int32Array)]).toEqual([-7, 9]);
    expect([...f.float32('c')]).toEqual([-1, 0, 127]);
    expect([...(f.data('d') as BigInt64Array)]).toEqual([-5n]);
    expect(() => f.float32('zzz')).toThrow(/no tensor named "zzz"/);
    expect((8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))) % 8).toBe(0);
  });

  it('widens every float16 to the float32 of the same value', () => {
    const header = new TextEncoder().encode(JSON.stringify({ all: { dtype: 'F16', shape: [65536], data_offsets: [0, 131072] } }));
    const bytes = new Uint8Array(8 + header.length + 131072);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    for (let h = 0; h < 65536; h++) view.setUint16(8 + header.length + 2 * h, h, true);
    const wide = SafetensorsFile.parse(bytes, 'all.safetensors').float32('all');
    const back = toFloat16Bits(wide);
    const isNaN16 = (h: number) => (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
    const wrong = Array.from({ length: 65536 }, (_, h) => h).filter((h) => (isNaN16(h) ? !Number.isNaN(wide[h]) : back[h] !== h));
    expect(wrong).toEqual([]);
    expect([wide[0x0001], wide[0x8000], wide[0x7c00], wide[0xfbff]]).toEqual([2 ** -24, -0, Infinity, -65504]);
  });

  it('widens F16 and BF16 to float32', () => {
    const header = JSON.stringify({
      h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] },
      b: { dtype: 'BF16', shape: [2], data_offsets: [6, 10] },
    });
    const hb = new TextEncoder().encode(header);
    const bytes = new Uint8Array(8 + hb.length + 10);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt(hb.length), true);
    bytes.set(hb, 8);
    const at = 8 + hb.length;
    [0x3c00, 0xc000, 0x3555].forEach((v, i) => view.setUint16(at + i * 2, v, true)); // 1, -2, ~0.33325
    [0x3f80, 0xc0a0].forEach((v, i) => view.setUint16(at + 6 + i * 2, v, true)); // 1, -5
    const f = SafetensorsFile.parse(bytes, 'h.safetensors');
    expect([...f.float32('h')].map((v) => +v.toFixed(5))).toEqual([1, -2, 0.33325]);
    expect([...f.float32('b')]).toEqual([1, -5]);
  });

  it('rejects truncated and malformed files with the reason', () => {
    const good = serializeSafetensors({ a: { dtype: 'F32', shape: [4], data: new Float32Array(4) } });
    const parse = (b: Uint8Array) => () => SafetensorsFile.parse(b, 'm.safetensors');
    expect(parse(good.subarray(0, 5))).toThrow(/shorter than the 8-byte header length/);
    expect(parse(good.subarray(0, 20))).toThrow(/header bytes.*truncated/);
    expect(parse(good.subarray(0, good.length - 4))).toThrow(/tensor "a" ends at byte 16.*truncated/);
    const bad = good.slice();
    bad[8] = 0x21; // '!' instead of '{'
    expect(parse(bad)).toThrow(/header is not JSON/);
    expect(parse(bad)).toThrow(EncoderFormatError);
  });
});

describe('encoder folder', () => {
  it('reads config, tokenizer, pooling, normalization and max_seq_length', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'), { pooling: 'cls', normalize: false, maxSeqLength: 12 });
    const f = await readEncoderFolder(m.dir);
    expect(f.config).toMatchObject({ hiddenSize: 8, numLayers: 2, numHeads: 2, intermediateSize: 16, maxPositionEmbeddings: 24 });
    expect(f.pooling).toBe('cls');
    expect(f.normalize).toBe(false);
    expect(f.maxSeqLength).toBe(12);
    expect(f.safetensorsPath).toBe(join(m.dir, 'model.safetensors'));
    expect(f.onnxPath).toBeUndefined();
  });

  it('reads an MPNet folder: positions after the padding row, no token types, the relative bias table, <s> ... </s>', async () => {
    const m = await writeTinyBert(await tempDir('tiny-mpnet-'), { mpnet: true, maxSeqLength: 40 });
    const f = await readEncoderFolder(m.dir);
    // the checkpoint's table has 24 + pad_token_id + 1 rows; 24 of them are token positions
    expect(f.config).toMatchObject({ architecture: 'mpnet', maxPositionEmbeddings: 24, positionOffset: MPNET_TOKENS.pad + 1, typeVocabSize: 0, relativeBuckets: 32 });
    expect(f.maxSeqLength).toBe(24);
    expect(f.tokenizer.specialIds).toMatchObject({ cls: MPNET_TOKENS.cls, sep: MPNET_TOKENS.sep, pad: MPNET_TOKENS.pad });
    const { loadBertWeights } = await import('../../src/encoders/hf/folder.js');
    const w = await loadBertWeights(f);
    expect(w.relativeBias?.length).toBe(32 * 2);
    expect(w.tokenType0).toEqual(new Float32Array(8));
    expect(w.position[0]).toBe(m.tensors['embeddings.position_embeddings.weight']![(MPNET_TOKENS.pad + 1) * 8]);
    const cfg = JSON.parse(await readFile(join(m.dir, 'config.json'), 'utf8'));
    await writeFile(join(m.dir, 'config.json'), JSON.stringify({ ...cfg, relative_attention_num_buckets: 30 }));
    await expect(readEncoderFolder(m.dir)).rejects.toThrow(/relative_attention_num_buckets 30 must be a multiple of 4/);
  });

  it('names the missing file and what a folder must hold', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    await rm(join(m.dir, 'model.safetensors'));
    await expect(readEncoderFolder(m.dir)).rejects.toThrow(/neither model\.safetensors nor onnx\/model\.onnx/);
    await rm(join(m.dir, '1_Pooling', 'config.json'));
    await expect(readEncoderFolder(m.dir)).rejects.toThrow(/1_Pooling\/config\.json is missing/);
    await rm(join(m.dir, 'vocab.txt'));
    await expect(readEncoderFolder(m.dir)).rejects.toThrow(/needs tokenizer\.json or vocab\.txt/);
    await rm(join(m.dir, 'config.json'));
    await expect(readEncoderFolder(m.dir)).rejects.toThrow(/config\.json is missing: an encoder folder must hold/);
    await expect(readEncoderFolder(join(m.dir, 'nope'))).rejects.toThrow(/is not a folder/);
  });

  it('refuses a model that is not BERT and a truncated weight file', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const { loadBertWeights } = await import('../../src/encoders/hf/folder.js');
    const weights = await readFile(join(m.dir, 'model.safetensors'));
    await writeFile(join(m.dir, 'model.safetensors'), weights.subarray(0, weights.length - 100));
    await expect(loadBertWeights(await readEncoderFolder(m.dir))).rejects.toThrow(/model\.safetensors is not a valid safetensors file.*truncated/);
    await writeFile(join(m.dir, 'config.json'), JSON.stringify({ model_type: 'gpt2', hidden_size: 8 }));
    await expect(readEncoderFolder(m.dir)).rejects.toThrow(/model_type is "gpt2"; only BERT-architecture encoders \(model_type "bert" or "mpnet"\)/);
  });

  it('refuses weights whose shapes disagree with config.json', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const { loadBertWeights } = await import('../../src/encoders/hf/folder.js');
    const cfg = JSON.parse(await readFile(join(m.dir, 'config.json'), 'utf8'));
    await writeFile(join(m.dir, 'config.json'), JSON.stringify({ ...cfg, intermediate_size: 32 }));
    await expect(loadBertWeights(await readEncoderFolder(m.dir))).rejects.toThrow(/intermediate\.dense\.weight has shape \[16,8\], config\.json implies \[32,8\]/);
  });
});

describe('planBatches', () => {
  it('groups by length in a stable order within row and token limits', () => {
    expect(planBatches([5, 2, 9, 2, 5, 3], { batchSize: 2, tokenBudget: 100 })).toEqual([[1, 3], [5, 0], [4, 2]]);
    expect(planBatches([10, 10, 10, 40], { batchSize: 8, tokenBudget: 30 })).toEqual([[0, 1, 2], [3]]);
    expect(planBatches([], { batchSize: 8, tokenBudget: 30 })).toEqual([]);
    // a long row does not join short ones when padding would be most of the batch
    expect(planBatches([4, 4, 4, 20, 21], { batchSize: 8, tokenBudget: 1000 })).toEqual([[0, 1, 2], [3, 4]]);
  });
});
