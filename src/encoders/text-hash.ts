import { createHash } from 'node:crypto';

/** Bytes of a text's key in the vector cache: the first 16 bytes of sha256 over its UTF-8. */
export const TEXT_HASH_BYTES = 16;

export function textHash(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest().subarray(0, TEXT_HASH_BYTES);
}

/** The hash as a Map key (latin1: one char per byte, cheaper than hex). */
export function textKey(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, TEXT_HASH_BYTES).toString('latin1');
}
