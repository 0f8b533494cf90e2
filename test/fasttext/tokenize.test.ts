import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/fasttext/tokenize.js';

describe('tokenize', () => {
  it('splits only on the ASCII whitespace fastText uses and keeps case and punctuation', () => {
    expect(tokenize('  Fed raises\trates,\r\nagain\v\f!\0x  ')).toEqual(['Fed', 'raises', 'rates,', 'again', '!', 'x']);
  });

  it('does not split on non-ASCII spaces, as fastText reads bytes', () => {
    expect(tokenize('a\u00a0b c')).toEqual(['a\u00a0b', 'c']);
  });

  it('returns no tokens for blank text', () => {
    expect(tokenize(' \t\n')).toEqual([]);
  });

  it('lowercases and splits punctuation when normalize is on', () => {
    expect(tokenize("Fed's RATES, up 5%!", { normalize: true })).toEqual(['fed', "'", 's', 'rates', ',', 'up', '5', '%', '!']);
  });
});
