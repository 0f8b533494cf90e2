/** What a runtime (onnxruntime, TF.js) provides to the transformer encoder. */
export interface BertRunner {
  /** "onnx" or "tfjs", with detail for reports, e.g. "onnxruntime-node 1.30.0 cpu, 2 threads" */
  readonly description: string;
  /**
   * Pooled (and, when the folder says so, L2-normalized) vectors of token-id rows ([CLS] ... [SEP]),
   * row-major rows.length x hidden. Rows may differ in length; the runner pads to the longest.
   */
  embed(rows: readonly Int32Array[]): Promise<Float32Array>;
  dispose(): void;
}
