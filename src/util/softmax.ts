/** Numerically stable softmax of z written to out[o..o+z.length); z is left holding the probabilities too. */
export function softmaxInto(z: Float64Array, out: Float32Array | Float64Array, o: number): void {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < z.length; c++) out[o + c] = z[c] = z[c]! / sum;
}
