import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { activate, activateCpuBackend, forgetBackend } from '../../src/backends/load.js';
import type { TF } from '../../src/backends/types.js';

describe('activateCpuBackend (the encoder leaving a failed GPU)', () => {
  it('makes wasm the active backend when it is registered, and says when no CPU backend is', async () => {
    expect(await activateCpuBackend(tf as unknown as TF)).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const none = { findBackendFactory: () => null, setBackend: async () => true };
    await expect(activateCpuBackend(none as unknown as TF)).rejects.toThrow(/no usable CPU backend/);
    const wasmBroken = { findBackendFactory: () => () => ({}), setBackend: async (n: string) => n === 'cpu' };
    expect(await activateCpuBackend(wasmBroken as unknown as TF)).toBe('cpu');
  });
});

describe('a TF.js backend that fails to start', () => {
  it('is unregistered, so later TF.js work runs on the next backend instead of throwing', async () => {
    const t = tf as unknown as TF;
    await tf.setBackend('cpu');
    tf.registerBackend('test-broken-gpu', async () => {
      throw new Error('no device memory');
    }, 100);
    const warn = console.warn;
    console.warn = () => undefined; // TF.js logs the failed initialization
    try {
      const got = await activate(t, 'test-broken-gpu');
      expect(got).toEqual({ ok: false, reason: 'tf.setBackend("test-broken-gpu") returned false (the backend failed to initialise)' });
      expect(tf.findBackendFactory('test-broken-gpu')).toBeNull();
      expect(Array.from(tf.tensor1d([1, 2]).dataSync())).toEqual([1, 2]);
      expect(tf.getBackend()).not.toBe('test-broken-gpu');
      // asked again in the same process, it says why instead of TF.js's "not found in registry"
      expect(await activate(t, 'test-broken-gpu')).toEqual({ ok: false, reason: 'TF.js has no "test-broken-gpu" backend registered (it failed to start earlier in this process)' });
    } finally {
      console.warn = warn;
      await forgetBackend(t, 'test-broken-gpu');
    }
    await expect(forgetBackend(t, 'never-registered')).resolves.toBeUndefined();
  });
});
