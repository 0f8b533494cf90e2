import { TEXT_HASH_BYTES } from './text-hash.js';

/**
 * One cached vector: the text's hash (16 bytes), the row's float32 scale (little-endian), then dim
 * int8 components. Fixed size, so a record torn by a kill is the file's tail shorter than a record.
 */
export function recordBytes(dim: number): number {
  return TEXT_HASH_BYTES + 4 + dim;
}

export function writeRecord(buf: Buffer, at: number, hash: Uint8Array, scale: number, q: Int8Array, dim: number): void {
  buf.set(hash.subarray(0, TEXT_HASH_BYTES), at);
  buf.writeFloatLE(scale, at + TEXT_HASH_BYTES);
  buf.set(new Uint8Array(q.buffer, q.byteOffset, dim), at + TEXT_HASH_BYTES + 4);
}

/** Calls `visit` for every whole record in `buf`; returns the count of trailing bytes that make no whole record. */
export function readRecords(buf: Buffer, dim: number, visit: (hashKey: string, scale: number, q: Int8Array) => void): number {
  const size = recordBytes(dim);
  const whole = Math.floor(buf.length / size);
  for (let k = 0; k < whole; k++) {
    const at = k * size;
    const key = buf.toString('latin1', at, at + TEXT_HASH_BYTES);
    const scale = buf.readFloatLE(at + TEXT_HASH_BYTES);
    const q = new Int8Array(buf.buffer, buf.byteOffset + at + TEXT_HASH_BYTES + 4, dim);
    visit(key, scale, q);
  }
  return buf.length - whole * size;
}
