import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
// the pinned @tensorflow/tfjs-backend-webgpu's own pool (ES module build; it needs no GPU until a buffer is made)
import { BufferManager } from '@tensorflow/tfjs-backend-webgpu/dist/buffer_manager.js';
import { BufferPoolTrimmer, pooledGpuBytes } from '../../src/backends/webgpu-buffer-pool.js';

/** A GPUDevice stand-in that makes buffers which remember being destroyed. */
function fakeDevice() {
  const made: { size: number; usage: number; destroyed: boolean; destroy(): void }[] = [];
  return {
    made,
    createBuffer({ size, usage }: { size: number; usage: number }) {
      const b = { size, usage, destroyed: false, destroy() { b.destroyed = true; } };
      made.push(b);
      return b;
    },
  };
}

describe("trimming TF.js webgpu's buffer pool", () => {
  it("destroys the real BufferManager's least recently asked sizes above the cap, then all, and pooling goes on", () => {
    const device = fakeDevice();
    const m = new BufferManager(device as unknown as GPUDevice);
    const backend = { bufferManager: m };
    const STORAGE = 128;
    const trimmer = new BufferPoolTrimmer(backend, 4000);
    const batch = (sizes: number[]) => {
      trimmer.startBatch();
      const held = sizes.map((size) => m.acquireBuffer(size, STORAGE));
      for (const b of held) m.releaseBuffer(b); // the batch's tensors are disposed: TF.js pools their buffers
      return trimmer.endBatch();
    };
    const inUse = m.acquireBuffer(500, STORAGE); // a weight: never pooled, never touched
    expect(batch([1000, 2000])).toBe(0); // 3,000 pooled: under the cap
    expect(batch([1000, 2000])).toBe(0); // the same shape again reuses them
    expect(device.made).toHaveLength(3);
    expect(batch([1000, 1500, 1500])).toBe(2000); // 6,000 pooled: the 2,000 this batch did not ask for goes
    expect(device.made.filter((b) => b.destroyed).map((b) => b.size)).toEqual([2000]);
    expect(pooledGpuBytes(backend)).toBe(4000);
    expect(m.numBytesAllocated).toBe(4500);
    expect(m.getNumFreeBuffers()).toBe(3);

    expect(batch([3000, 1500])).toBe(7000); // 7,000 pooled; without the 1,000 it did not ask for still over the cap: all go
    expect(pooledGpuBytes(backend)).toBe(0);
    expect(m.getNumFreeBuffers()).toBe(0);
    expect(m.numBytesAllocated).toBe(500);
    expect(m.numBytesUsed).toBe(500);

    // the pool goes on working: a released buffer is pooled again (TF.js stops pooling when the map is empty)
    m.releaseBuffer(inUse);
    expect(m.getNumFreeBuffers()).toBe(1);
    expect(m.acquireBuffer(500, STORAGE)).toBe(inUse);
  });

  it('leaves other backends alone', () => {
    const t = new BufferPoolTrimmer({ kernels: {} }, 0);
    t.startBatch();
    expect(t.endBatch()).toBe(0);
    expect(new BufferPoolTrimmer(null, 0).endBatch()).toBe(0);
    expect(pooledGpuBytes(tf.backend())).toBe(0);
  });
});
