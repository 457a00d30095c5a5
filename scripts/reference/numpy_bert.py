"""A plain numpy forward pass of all-MiniLM-L6-v2 (BERT encoder + mean pooling + L2 norm).

Computed in float64 from the float32 weights, with padding and an additive attention mask
exactly as the original model does it, so it is a reference for both the maths and the
masking of the Swift implementation.
"""
import math

import numpy as np


class NumpyBert:
    def __init__(self, tensors, config):
        self.t = {k: v.astype(np.float64) for k, v in tensors.items() if v.dtype == np.float32}
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.hidden = config["hidden_size"]
        self.eps = config["layer_norm_eps"]

    def _ln(self, x, prefix):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + self.eps) * self.t[prefix + ".weight"] + self.t[prefix + ".bias"]

    def _lin(self, x, prefix):
        return x @ self.t[prefix + ".weight"].T + self.t[prefix + ".bias"]

    def embed(self, batch_ids):
        """batch_ids: list of id lists (with CLS/SEP). Returns (B, hidden) unit vectors."""
        x, mask = self.token_states(batch_ids)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def token_states(self, batch_ids):
        """Last-layer states (B, L, hidden), padded, and the (B, L) mask of real tokens."""
        B = len(batch_ids)
        L = max(len(s) for s in batch_ids)
        ids = np.zeros((B, L), dtype=np.int64)
        mask = np.zeros((B, L), dtype=np.float64)
        for i, s in enumerate(batch_ids):
            ids[i, : len(s)] = s
            mask[i, : len(s)] = 1.0
        t = self.t
        x = (
            t["embeddings.word_embeddings.weight"][ids]
            + t["embeddings.position_embeddings.weight"][np.arange(L)][None]
            + t["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self._ln(x, "embeddings.LayerNorm")
        H, D = self.heads, self.hidden // self.heads
        neg = (1.0 - mask)[:, None, None, :] * -1e30  # large negative: masked keys get zero weight
        erf = np.frompyfunc(math.erf, 1, 1)  # exact float64 erf, elementwise
        for l in range(self.layers):
            p = f"encoder.layer.{l}."
            q = self._lin(x, p + "attention.self.query").reshape(B, L, H, D).transpose(0, 2, 1, 3)
            k = self._lin(x, p + "attention.self.key").reshape(B, L, H, D).transpose(0, 2, 1, 3)
            v = self._lin(x, p + "attention.self.value").reshape(B, L, H, D).transpose(0, 2, 1, 3)
            s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(D) + neg
            s = s - s.max(-1, keepdims=True)
            e = np.exp(s)
            a = e / e.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B, L, self.hidden)
            x = self._ln(self._lin(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = self._lin(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)).astype(np.float64))
            x = self._ln(self._lin(h, p + "output.dense") + x, p + "output.LayerNorm")
        return x, mask
