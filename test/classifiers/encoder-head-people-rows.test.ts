import { describe, expect, it } from 'vitest';
import { encoderHeadFactory } from '../../src/classifiers/encoder-head-classifier.js';
import { ensembleFactory } from '../../src/classifiers/ensemble-classifier.js';
import { naiveBayesFactory } from '../../src/classifiers/naive-bayes-classifier.js';
import { encodeTexts } from '../../src/encoders/text-vectors.js';
import type { TextEncoder } from '../../src/encoders/types.js';

/** A fake encoder whose vectors say which of three topics a text's first word names. */
const topicEncoder: TextEncoder = {
  kind: 'static', name: 'topics', contentHash: 'a'.repeat(64), dim: 3,
  async encode(texts) {
    const out = new Float32Array(texts.length * 3);
    texts.forEach((t, r) => {
      const topic = ['sport', 'money', 'film'].indexOf(t.split(' ')[0]!);
      for (let i = 0; i < 3; i++) out[r * 3 + i] = (i === topic ? 1 : 0.2) + 0.01 * ((t.length * (i + 1)) % 7);
    });
    return out;
  },
  dispose() {},
};

const people = Array.from({ length: 30 }, (_, i) => `${['sport', 'money', 'film'][i % 3]} story ${i}`);
const peopleLabels = Int32Array.from(people, (_, i) => i % 3);
// model-given rows with every label wrong: a head that learned from them would say so
const pseudo = Array.from({ length: 60 }, (_, i) => `${['sport', 'money', 'film'][i % 3]} rumour ${i}`);
const pseudoLabels = Int32Array.from(pseudo, (_, i) => (i + 1) % 3);

describe('the encoder head and model-given labels', () => {
  it("learns from people's rows alone when told how many lead, alone or inside the mean", async () => {
    const probe = ['sport x', 'money x', 'film x'];
    const all = await encodeTexts(topicEncoder, [...people, ...pseudo, ...probe], { cache: null });
    const identity = { kind: 'static' as const, name: 'topics', contentHash: topicEncoder.contentHash, dim: 3 };
    const headAll = encoderHeadFactory(all, identity);
    const a = headAll.create(1);
    await a.fit([...people, ...pseudo], Int32Array.from([...peopleLabels, ...pseudoLabels]), 3, { peopleRows: people.length });
    const b = headAll.create(1);
    await b.fit(people, peopleLabels, 3);
    expect(Array.from(a.predictProba(probe))).toEqual(Array.from(b.predictProba(probe)));
    const untold = headAll.create(1);
    await untold.fit([...people, ...pseudo], Int32Array.from([...peopleLabels, ...pseudoLabels]), 3);
    expect(Array.from(untold.predictProba(probe))).not.toEqual(Array.from(b.predictProba(probe)));
    // the mean passes the count to every member: naive Bayes still learns from every row
    const mean = ensembleFactory([{ name: 'encoder-head', factory: headAll }, { name: 'naive-bayes', factory: naiveBayesFactory() }]);
    const m = mean.create(1);
    await m.fit([...people, ...pseudo], Int32Array.from([...peopleLabels, ...pseudoLabels]), 3, { peopleRows: people.length });
    const nb = naiveBayesFactory().create(1);
    await nb.fit([...people, ...pseudo], Int32Array.from([...peopleLabels, ...pseudoLabels]), 3);
    const expected = b.predictProba(probe).map((v, i) => (v + nb.predictProba(probe)[i]!) / 2);
    Array.from(m.predictProba(probe)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });
});
