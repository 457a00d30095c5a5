#!/usr/bin/env bash
# Embeddings benchmark: the Swift MiniLMEmbedder (release build) and onnxruntime side by side,
# on the same texts, one thread each. Results go to stdout; docs/BENCHMARKS.md ## Embeddings
# records a run. Usage: scripts/bench-embeddings.sh [SCALE] [ROUNDS]
#   SCALE multiplies iteration counts; ROUNDS (default 1) repeats the two one-thread runs,
#   alternating, so that on a shared machine both see the same load (compare within a round).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
SCALE=${1:-1}
ROUNDS=${2:-1}
export MODEL_DIR=${MODEL_DIR:-models/all-MiniLM-L6-v2}
OUT=bench-out
mkdir -p "$OUT"

scripts/fetch-model.sh
python3 -m pip install --quiet --disable-pip-version-check -r scripts/reference/requirements.txt
[ -f "$OUT/model.onnx" ] || python3 scripts/reference/build_onnx.py "$OUT/model.onnx"
swift build -c release --product EmbeddingsBenchmark 2>&1 | grep -v -E "prohibited flag|unhandled" | tail -1
BIN=$(swift build -c release --show-bin-path)/EmbeddingsBenchmark

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
for round in $(seq "$ROUNDS"); do
  echo "== round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== onnxruntime, 1 thread"
  python3 scripts/reference/bench_onnxruntime.py --texts "$OUT/bench-texts.json" --onnx "$OUT/model.onnx" --threads 1 --scale "$SCALE"
  echo "== swift MiniLMEmbedder, OPENBLAS_NUM_THREADS=1"
  OPENBLAS_NUM_THREADS=1 "$BIN" --texts "$OUT/bench-texts.json" --scale "$SCALE"
done
echo "== swift MiniLMEmbedder, OPENBLAS_NUM_THREADS=2"
OPENBLAS_NUM_THREADS=2 "$BIN" --texts "$OUT/bench-texts.json" --scale "$SCALE"
echo "== swift MiniLMEmbedder, OPENBLAS_NUM_THREADS=1, 2 worker threads"
OPENBLAS_NUM_THREADS=1 "$BIN" --texts "$OUT/bench-texts.json" --scale "$SCALE" --workers 2
echo "== for information: swift MiniLMEmbedder, OPENBLAS_CORETYPE=SkylakeX (AVX-512 kernels), OPENBLAS_NUM_THREADS=1"
OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 "$BIN" --texts "$OUT/bench-texts.json" --scale "$SCALE"
echo "== onnxruntime, 2 threads"
python3 scripts/reference/bench_onnxruntime.py --texts "$OUT/bench-texts.json" --onnx "$OUT/model.onnx" --threads 2 --scale "$SCALE"
