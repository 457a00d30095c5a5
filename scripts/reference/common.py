"""Shared helpers for the reference scripts: read safetensors without torch, load the tokenizer.

Kept independent of the Swift code on purpose: the goldens must come from a different
implementation, so this reads the file format from its spec and uses HF `tokenizers`.
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MAX_LENGTH = 256  # max_seq_length of the sentence-transformers model


def model_dir():
    return os.environ.get("MODEL_DIR", os.path.join(ROOT, "models", "all-MiniLM-L6-v2"))


def read_safetensors(path):
    """Returns {name: np.ndarray} for every tensor (header: u64 LE length + JSON)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        arr = np.frombuffer(blob[base + start : base + end], dtype=dtypes[info["dtype"]])
        out[name] = arr.reshape(info["shape"])
    return out


def load_tokenizer(vocab_path):
    from tokenizers import BertWordPieceTokenizer

    tok = BertWordPieceTokenizer(
        vocab_path,
        lowercase=True,
        strip_accents=True,
        clean_text=True,
        handle_chinese_chars=True,
    )
    tok.enable_truncation(max_length=MAX_LENGTH)
    return tok
