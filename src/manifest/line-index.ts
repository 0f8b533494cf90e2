/**
 * Line numbers from byte offsets, built as a file streams past (pure: fed its chunks in order).
 * A line ends at `\r\n`, `\n` or a lone `\r`, counted once each wherever they are, inside a quoted
 * CSV cell or not (the CSV parser's own line count counts a quoted `\r\n` twice).
 */
export class LineIndex {
  /** offset just past each line break, ascending */
  private ends: number[] = [];
  /** offset where each line break starts (same order as `ends`) */
  private starts: number[] = [];
  private offset = 0;
  /** the last byte fed was a `\r`: a `\n` first in the next chunk belongs to it */
  private pendingCr = false;

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      const at = this.offset + i;
      if (b === 0x0a) {
        if (this.pendingCr) this.ends[this.ends.length - 1] = at + 1;
        else {
          this.starts.push(at);
          this.ends.push(at + 1);
        }
        this.pendingCr = false;
      } else if (b === 0x0d) {
        this.starts.push(at);
        this.ends.push(at + 1);
        this.pendingCr = true;
      } else this.pendingCr = false;
    }
    this.offset += chunk.length;
  }

  /** 1-based line of the byte at `offset`. */
  lineAt(offset: number): number {
    // line breaks that end at or before `offset`
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ends[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  /** The first offset at or after `offset` that does not start a line break (skips blank lines). */
  skipBreaks(offset: number): number {
    let at = offset;
    for (;;) {
      let lo = 0;
      let hi = this.starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((this.starts[mid] as number) < at) lo = mid + 1;
        else hi = mid;
      }
      if (this.starts[lo] !== at) return at;
      at = this.ends[lo] as number;
    }
  }
}
