"""Reference sentence vectors computed another way: the sentence-transformers package (PyTorch) on the
same encoder folder. scripts/check-encoder-reference.mjs compares al-label's vectors with them.

  python3 -m venv /tmp/st && /tmp/st/bin/pip install torch sentence-transformers
  /tmp/st/bin/python scripts/encoder-reference.py models/all-MiniLM-L6-v2 ../shared/datasets bench-out/encoder-reference.jsonl

Rows: 100 UCI headlines and 100 IMDB reviews (most longer than max_seq_length, so truncation is checked),
picked with a fixed seed. Writes one JSON line per row: {"source", "text", "vector"}.
"""
import csv, json, random, sys
from pathlib import Path

import torch
from sentence_transformers import SentenceTransformer

model_dir, data_dir, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
rng = random.Random(17)
with open(data_dir / "uci-news-aggregator/uci_news_5publishers.csv", newline="", encoding="utf-8") as f:
    headlines = [r["text"] for r in csv.DictReader(f)]
with open(data_dir / "imdb/imdb_test.jsonl", encoding="utf-8") as f:
    reviews = [json.loads(line)["text"] for line in f]
rows = [("uci", t) for t in rng.sample(headlines, 100)] + [("imdb", t) for t in rng.sample(reviews, 100)]

torch.set_num_threads(2)
model = SentenceTransformer(str(model_dir), device="cpu")
with torch.no_grad():
    vectors = model.encode([t for _, t in rows], batch_size=16, convert_to_numpy=True)
out.parent.mkdir(parents=True, exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    for (source, text), v in zip(rows, vectors):
        f.write(json.dumps({"source": source, "text": text, "vector": [float(x) for x in v]}) + "\n")
print(f"{len(rows)} rows, dim {vectors.shape[1]}, max_seq_length {model.max_seq_length}, "
      f"sentence-transformers {__import__('sentence_transformers').__version__}, torch {torch.__version__} -> {out}")
