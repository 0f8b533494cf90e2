/**
 * TF.js's webgpu backend (4.22) keeps every GPU buffer a disposed tensor held, for reuse by a later
 * tensor of exactly the same byte size (BufferManager.freeBuffers), and never frees one. A transformer
 * encoder's batches differ in rows and tokens, so that pool grows with every new shape: encoding
 * 1,000,000 headlines on an H200 left the device out of memory for the next model in the same process
 * (docs/gpu.md). A BufferPoolTrimmer bounds the pool between batches, least recently used sizes first.
 * Duck-typed on the backend object; anything else (another backend, another TF.js version) is left alone.
 */

/** Pooled bytes above which buffers are destroyed: room for a few batch shapes' working sets. */
export const DEFAULT_MAX_POOLED_BYTES = 4 * 1024 ** 3;

interface PooledBuffer {
  readonly size: number;
  destroy(): void;
}

interface BufferManagerLike {
  freeBuffers: Map<string, PooledBuffer[]>;
  numFreeBuffers: number;
  numBytesAllocated: number;
  acquireBuffer(size: number, usage: number, ...rest: unknown[]): unknown;
}

function bufferManagerOf(backend: unknown): BufferManagerLike | null {
  const m = (backend as { bufferManager?: Partial<BufferManagerLike> } | null | undefined)?.bufferManager;
  if (!m || !(m.freeBuffers instanceof Map) || typeof m.numFreeBuffers !== 'number' || typeof m.numBytesAllocated !== 'number' || typeof m.acquireBuffer !== 'function') return null;
  return m as BufferManagerLike;
}

/** Bytes held by buffers waiting in the pool, or 0 for a backend without one. */
export function pooledGpuBytes(backend: unknown): number {
  const m = bufferManagerOf(backend);
  if (!m) return 0;
  let bytes = 0;
  for (const list of m.freeBuffers.values()) for (const b of list) bytes += b.size;
  return bytes;
}

/** The batch in which each pool key (TF.js's `${size}_${usage}`) was last asked for, per buffer manager. */
const lastAsked = new WeakMap<BufferManagerLike, { batch: number; keys: Map<string, number> }>();

function track(m: BufferManagerLike): { batch: number; keys: Map<string, number> } {
  let t = lastAsked.get(m);
  if (t) return t;
  const state = { batch: 0, keys: new Map<string, number>() };
  const acquire = m.acquireBuffer.bind(m);
  m.acquireBuffer = (size: number, usage: number, ...rest: unknown[]) => {
    state.keys.set(`${size}_${usage}`, state.batch);
    return acquire(size, usage, ...rest);
  };
  lastAsked.set(m, state);
  t = state;
  return t;
}

/**
 * Call startBatch() before a batch's ops and endBatch() after its read-back. endBatch destroys pooled
 * buffers while the pool holds more than `maxPooledBytes`: first those of sizes the batch just run did
 * not ask for (the next batch, usually of the same shape, reuses the rest), then all. Safe then: TF.js
 * pools a buffer only once no unsubmitted command uses it, and WebGPU lets submitted work finish with a
 * destroyed buffer. The pool's keys stay (TF.js stops pooling when its map is empty) and its byte count stays right.
 */
export class BufferPoolTrimmer {
  private readonly manager: BufferManagerLike | null;

  constructor(backend: unknown, private readonly maxPooledBytes = DEFAULT_MAX_POOLED_BYTES) {
    this.manager = bufferManagerOf(backend);
    if (this.manager) track(this.manager);
  }

  startBatch(): void {
    if (this.manager) track(this.manager).batch++;
  }

  /** Returns the bytes freed. */
  endBatch(): number {
    const m = this.manager;
    if (!m) return 0;
    const pooled = pooledGpuBytes({ bufferManager: m });
    if (pooled <= this.maxPooledBytes) return 0;
    const t = track(m);
    let freed = destroyWhere(m, (key) => (t.keys.get(key) ?? -1) < t.batch);
    if (pooled - freed > this.maxPooledBytes) freed += destroyWhere(m, () => true);
    return freed;
  }
}

function destroyWhere(m: BufferManagerLike, stale: (key: string) => boolean): number {
  let freed = 0;
  for (const [key, list] of m.freeBuffers) {
    if (!stale(key) || list.length === 0) continue;
    for (const b of list) {
      b.destroy();
      freed += b.size;
    }
    m.numFreeBuffers -= list.length;
    list.length = 0;
  }
  m.numBytesAllocated -= freed;
  return freed;
}
