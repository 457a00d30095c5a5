# Sourced by the run, test and benchmark scripts. OpenBLAS reads these when it loads.
#
# OPENBLAS_CORETYPE: this machine kind sets it to Haswell (AVX2 kernels). Left unset, OpenBLAS
# detects the CPU (Cooperlake, with AVX-512, on the EPYC these machines have), and the embedder's
# 64-token forward pass and batches ran about 35 % faster (docs/BENCHMARKS.md, "Embeddings").
# SIDECAR_OPENBLAS_CORETYPE forces a core type when detection is not wanted.
if [ -n "${SIDECAR_OPENBLAS_CORETYPE:-}" ]; then
  export OPENBLAS_CORETYPE=$SIDECAR_OPENBLAS_CORETYPE
else
  unset OPENBLAS_CORETYPE
fi
# One BLAS thread: the sidecar's own threads share the cores, and OpenBLAS threads spin while
# they wait; concurrent requests are batched instead (docs/BENCHMARKS.md, "Thread count").
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
