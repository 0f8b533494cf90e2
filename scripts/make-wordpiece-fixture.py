"""Writes fixtures/encoders/wordpiece-cases.jsonl: texts and the token ids that Hugging Face `tokenizers`
gives them with all-MiniLM-L6-v2's tokenizer.json (no truncation, no special tokens). The vitest test
test/encoders/wordpiece.test.ts checks our WordPiece tokenizer against it.

  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install tokenizers
  /tmp/venv/bin/python scripts/make-wordpiece-fixture.py models/all-MiniLM-L6-v2 ../shared/datasets
"""
import csv, json, random, sys
from pathlib import Path
from tokenizers import Tokenizer

model_dir, data_dir = Path(sys.argv[1]), Path(sys.argv[2])
out = Path(__file__).resolve().parent.parent / "fixtures/encoders/wordpiece-cases.jsonl"
rng = random.Random(17)

def csv_texts(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [r["text"] for r in csv.DictReader(f)]

def jsonl_texts(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]

cases = []
cases += [(t, "uci") for t in rng.sample(csv_texts(data_dir / "uci-news-aggregator/uci_news_5publishers.csv"), 200)]
reviews = jsonl_texts(data_dir / "imdb/imdb_test.jsonl")
accented = [t for t in reviews if any(ord(c) > 127 for c in t) and len(t) < 1500]
cases += [(t, "imdb-non-ascii") for t in rng.sample(accented, 25)]
cases += [(t, "imdb") for t in rng.sample([t for t in reviews if len(t) < 1200], 15)]
tweets = csv_texts(data_dir / "tweeteval/emoji.csv")
cases += [(t, "tweet") for t in rng.sample([t for t in tweets if any(ord(c) > 127 for c in t)], 30)]
cases += [(t[:600], "20news") for t in rng.sample(jsonl_texts(data_dir / "20newsgroups/20news_bydate.jsonl"), 8)]
cases += [(t, "sms") for t in rng.sample(csv_texts(data_dir / "sms-spam-collection/sms_spam.csv"), 20)]
hand = [
    "", "   ", "\t\n\r", "Hello, World!", "naïve café résumé Ångström", "ÀÉÎÕÜ ﬁ ﬂ ß İstanbul",
    "ΣΊΣΥΦΟΣ ΟΔΟΣ Σ", "中文分词测试，很好。", "日本語のテキストです", "한국어 텍스트", "mixed中english文text",
    "emoji 😀👍🏽 👨‍👩‍👧 ❤️ flags 🇫🇷", "nul\x00byte", "ctrl\x01\x02\x1f\x7f\x85chars", "bad\ufffdchar",
    "zero\u200bwidth\u200djoiner\ufeffbom", "nbsp\u00a0and\u2003em\u3000ideo space", "tab\tnew\nline\r\nend",
    "$100 + 5% = <b>bold</b> & `code` | ^_^ ~tilde~ {x} [y] @z #h", "«quotes» „German“ ‘single’ — dash – … ¿¡",
    "a" * 100, "b" * 101, "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "[CLS] literal [SEP] specials [UNK] and [MASK] [PAD] in text", "x[CLS]y [cls] [ SEP ]",
    "URLs https://example.com/a?b=c&d=e#f and mail@example.org", "numbers 3.14159 1,000,000 2nd 10th",
    "Ünïcödé ẞ ǅ ǈ Ωmega µ ﬀ", "🀄 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀀𠀁 (CJK ext B)", "combining e\u0301 a\u0308 n\u0303",
    "ﾊﾝｶｸ ｶﾀｶﾅ ＦＵＬＬＷＩＤＴＨ １２３", "Тестовый текст на русском", "نص عربي للاختبار", "עברית בדיקה", "हिन्दी परीक्षण",
]
cases += [(t, "hand") for t in hand]

tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
tok.no_truncation()
tok.no_padding()
with open(out, "w", encoding="utf-8") as f:
    for text, source in cases:
        ids = tok.encode(text, add_special_tokens=False).ids
        f.write(json.dumps({"source": source, "text": text, "ids": ids}, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases -> {out}")
