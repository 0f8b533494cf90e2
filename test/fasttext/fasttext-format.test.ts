import { describe, expect, it } from 'vitest';
import { PredictionFormatter, rankRow, toFastTextLine } from '../../src/fasttext/fasttext-format.js';

describe('fastText file format', () => {
  it('prefixes the label, keeps the text and removes line breaks that would end the example', () => {
    expect(toFastTextLine('Fed raises\nrates, again', 'Sci/Tech')).toBe('__label__Sci/Tech Fed raises rates, again');
    expect(toFastTextLine('x', 'two words')).toBe('__label__two_words x');
  });

  it('writes BlazingText records sorted by probability, best first', () => {
    const fmt = new PredictionFormatter(['a', 'b"q', 'c']);
    const probs = Float32Array.of(0.2, 0.5, 0.3, 0.1, 0.1, 0.8);
    const r0 = JSON.parse(fmt.record(probs, 0));
    expect(r0.label).toEqual(['__label__b"q', '__label__c', '__label__a']);
    expect(r0.prob).toEqual([0.5, 0.3, 0.2].map((p) => Math.fround(p)));
    expect(JSON.parse(fmt.record(probs, 1)).label).toEqual(['__label__c', '__label__a', '__label__b"q']);
  });

  it('writes only the top k labels when asked, still best first', () => {
    const fmt = new PredictionFormatter(['a', 'b', 'c'], 2);
    const probs = Float32Array.of(0.2, 0.5, 0.3);
    expect(JSON.parse(fmt.record(probs, 0))).toEqual({ label: ['__label__b', '__label__c'], prob: [0.5, 0.3].map((p) => Math.fround(p)) });
    expect(JSON.parse(new PredictionFormatter(['a', 'b'], 9).record(Float32Array.of(0.4, 0.6), 0)).label).toHaveLength(2);
  });

  it('ranks ties in label order', () => {
    expect([...rankRow(Float32Array.of(0.1, 0.45, 0.45), 0, 3, new Int32Array(3))]).toEqual([1, 2, 0]);
  });
});
