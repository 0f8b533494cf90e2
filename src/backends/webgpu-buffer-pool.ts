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
  return m ? pooledBytes(m) : 0;
}

function pooledBytes(m: BufferManagerLike): number {
  let bytes = 0;
  for (const list of m.freeBuffers.values()) for (const b of list) bytes += b.size;
  return bytes;
}

/** Which batch asked last for each pool key (TF.js's `${size}_${usage}`) of a buffer manager. */
interface KeyUse {
  batch: number;
  lastAsked: Map<string, number>;
}

/** One record per buffer manager: its acquireBuffer is wrapped once to note the keys asked for. */
const keyUses = new WeakMap<BufferManagerLike, KeyUse>();

function keyUseOf(m: BufferManagerLike): KeyUse {
  const known = keyUses.get(m);
  if (known) return known;
  const use: KeyUse = { batch: 0, lastAsked: new Map() };
  const acquire = m.acquireBuffer.bind(m);
  m.acquireBuffer = (size: number, usage: number, ...rest: unknown[]) => {
    use.lastAsked.set(`${size}_${usage}`, use.batch);
    return acquire(size, usage, ...rest);
  };
  keyUses.set(m, use);
  return use;
}

/**
 * Call startBatch() before a batch's ops and endBatch() after its read-back. endBatch destroys pooled
 * buffers while the pool holds more than `maxPooledBytes`: first those of sizes the batch just run did
 * not ask for (the next batch, usually of the same shape, reuses the rest), then all. Safe then: TF.js
 * pools a buffer only once no unsubmitted command uses it, and WebGPU lets submitted work finish with a
 * destroyed buffer. The pool's keys stay (TF.js stops pooling when its map is empty) and its byte count stays right.
 */
export class BufferPoolTrimmer {
  private readonly pool: { manager: BufferManagerLike; use: KeyUse } | null;

  constructor(backend: unknown, private readonly maxPooledBytes = DEFAULT_MAX_POOLED_BYTES) {
    const manager = bufferManagerOf(backend);
    this.pool = manager ? { manager, use: keyUseOf(manager) } : null;
  }

  startBatch(): void {
    if (this.pool) this.pool.use.batch++;
  }

  /** Returns the bytes freed. */
  endBatch(): number {
    if (!this.pool) return 0;
    const { manager, use } = this.pool;
    const pooled = pooledBytes(manager);
    if (pooled <= this.maxPooledBytes) return 0;
    let freed = destroyWhere(manager, (key) => (use.lastAsked.get(key) ?? -1) < use.batch);
    if (pooled - freed > this.maxPooledBytes) freed += destroyWhere(manager, () => true);
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
