// A small BERT sentence encoder in plain TF.js ops, for `bench:gpu` where the project's own
// transformer encoder (src/encoders/transformer/) is not built: BERT WordPiece tokenization (uncased),
// the forward pass with the folder's real weights (fp32, or int8 per row as scripts/device/pack-encoder.mjs
// writes them), attention masking, mean pooling over real tokens and L2 normalization
// (sentence-transformers' all-MiniLM-L6-v2 recipe). Rows are batched by token length, padded to a
// multiple of 8 tokens (few distinct shapes, so few shader compilations on WebGPU), with one
// read-back per batch.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readFloatTensors } from "./safetensors-int8.mjs";

/** BERT's basic tokenizer (clean, lowercase, strip accents, split punctuation) then greedy WordPiece. */
export function wordPieceTokenizer(vocabText, { lowercase = true, maxChars = 100 } = {}) {
  const vocab = new Map(vocabText.split("\n").map((w, i) => [w.replace(/\r$/, ""), i]));
  const id = (t) => vocab.get(t);
  const unk = id("[UNK]"), cls = id("[CLS]"), sep = id("[SEP]");
  // BERT's punctuation: ASCII symbols and Unicode P*/S* (a table for ASCII: this runs on every character)
  const asciiPunct = new Uint8Array(128);
  for (let c = 33; c < 127; c++) asciiPunct[c] = /[!-/:-@[-`{-~]/.test(String.fromCharCode(c)) ? 1 : 0;
  const isPunct = (ch) => {
    const c = ch.charCodeAt(0);
    return c < 128 ? asciiPunct[c] === 1 : /[\p{P}\p{S}]/u.test(ch);
  };
  function piece(word, out) {
    if (word.length > maxChars) return void out.push(unk);
    const at = out.length;
    let start = 0;
    while (start < word.length) {
      let end = word.length, found = -1;
      while (start < end) {
        const got = id((start > 0 ? "##" : "") + word.slice(start, end));
        if (got !== undefined) {
          found = got;
          break;
        }
        end--;
      }
      if (found < 0) {
        out.length = at;
        out.push(unk);
        return;
      }
      out.push(found);
      start = end;
    }
  }
  // whitespace-separated word -> its ids (punctuation split off, WordPiece'd); headlines repeat words a lot
  const cache = new Map();
  function wordIds(word) {
    let ids = cache.get(word);
    if (ids) return ids;
    ids = [];
    let cur = "";
    for (const ch of word) {
      if (isPunct(ch)) {
        if (cur) piece(cur, ids);
        piece(ch, ids);
        cur = "";
      } else cur += ch;
    }
    if (cur) piece(cur, ids);
    if (cache.size < 500_000) cache.set(word, ids);
    return ids;
  }
  function normalize(text) {
    if (!/[^\x20-\x7e]/.test(text)) return lowercase ? text.toLowerCase() : text;
    let t = text.replace(/[\u0000\ufffd]|\p{Cc}/gu, (c) => (/\s/.test(c) ? " " : "")).replace(/\s/g, " ");
    t = t.replace(/[\u4e00-\u9fff\u3400-\u4dbf]/g, (c) => ` ${c} `);
    return lowercase ? t.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "") : t;
  }
  return {
    /** token ids with [CLS] and [SEP], cut to maxLength */
    encode(text, maxLength) {
      const ids = [cls];
      for (const word of normalize(text).split(" ")) {
        if (!word) continue;
        for (const x of wordIds(word)) ids.push(x);
        if (ids.length >= maxLength - 1) break;
      }
      ids.length = Math.min(ids.length, maxLength - 1);
      ids.push(sep);
      return ids;
    },
  };
}

/**
 * Loads `dir` (config.json, vocab.txt, model.safetensors) onto the active backend of `tf`.
 * Returns { dim, encode(texts, onProgress) -> Float32Array, dispose() }.
 */
export async function loadBertLite(tf, dir, { batchSize = 512, maxLength = 128 } = {}) {
  const config = JSON.parse(await readFile(join(dir, "config.json"), "utf8"));
  const tok = wordPieceTokenizer(await readFile(join(dir, "vocab.txt"), "utf8"), { lowercase: true });
  const raw = await readFloatTensors(join(dir, "model.safetensors"));
  const prefix = raw.has("bert.embeddings.word_embeddings.weight") ? "bert." : "";
  const w = (name) => {
    const t = raw.get(prefix + name);
    if (!t) throw new Error(`${dir}: weight ${prefix + name} is missing`);
    return tf.tensor(t.data, t.shape);
  };
  const H = config.hidden_size, NH = config.num_attention_heads, DH = H / NH, eps = config.layer_norm_eps ?? 1e-12;
  // PyTorch stores Linear weights as [out, in]; transpose once so the forward pass is x . W.
  const lin = (name) => {
    const k = w(`${name}.weight`);
    const kt = tf.keep(k.transpose());
    k.dispose();
    return { k: kt, b: tf.keep(w(`${name}.bias`)) };
  };
  const ln = (name) => ({ g: tf.keep(w(`${name}.weight`)), b: tf.keep(w(`${name}.bias`)) });
  const P = tf.tidy(() => ({
    word: tf.keep(w("embeddings.word_embeddings.weight")),
    pos: tf.keep(w("embeddings.position_embeddings.weight")),
    type0: tf.keep(w("embeddings.token_type_embeddings.weight").slice([0, 0], [1, H])),
    ln: ln("embeddings.LayerNorm"),
    layers: Array.from({ length: config.num_hidden_layers }, (_, i) => {
      const p = `encoder.layer.${i}`;
      return {
        q: lin(`${p}.attention.self.query`),
        k: lin(`${p}.attention.self.key`),
        v: lin(`${p}.attention.self.value`),
        o: lin(`${p}.attention.output.dense`),
        ln1: ln(`${p}.attention.output.LayerNorm`),
        f1: lin(`${p}.intermediate.dense`),
        f2: lin(`${p}.output.dense`),
        ln2: ln(`${p}.output.LayerNorm`),
      };
    }),
  }));
  raw.clear();
  const layerNorm = (x, p) => {
    const m = tf.moments(x, -1, true);
    return x.sub(m.mean).div(m.variance.add(eps).sqrt()).mul(p.g).add(p.b);
  };
  const dense = (x, p) => x.matMul(p.k).add(p.b);
  const gelu = (x) => x.mul(0.5).mul(tf.erf(x.mul(Math.SQRT1_2)).add(1));

  function forward(ids, mask, B, T) {
    return tf.tidy(() => {
      const idsT = tf.tensor2d(ids, [B, T], "int32");
      const maskT = tf.tensor2d(mask, [B, T]);
      let x = tf.gather(P.word, idsT.reshape([B * T])).reshape([B, T, H]).add(P.pos.slice([0, 0], [T, H])).add(P.type0);
      x = layerNorm(x, P.ln).reshape([B * T, H]);
      const bias = tf.sub(1, maskT).mul(-1e4).reshape([B, 1, 1, T]);
      const heads = (t) => t.reshape([B, T, NH, DH]).transpose([0, 2, 1, 3]).reshape([B * NH, T, DH]);
      for (const L of P.layers) {
        const q = heads(dense(x, L.q)), k = heads(dense(x, L.k)), v = heads(dense(x, L.v));
        const scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(DH)).reshape([B, NH, T, T]).add(bias);
        const a = tf.softmax(scores, -1).reshape([B * NH, T, T]);
        const ctx = tf.matMul(a, v).reshape([B, NH, T, DH]).transpose([0, 2, 1, 3]).reshape([B * T, H]);
        x = layerNorm(dense(ctx, L.o).add(x), L.ln1);
        x = layerNorm(dense(gelu(dense(x, L.f1)), L.f2).add(x), L.ln2);
      }
      const m3 = maskT.reshape([B, T, 1]);
      const pooled = x.reshape([B, T, H]).mul(m3).sum(1).div(m3.sum(1).maximum(1e-9));
      return pooled.div(pooled.norm("euclidean", -1, true).maximum(1e-12));
    });
  }

  return {
    dim: H,
    tokenize: (texts) => texts.map((t) => tok.encode(t, maxLength)),
    /**
     * Row-major texts.length x dim, L2-normalized; batches of similar token length, one read-back each.
     * `pre`: the texts' token ids, if already tokenized; `whileGpuWorks`: called while each batch's
     * read-back is pending (CPU work there overlaps the GPU's).
     */
    async encode(texts, onProgress, pre, whileGpuWorks) {
      const tokens = pre ?? texts.map((t) => tok.encode(t, maxLength));
      const order = Int32Array.from(tokens.keys()).sort((a, b) => tokens[a].length - tokens[b].length);
      const out = new Float32Array(texts.length * H);
      for (let s = 0; s < order.length; s += batchSize) {
        const idx = order.subarray(s, Math.min(order.length, s + batchSize));
        const B = idx.length;
        const T = Math.min(maxLength, Math.ceil(tokens[idx[B - 1]].length / 8) * 8);
        const ids = new Int32Array(B * T), mask = new Float32Array(B * T);
        idx.forEach((r, b) => {
          const t = tokens[r];
          for (let j = 0; j < t.length; j++) {
            ids[b * T + j] = t[j];
            mask[b * T + j] = 1;
          }
        });
        const y = forward(ids, mask, B, T);
        const reading = y.data();
        whileGpuWorks?.();
        const v = await reading;
        y.dispose();
        idx.forEach((r, b) => out.set(v.subarray(b * H, (b + 1) * H), r * H));
        onProgress?.(s + B);
      }
      return out;
    },
    dispose() {
      tf.dispose([P.word, P.pos, P.type0, P.ln.g, P.ln.b, ...P.layers.flatMap((L) => [L.q, L.k, L.v, L.o, L.f1, L.f2, L.ln1, L.ln2].flatMap((p) => [p.k ?? p.g, p.b]))]);
    },
  };
}
