import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/fasttext/prng.js';

describe('Prng save and restore', () => {
  it('goes on with the same sequence from a saved state, given as unsigned or as signed 32-bit', () => {
    const rng = new Prng(42);
    while (rng.save() < 2 ** 31) rng.next(); // a state with the top bit set, negative as a signed integer
    const state = rng.save();
    const want = [rng.next(), rng.next(), rng.next()];
    const again = new Prng(1);
    again.restore(state);
    expect([again.next(), again.next(), again.next()]).toEqual(want);
    const signed = new Prng(1);
    signed.restore(state | 0); // how a WebAssembly i32 hands it back
    expect([signed.next(), signed.next(), signed.next()]).toEqual(want);
  });
});
