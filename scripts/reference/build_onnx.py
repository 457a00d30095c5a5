#!/usr/bin/env python3
"""Builds an fp32 ONNX graph of all-MiniLM-L6-v2 (encoder + mean pooling + L2 norm) straight
from model.safetensors with the `onnx` helper API, as the onnxruntime baseline for the
benchmark. The graph is the textbook BERT encoder (MatMul/Add/LayerNormalization/Softmax/Erf);
onnxruntime's own graph optimiser fuses it as it would an exported model.

Usage: python3 scripts/reference/build_onnx.py [OUT.onnx]   (default: $MODEL_DIR/model.onnx)
Checks the result against the numpy reference before returning.
"""
import json
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import load_tokenizer, model_dir, read_safetensors  # noqa: E402


def build(tensors, config):
    H = config["hidden_size"]
    heads = config["num_attention_heads"]
    D = H // heads
    eps = config["layer_norm_eps"]
    nodes, inits = [], []
    counter = [0]

    def name(prefix):
        counter[0] += 1
        return f"{prefix}_{counter[0]}"

    def init(n, arr):
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), n))
        return n

    def node(op, inputs, **attrs):
        out = name(op)
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def linear(x, prefix):
        w = init(prefix + ".weight.T", tensors[prefix + ".weight"].T.astype(np.float32))
        b = init(prefix + ".bias", tensors[prefix + ".bias"].astype(np.float32))
        return node("Add", [node("MatMul", [x, w]), b])

    def layer_norm(x, prefix):
        g = init(prefix + ".weight", tensors[prefix + ".weight"])
        b = init(prefix + ".bias", tensors[prefix + ".bias"])
        return node("LayerNormalization", [x, g, b], axis=-1, epsilon=eps)

    # Embeddings.
    word = node("Gather", [init("word_embeddings", tensors["embeddings.word_embeddings.weight"]), "input_ids"])
    seq_len = node("Shape", ["input_ids"], start=1, end=2)  # [L]
    pos = node("Slice", [init("position_embeddings", tensors["embeddings.position_embeddings.weight"]),
                         init("zero_1d", np.array([0], dtype=np.int64)), seq_len,
                         init("axes_0", np.array([0], dtype=np.int64))])
    type0 = init("token_type_0", tensors["embeddings.token_type_embeddings.weight"][0])
    x = layer_norm(node("Add", [node("Add", [word, pos]), type0]), "embeddings.LayerNorm")

    # Additive attention mask [B, 1, 1, L]: 0 for tokens, -1e9 for padding.
    maskf = node("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    neg = node("Mul", [node("Sub", [init("one_f", np.array(1.0, dtype=np.float32)), maskf]),
                       init("neg_big", np.array(-1e9, dtype=np.float32))])
    ext = node("Unsqueeze", [neg, init("axes_1_2", np.array([1, 2], dtype=np.int64))])

    split_shape = init("split_shape", np.array([0, 0, heads, D], dtype=np.int64))
    merge_shape = init("merge_shape", np.array([0, 0, H], dtype=np.int64))
    scale = init("scale", np.array(1.0 / math.sqrt(D), dtype=np.float32))
    inv_sqrt2 = init("inv_sqrt2", np.array(1.0 / math.sqrt(2.0), dtype=np.float32))
    half = init("half", np.array(0.5, dtype=np.float32))

    for l in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{l}."
        q = node("Transpose", [node("Reshape", [linear(x, p + "attention.self.query"), split_shape])], perm=[0, 2, 1, 3])
        k = node("Transpose", [node("Reshape", [linear(x, p + "attention.self.key"), split_shape])], perm=[0, 2, 3, 1])
        v = node("Transpose", [node("Reshape", [linear(x, p + "attention.self.value"), split_shape])], perm=[0, 2, 1, 3])
        s = node("Add", [node("Mul", [node("MatMul", [q, k]), scale]), ext])
        a = node("Softmax", [s], axis=-1)
        ctx = node("Reshape", [node("Transpose", [node("MatMul", [a, v])], perm=[0, 2, 1, 3]), merge_shape])
        x = layer_norm(node("Add", [linear(ctx, p + "attention.output.dense"), x]), p + "attention.output.LayerNorm")
        f = linear(x, p + "intermediate.dense")
        g = node("Mul", [node("Mul", [f, half]),
                         node("Add", [node("Erf", [node("Mul", [f, inv_sqrt2])]), "one_f"])])
        x = layer_norm(node("Add", [linear(g, p + "output.dense"), x]), p + "output.LayerNorm")

    # Mean pooling over real tokens, then L2 normalisation.
    m3 = node("Unsqueeze", [maskf, init("axes_2", np.array([2], dtype=np.int64))])
    axis1 = init("axes_1", np.array([1], dtype=np.int64))
    summed = node("ReduceSum", [node("Mul", [x, m3]), axis1], keepdims=0)
    count = node("Max", [node("ReduceSum", [m3, axis1], keepdims=0), init("tiny", np.array(1e-9, dtype=np.float32))])
    pooled = node("Div", [summed, count])
    norm = node("Sqrt", [node("ReduceSum", [node("Mul", [pooled, pooled]), axis1], keepdims=1)])
    nodes.append(helper.make_node("Div", [pooled, norm], ["sentence_embedding"]))

    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", H])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="cache-sidecar")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def pad(batch):
    L = max(len(s) for s in batch)
    ids = np.zeros((len(batch), L), dtype=np.int64)
    mask = np.zeros((len(batch), L), dtype=np.int64)
    for i, s in enumerate(batch):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = 1
    return ids, mask


def main():
    d = model_dir()
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(d, "model.onnx")
    with open(os.path.join(d, "config.json")) as f:
        config = json.load(f)
    tensors = read_safetensors(os.path.join(d, "model.safetensors"))
    onnx.save(build(tensors, config), out)

    # Check against the goldens (numpy reference) before anyone benchmarks it.
    import onnxruntime as ort

    golden_path = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EmbeddingsTests", "Fixtures", "goldens.json")
    with open(golden_path) as f:
        cases = json.load(f)["cases"]
    sess = ort.InferenceSession(out, providers=["CPUExecutionProvider"])
    ids, mask = pad([c["ids"] for c in cases])
    got = sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    want = np.array([c["embedding"] for c in cases])
    diff = np.abs(got - want).max()
    print(f"wrote {out}; onnxruntime vs goldens on {len(cases)} texts (one padded batch): max abs diff {diff:.2e}")
    assert diff < 1e-4, diff


if __name__ == "__main__":
    main()
