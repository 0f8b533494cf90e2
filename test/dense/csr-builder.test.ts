import { describe, expect, it } from 'vitest';
import { CsrBuilder } from '../../src/dense/csr-builder.js';

describe('CsrBuilder', () => {
  it('keeps every entry written as its arrays grow, and cuts them to length', () => {
    const rows = 50;
    const b = new CsrBuilder(rows);
    const want: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const len = (r * 37) % 90; // 0 to 89 entries, 2,200 in all: past the first 1,024
      b.reserve(len);
      let n = b.size;
      const row: number[] = [];
      for (let k = 0; k < len; k++) {
        b.ids[n] = r * 1000 + k;
        b.values[n++] = k / 4;
        row.push(r * 1000 + k);
      }
      b.endRow(n);
      want.push(row);
    }
    const csr = b.rows();
    expect(csr.ids.length).toBe(want.flat().length);
    expect(csr.values.length).toBe(csr.ids.length);
    want.forEach((row, r) => {
      expect(Array.from(csr.ids.subarray(csr.offsets[r]!, csr.offsets[r + 1]!))).toEqual(row);
      expect(Array.from(csr.values.subarray(csr.offsets[r]!, csr.offsets[r + 1]!))).toEqual(row.map((_, k) => k / 4));
    });
  });

  it('refuses to hand out rows before all were written', () => {
    const b = new CsrBuilder(2);
    b.endRow(0);
    expect(() => b.rows()).toThrow(/1 of 2 rows were written/);
  });
});
