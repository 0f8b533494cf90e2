/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and [begin, end) byte range, then the raw little-endian data. Pure (bytes in, bytes
 * out); safetensors-io.ts reads and writes files.
 */
import { EncoderFormatError } from '../errors.js';

export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'I8' | 'U8' | 'I32' | 'I64';
const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2, I8: 1, U8: 1, I32: 4, I64: 8 };

export interface TensorInfo {
  dtype: SafetensorsDtype;
  shape: number[];
}

export type TensorData = Float32Array | Int32Array | Int8Array | Uint8Array | Uint16Array | BigInt64Array;

/** A tensor to write: F32 from a Float32Array, F16 from the Uint16Array of its bit patterns (float16.ts), I32 from Int32Array, I8 from Int8Array, and so on. */
export interface TensorToWrite {
  dtype: 'F32' | 'F16' | 'I32' | 'I8' | 'U8' | 'I64';
  shape: number[];
  data: TensorData;
}

/** The metadata key and value of al-label's compact int8 form, and the suffix of its per-row scale tensors. */
export const QUANTIZATION_KEY = 'al-label.quantization';
export const INT8_PER_ROW = 'int8-per-row';
export const SCALE_SUFFIX = '.__scale__';

export class SafetensorsFile {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly dataStart: number,
    private readonly entries: Map<string, TensorInfo & { begin: number; end: number }>,
    readonly metadata: Record<string, string>,
  ) {}

  /** Parses the header and checks every tensor's byte range; `source` names the file in errors. */
  static parse(bytes: Uint8Array, source: string): SafetensorsFile {
    const fail = (why: string): never => {
      throw new EncoderFormatError(`${source} is not a valid safetensors file: ${why}`);
    };
    if (bytes.length < 8) fail(`it is ${bytes.length} bytes long, shorter than the 8-byte header length`);
    const headerLen = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
    if (headerLen > bytes.length - 8) fail(`the header says ${headerLen} header bytes but the file has ${bytes.length - 8} after the length (truncated?)`);
    let header: unknown;
    try {
      header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
    } catch (err) {
      fail(`its header is not JSON (${(err as Error).message})`);
    }
    if (header === null || typeof header !== 'object' || Array.isArray(header)) fail('its header is not a JSON object');
    const dataStart = 8 + headerLen;
    const dataLen = bytes.length - dataStart;
    const entries = new Map<string, TensorInfo & { begin: number; end: number }>();
    let metadata: Record<string, string> = {};
    for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
      if (name === '__metadata__') {
        metadata = (raw ?? {}) as Record<string, string>;
        continue;
      }
      const e = (raw ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      const dtype = e.dtype as SafetensorsDtype;
      if (!(typeof dtype === 'string' && dtype in BYTES)) fail(`tensor "${name}" has dtype ${String(e.dtype)}; supported: ${Object.keys(BYTES).join(', ')}`);
      const shape = e.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`tensor "${name}" has no valid shape`);
      const offsets = e.data_offsets;
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0)) {
        fail(`tensor "${name}" has no valid data_offsets`);
      }
      const [begin, end] = offsets as [number, number];
      const want = (shape as number[]).reduce((a, b) => a * b, 1) * BYTES[dtype];
      if (end - begin !== want) fail(`tensor "${name}" covers ${end - begin} bytes but its shape and dtype need ${want}`);
      if (end > dataLen) fail(`tensor "${name}" ends at byte ${end} of the data but the file holds ${dataLen} data bytes (truncated?)`);
      entries.set(name, { dtype, shape: shape as number[], begin, end });
    }
    return new SafetensorsFile(bytes, dataStart, entries, metadata);
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  info(name: string): TensorInfo {
    const { dtype, shape } = this.entry(name);
    return { dtype, shape: [...shape] };
  }

  /**
   * The tensor as float32 (F16 and BF16 widened, integers converted); a fresh copy. In a file whose
   * metadata says "al-label.quantization": "int8-per-row" (docs/gpu.md, "Carrying an encoder"), an I8
   * tensor with an F32 companion `<name>.__scale__` of one scale per row is dequantized: q * scale[row].
   */
  float32(name: string): Float32Array {
    const e = this.entry(name);
    const raw = this.rawBytes(e);
    const n = raw.length / BYTES[e.dtype];
    if (e.dtype === 'I8' && this.metadata[QUANTIZATION_KEY] === INT8_PER_ROW && this.entries.has(name + SCALE_SUFFIX)) {
      return this.dequantizeRows(name, e, raw);
    }
    switch (e.dtype) {
      case 'F32':
        return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
      case 'F16':
        return widen(raw, n, (bits) => halfTable()[bits]!);
      case 'BF16':
        return widen(raw, n, (bits) => bf16ToFloat(bits));
      default: {
        const ints = this.data(name);
        const out = new Float32Array(ints.length);
        for (let i = 0; i < ints.length; i++) out[i] = Number(ints[i]);
        return out;
      }
    }
  }

  /** The tensor in its own dtype (F16/BF16 come back widened to float32); a fresh copy. */
  data(name: string): TensorData {
    const e = this.entry(name);
    const raw = this.rawBytes(e);
    const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length);
    switch (e.dtype) {
      case 'I8':
        return new Int8Array(buf);
      case 'U8':
        return new Uint8Array(buf);
      case 'I32':
        return new Int32Array(buf);
      case 'I64':
        return new BigInt64Array(buf);
      default:
        return this.float32(name);
    }
  }

  private dequantizeRows(name: string, e: TensorInfo, raw: Uint8Array): Float32Array {
    const scaleName = name + SCALE_SUFFIX;
    const s = this.entry(scaleName);
    const rows = e.shape[0] ?? 0;
    if (s.dtype !== 'F32' || s.shape.length !== 1 || s.shape[0] !== rows || e.shape.length !== 2) {
      throw new EncoderFormatError(`int8 tensor "${name}" of shape [${e.shape}] needs "${scaleName}" as F32 of shape [${rows}] (one scale per row), found ${s.dtype} [${s.shape}]`);
    }
    const scales = this.float32(scaleName);
    const q = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    const cols = e.shape[1]!;
    const out = new Float32Array(q.length);
    for (let r = 0, i = 0; r < rows; r++) {
      const scale = scales[r]!;
      for (let c = 0; c < cols; c++, i++) out[i] = q[i]! * scale;
    }
    return out;
  }

  private entry(name: string): TensorInfo & { begin: number; end: number } {
    const e = this.entries.get(name);
    if (!e) throw new EncoderFormatError(`no tensor named "${name}" (the file holds ${this.entries.size}: ${this.names.slice(0, 8).join(', ')}${this.entries.size > 8 ? ', ...' : ''})`);
    return e;
  }

  private rawBytes(e: { begin: number; end: number }): Uint8Array {
    return this.bytes.subarray(this.dataStart + e.begin, this.dataStart + e.end);
  }
}

function widen(raw: Uint8Array, n: number, convert: (bits: number) => number): Float32Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = convert(view.getUint16(i * 2, true));
  return out;
}

const F32_BITS = new Float32Array(1);
const U32_BITS = new Uint32Array(F32_BITS.buffer);

function bf16ToFloat(bits: number): number {
  U32_BITS[0] = bits << 16;
  return F32_BITS[0]!;
}

let halves: Float32Array | null = null;
/** Every float16's float32 value by its bits: a shipped encoder's 7.8 million halves widen by lookup. */
function halfTable(): Float32Array {
  if (!halves) {
    halves = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halves[h] = halfToFloat(h);
  }
  return halves;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Bytes of a safetensors file holding `tensors` (in key order), header padded to 8 bytes as HF does. */
export function serializeSafetensors(tensors: Record<string, TensorToWrite>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = t.data.byteLength;
    const want = t.shape.reduce((a, b) => a * b, 1) * BYTES[t.dtype];
    if (bytes !== want) throw new RangeError(`tensor "${name}": ${bytes} bytes of data for shape [${t.shape}] ${t.dtype} (${want} expected)`);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of Object.values(tensors)) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}
