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
      if (own.buffer.byteLength < bytes) own.grow(Math.ceil((bytes - own.buffer.byteLength) / WASM_PAGE));
      return { exports, reused: pooled !== undefined };
    },
    release(exports) {
      if (released.length < keep && exports.memory.buffer.byteLength <= keepBytes && !released.includes(exports)) released.push(exports);
    },
  };
}
