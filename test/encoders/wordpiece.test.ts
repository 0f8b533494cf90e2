import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WordPieceTokenizer } from '../../src/encoders/tokenizer/wordpiece.js';
import { normalizeBert, splitWords } from '../../src/encoders/tokenizer/basic.js';
import { tempDir } from '../helpers/temp-dir.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/encoders');
const vocab = readFileSync(join(FIXTURES, 'minilm-vocab.txt'), 'utf8').split('\n').slice(0, -1);
// ids from Hugging Face `tokenizers` (scripts/make-wordpiece-fixture.py): headlines, reviews, tweets, edge cases
const cases = readFileSync(join(FIXTURES, 'wordpiece-cases.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { source: string; text: string; ids: number[] });
const tok = WordPieceTokenizer.fromVocab(vocab, { lowercase: true, stripAccents: true });

describe('WordPieceTokenizer', () => {
  it.each(cases.map((c, i) => [i, c.source, c] as const))('matches Hugging Face tokenizers on case %i (%s)', (_i, _s, c) => {
    expect(tok.tokenIds(c.text)).toEqual(c.ids);
  });

  it('gives the same ids on a second call (the per-word cache)', () => {
    for (const c of cases.slice(0, 50)) expect(tok.tokenIds(c.text)).toEqual(c.ids);
  });

  it('wraps ids in [CLS] ... [SEP] and truncates to maxLength', () => {
    const { cls, sep } = tok.specialIds;
    const ids = tok.tokenIds('the quick brown fox jumps over the lazy dog');
    expect([...tok.encode('the quick brown fox jumps over the lazy dog', 512)]).toEqual([cls, ...ids, sep]);
    expect([...tok.encode('the quick brown fox jumps over the lazy dog', 5)]).toEqual([cls, ...ids.slice(0, 3), sep]);
    expect([...tok.encode('', 8)]).toEqual([cls, sep]);
    expect(() => tok.encode('x', 1)).toThrow(/at least 2/);
  });

  it('knows its special tokens and maps ids both ways', () => {
    expect(tok.specialIds).toEqual({ cls: 101, sep: 102, pad: 0, unk: 100 });
    expect(tok.vocabSize).toBe(30522);
    expect(tok.token(tok.id('hello')!)).toBe('hello');
    expect(tok.id('no-such-token')).toBeUndefined();
    expect(() => tok.token(99_999)).toThrow(/no token/);
  });

  it('splits unknown continuations into [UNK] for the whole word', () => {
    const small = WordPieceTokenizer.fromVocab(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'un', '##aff', '##able', 'a'], {
      lowercase: true,
      stripAccents: true,
    });
    expect(small.tokenIds('UNAFFABLE a unaffx')).toEqual([4, 5, 6, 7, 1]);
  });

  it('reads tokenizer.json and vocab.txt folders alike', async () => {
    const dir = await tempDir('wp-json-');
    const v = Object.fromEntries(vocab.map((t, i) => [t, i]));
    const json = {
      added_tokens: [{ id: 100, content: '[UNK]' }, { id: 101, content: '[CLS]' }, { id: 102, content: '[SEP]' }],
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: v },
    };
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(json));
    const fromJson = await WordPieceTokenizer.fromFolder(dir);
    const dir2 = await tempDir('wp-txt-');
    await writeFile(join(dir2, 'vocab.txt'), vocab.join('\n') + '\n');
    await writeFile(join(dir2, 'tokenizer_config.json'), JSON.stringify({ do_lower_case: true }));
    const fromTxt = await WordPieceTokenizer.fromFolder(dir2);
    for (const c of cases.slice(200, 260)) {
      expect(fromJson.tokenIds(c.text)).toEqual(c.ids);
      expect(fromTxt.tokenIds(c.text)).toEqual(c.ids);
    }
  });

  it("frames texts with the post_processor's tokens, not [CLS] and [SEP], when the vocabulary holds both (MPNet)", async () => {
    const v = Object.fromEntries([...vocab, '<s>', '</s>', '<pad>'].map((t, i) => [t, i]));
    const [s, e, pad] = [vocab.length, vocab.length + 1, vocab.length + 2];
    const model = { type: 'WordPiece', unk_token: '[UNK]', vocab: v };
    const framed = async (extra: object) => {
      const dir = await tempDir('wp-post-');
      await writeFile(join(dir, 'tokenizer.json'), JSON.stringify({ model, ...extra }));
      return WordPieceTokenizer.fromFolder(dir);
    };
    const roberta = await framed({ post_processor: { type: 'RobertaProcessing', sep: ['</s>', e], cls: ['<s>', s] }, padding: { pad_token: '<pad>' } });
    const ids = tok.tokenIds('the lazy dog');
    expect([...roberta.encode('the lazy dog', 64)]).toEqual([s, ...ids, e]);
    expect(roberta.specialIds).toEqual({ cls: s, sep: e, pad, unk: 100 });
    const template = await framed({
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
        special_tokens: { '<s>': { id: '<s>', ids: [s], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [e], tokens: ['</s>'] } },
      },
    });
    expect([...template.encode('the lazy dog', 64)]).toEqual([s, ...ids, e]);
    const bert = await framed({ post_processor: { type: 'BertProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101] } });
    expect([...bert.encode('the lazy dog', 64)]).toEqual([101, ...ids, 102]);
    await expect(framed({ post_processor: { type: 'ByteLevel' } })).rejects.toThrow(/post_processor\.type is "ByteLevel"/);
    const pairOnly = { type: 'TemplateProcessing', single: [{ Sequence: { id: 'A', type_id: 0 } }] };
    await expect(framed({ post_processor: pairOnly })).rejects.toThrow(/only a "single" template of one special token/);
  });

  it('names the files a folder must hold when it has no tokenizer', async () => {
    const dir = await tempDir('wp-none-');
    await expect(WordPieceTokenizer.fromFolder(dir)).rejects.toThrow(/tokenizer\.json or vocab\.txt/);
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify({ model: { type: 'BPE', vocab: {} } }));
    await expect(WordPieceTokenizer.fromFolder(dir)).rejects.toThrow(/tokenizer\.json: model\.type is "BPE"/);
  });

  it('keeps case and accents when the config says so', () => {
    const cased = WordPieceTokenizer.fromVocab(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'Café', 'café', 'cafe'], {
      lowercase: false,
      stripAccents: false,
    });
    expect(cased.tokenIds('Café café')).toEqual([4, 5]);
  });
});

describe('basic tokenizer', () => {
  it('cleans, spaces CJK, strips accents and lowercases', () => {
    const opts = { lowercase: true, stripAccents: true };
    expect(normalizeBert('Héllo\u0000\tWÖRLD中文', opts)).toBe('hello world 中  文 ');
    expect(normalizeBert('ΟΔΟΣ', opts)).toBe('οδοσ');
  });

  it('isolates ASCII and Unicode punctuation', () => {
    expect(splitWords("it's $5 «ok»")).toEqual(['it', "'", 's', '$', '5', '«', 'ok', '»']);
  });
});
