/** Growable Int32Array, so encoding 100k texts does not build a JS array of millions of numbers. */
export class IntBuffer {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** A right-sized copy; `shared` puts it on a SharedArrayBuffer for Hogwild workers. */
  toArray(shared = false): Int32Array {
    const out = shared ? new Int32Array(new SharedArrayBuffer(this.length * 4)) : new Int32Array(this.length);
    out.set(this.data.subarray(0, this.length));
    return out;
  }
}
