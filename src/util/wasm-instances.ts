/** WebAssembly page size in bytes. */
export const WASM_PAGE = 65536;

/** `bytes` rounded up to a multiple of 16: where the next buffer in a kernel's memory may start, aligned for v128 loads. */
export const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** The parts of the WebAssembly API used here (Node has it; the project's type libraries do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Instances of one module, each with its own memory, handed out and kept for reuse. */
export interface WasmInstancePool<E extends { memory: WasmMemory }> {
  /**
   * An instance with at least `bytes` of memory: a released one if any (`reused`; its memory holds what
   * its last user left), else a new one (zeroed). Give it back with `release` once done, and keep no view
   * of its memory after that.
   */
  take(bytes: number): { exports: E; reused: boolean };
  /** Returns an instance from `take` for reuse. */
  release(exports: E): void;
}

/**
 * A pool of instances of the module in `base64` (compiled on first use): a new instance costs 50-200
 * microseconds. At most `keep` released instances are kept, and none whose memory is over `keepBytes`
 * (WebAssembly memory cannot shrink).
 */
export function wasmInstancePool<E extends { memory: WasmMemory }>(base64: string, keep: number, keepBytes: number): WasmInstancePool<E> {
  let compiled: object | null = null;
  const released: E[] = [];
  return {
    take(bytes) {
      if (bytes > 2 ** 32 - WASM_PAGE) throw new Error(`${bytes} bytes do not fit a WebAssembly module's 4 GB memory`);
      const pooled = released.pop();
      compiled ??= new wasm.Module(Buffer.from(base64, 'base64'));
      const exports = pooled ?? (new wasm.Instance(compiled).exports as E);
      const own = exports.memory;
      growTo(own, bytes);
      return { exports, reused: pooled !== undefined };
    },
    release(exports) {
      if (released.length < keep && exports.memory.buffer.byteLength <= keepBytes && !released.includes(exports)) released.push(exports);
    },
  };
}

/** Grows `memory` (by whole pages) until it holds at least `bytes`; views of its old buffer are then detached. */
export function growTo(memory: WasmMemory, bytes: number): void {
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE));
}

/** The largest table a kernel copies into its memory (`instanceWithTable`); the callers use JavaScript past it. */
export const MAX_WASM_TABLE_BYTES = 2 ** 31;

/**
 * An instance of its own from `pool` with `table` (rows of `width` floats) copied to byte 0, and `moreBytes` of room
 * from `tableEnd` (the table's end, aligned to 16) on: how the static encoder's sums and naive Bayes' scorer hold
 * their tables. Refuses a table that is not whole rows or is over MAX_WASM_TABLE_BYTES.
 */
export function instanceWithTable<E extends { memory: WasmMemory }>(pool: WasmInstancePool<E>, table: Float32Array, width: number, moreBytes: number): { exports: E; tableEnd: number } {
  if (!(width > 0) || table.length % width !== 0) throw new RangeError(`a table of ${table.length} floats has no rows of ${width}`);
  if (table.byteLength > MAX_WASM_TABLE_BYTES) throw new RangeError(`a table of ${table.byteLength} bytes is over the ${MAX_WASM_TABLE_BYTES} a kernel takes`);
  const tableEnd = align16(table.byteLength);
  const { exports } = pool.take(tableEnd + moreBytes);
  new Float32Array(exports.memory.buffer, 0, table.length).set(table);
  return { exports, tableEnd };
}
