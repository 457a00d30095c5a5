#!/usr/bin/env bash
# Installs what the sidecar and its tests need from Debian, only what is missing.
# Usage: scripts/install-deps.sh [run|test|bench]
set -euo pipefail
purpose=${1:-run}

packages=(libhiredis-dev libcurl4-openssl-dev libopenblas-dev redis-server wordnet-base)
case "$purpose" in
  # The dashboard test renders the page in headless Chromium; the HTTP/2 test runs nginx with TLS.
  test) packages+=(chromium nginx-light openssl) ;;
  bench) packages+=(nginx-light wrk python3-venv) ;;  # python3-venv: LiteLLM and matplotlib go into .bench-venv
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The test suite drives the sidecar with the official openai Python client, at a pinned version.
if [ "$purpose" = test ]; then
  requirements="$(dirname "$0")/requirements-test.txt"
  if ! python3 - "$requirements" <<'PY'
import sys, importlib.metadata as metadata
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, version = line.split("==")
        try:
            assert metadata.version(name) == version
        except Exception:
            sys.exit(1)
PY
  then
    echo "deps: pip-installing $requirements"
    python3 -m pip install -q -r "$requirements"
  fi
fi
command -v swift >/dev/null || { echo "deps: the Swift 6 toolchain is required (swift not on PATH)" >&2; exit 1; }
