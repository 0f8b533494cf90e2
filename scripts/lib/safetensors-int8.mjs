// Reads and writes safetensors files, including al-label's compact int8 form (see docs/gpu.md,
// "Carrying an encoder"): a 2-D F32 weight `name` is stored as an I8 tensor `name` of the same shape
// plus an F32 tensor `name.__scale__` of one scale per row; the value is q * scale[row]. Readers that
// know the convention dequantize on load; the header's __metadata__ says "al-label.quantization":
// "int8-per-row". Every other tensor is stored as it was.
import { readFile } from "node:fs/promises";

export const SCALE_SUFFIX = ".__scale__";
const BYTES = { F32: 4, F16: 2, I8: 1, U8: 1, I64: 8, I32: 4, BF16: 2 };

/** { metadata, tensors: Map<name, { dtype, shape, bytes: Uint8Array }> } of a safetensors buffer. */
export function parseSafetensors(buf) {
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + n).toString("utf8"));
  const base = 8 + n;
  const tensors = new Map();
  for (const [name, t] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const [s, e] = t.data_offsets;
    tensors.set(name, { dtype: t.dtype, shape: t.shape, bytes: buf.subarray(base + s, base + e) });
  }
  return { metadata: header.__metadata__ ?? {}, tensors };
}

/** A safetensors buffer from [name, { dtype, shape, bytes }] entries (header padded to 8 bytes). */
export function buildSafetensors(entries, metadata = {}) {
  const header = { __metadata__: metadata };
  let off = 0;
  for (const [name, t] of entries) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [off, off + t.bytes.length] };
    off += t.bytes.length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  return Buffer.concat([head, Buffer.from(json, "utf8"), ...entries.map(([, t]) => Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.length))]);
}

const f32 = (bytes) => new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));

/** Per-row int8: scale = max |row| / 127, q = round(x / scale). */
export function quantizeRows(values, rows, cols) {
  const q = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(values[r * cols + c]));
    const s = max / 127;
    scales[r] = s;
    if (s === 0) continue;
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(values[r * cols + c] / s)));
  }
  return { q, scales };
}

/** Which tensors are quantized: 2-D F32 weights of at least `minElements` values (embeddings, linear layers). */
export const shouldQuantize = (t, minElements = 4096) => t.dtype === "F32" && t.shape.length === 2 && t.shape[0] * t.shape[1] >= minElements;

/** Reads a safetensors file into Map<name, { shape, data: Float32Array }>, dequantizing int8 tensors; other dtypes are skipped. */
export async function readFloatTensors(path) {
  const { tensors } = parseSafetensors(await readFile(path));
  const out = new Map();
  for (const [name, t] of tensors) {
    if (name.endsWith(SCALE_SUFFIX)) continue;
    if (t.dtype === "F32") out.set(name, { shape: t.shape, data: f32(t.bytes) });
    else if (t.dtype === "I8") {
      const scale = tensors.get(name + SCALE_SUFFIX);
      if (!scale) throw new Error(`${path}: I8 tensor ${name} has no ${name}${SCALE_SUFFIX}`);
      const scales = f32(scale.bytes);
      const q = new Int8Array(t.bytes.buffer, t.bytes.byteOffset, t.bytes.length);
      const cols = t.shape.length === 2 ? t.shape[1] : t.bytes.length / scales.length;
      const data = new Float32Array(q.length);
      for (let i = 0; i < q.length; i++) data[i] = q[i] * scales[Math.floor(i / cols)];
      out.set(name, { shape: t.shape, data });
    }
  }
  return out;
}

export { BYTES };
