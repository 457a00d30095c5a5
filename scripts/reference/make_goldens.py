#!/usr/bin/env python3
"""Writes Tests/EmbeddingsTests/Fixtures/goldens.json: token ids from HF `tokenizers`
(an independent BERT WordPiece implementation) and embeddings from numpy_bert.py.

Usage: python3 scripts/reference/make_goldens.py   (MODEL_DIR overrides the model folder)
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import MAX_LENGTH, ROOT, load_tokenizer, model_dir, read_safetensors  # noqa: E402
from numpy_bert import NumpyBert  # noqa: E402

LONG = (
    "Semantic caching stores the responses of a large language model together with an embedding "
    "of the prompt, so that a later prompt with the same meaning can be answered from the cache "
    "instead of calling the upstream API again. "
) * 8

TEXTS = [
    "",
    "Hello, world!",
    "The quick brown fox jumps over the lazy dog.",
    "What is the capital of France?",
    "Which city is France's capital?",
    "Café crème brûlée, naïve résumé — façade, jalapeño, Ångström.",
    "ÀÉÎÕÜ àéîõü ÇçÑñ ßẞ Øø Łł",
    "東京は日本の首都です。我爱北京天安门。",
    "한국어 문장도 토큰화됩니다.",
    "Русский текст: привет, как дела?",
    "مرحبا بالعالم، هذا نص عربي.",
    "Ελληνικά: Καλημέρα κόσμε ΣΊΣΥΦΟΣ",
    "हिन्दी में एक वाक्य।",
    "I love pizza 🍕🍕 and coffee ☕️! 👩‍👩‍👧‍👦 family 🇫🇷",
    "def embed(texts: list[str]) -> list[list[float]]:\n    return [model(t) for t in texts]  # TODO",
    "SELECT id, name FROM users WHERE email LIKE '%@example.com' ORDER BY created_at DESC;",
    "{\"role\": \"user\", \"content\": \"Summarise this\"}",
    "Pi is 3.14159265358979, e ≈ 2.71828, and 1,000,000 > 999_999; 42% of 0x1F is ~13.02.",
    "Call +1 (555) 010-9999 or mail support@example.org before 2024-12-31T23:59:59Z.",
    "!!!???...,,,;;;:::---___+++===***&&&^^^%%%$$$###@@@~~~```|||\\\\\\///<<<>>>",
    "«Bonjour» „Hallo“ “quotes” ‘single’ — en–dash … ¿Qué? ¡Sí!",
    "   leading and trailing   whitespace\t\ttabs\n\nnewlines\r\n  ",
    "control\x00chars\x07in\x1bthe\x7ftext\ufffdand\u200bzero\u200dwidth\u00adsoft",
    "non\u00a0breaking\u2003em\u3000ideographic\u2028line\u2029para spaces",
    "Mixed: English, Deutsch (Größe), 中文 (大小), 日本語 (サイズ), and العربية together.",
    "supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
    "a" * 120 + " short " + "b" * 99,
    "https://example.com/path/to/resource?query=semantic+cache&lang=en#section-2",
    "I can't believe it's not butter! Don't you think they're right?",
    "UPPERCASE TEXT SHOULD BE LOWERCASED BY THE TOKENIZER",
    "x",
    "The cat sat on the mat. The cat sat on the mat. The cat sat on the mat.",
    "ﬁ ligature, ² superscript, ½ fraction, Ⅻ roman, ｆｕｌｌｗｉｄｔｈ",
    "İstanbul ıĞğŞş Ǆǅǆ ǲ",
    "Türkçe, Tiếng Việt có dấu, Polski: zażółć gęślą jaźń.",
    LONG,
    "Short one.",
]


def main():
    d = model_dir()
    tok = load_tokenizer(os.path.join(d, "vocab.txt"))
    with open(os.path.join(d, "config.json")) as f:
        config = json.load(f)
    model = NumpyBert(read_safetensors(os.path.join(d, "model.safetensors")), config)

    ids = [tok.encode(t).ids for t in TEXTS]
    assert max(len(i) for i in ids) == MAX_LENGTH, "the long text must hit truncation"
    single = np.stack([model.embed([i])[0] for i in ids])
    # The texts below max_length as one padded batch: padding must not change anything.
    # (The 256-token text is left out only because padding everything to 256 is slow here.)
    short = [k for k, i in enumerate(ids) if len(i) < MAX_LENGTH]
    batch = model.embed([ids[k] for k in short])
    assert np.abs(batch - single[short]).max() < 1e-9, np.abs(batch - single[short]).max()

    cases = [
        {
            "text": t,
            "ids": i,
            "tokens": tok.encode(t).tokens,
            "embedding": [float(f"{v:.7g}") for v in e],
        }
        for t, i, e in zip(TEXTS, ids, single)
    ]
    out = {
        "model": "all-MiniLM-L6-v2",
        "max_length": MAX_LENGTH,
        "generator": "scripts/reference/make_goldens.py (tokenizers BertWordPieceTokenizer + numpy float64 forward pass)",
        "cases": cases,
    }
    path = os.path.join(ROOT, "Tests", "EmbeddingsTests", "Fixtures", "goldens.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}; token counts {sorted(len(i) for i in ids)}")


if __name__ == "__main__":
    main()
