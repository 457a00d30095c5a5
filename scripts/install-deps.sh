#!/usr/bin/env bash
# Installs what the sidecar and its tests need from Debian, only what is missing.
# Usage: scripts/install-deps.sh [run|test|bench]
set -euo pipefail
purpose=${1:-run}

packages=(libhiredis-dev libcurl4-openssl-dev libopenblas-dev redis-server)
case "$purpose" in
  test) packages+=(chromium) ;;  # the dashboard test renders the page in headless Chromium
  bench) packages+=(nginx-light wrk) ;;
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
command -v swift >/dev/null || { echo "deps: the Swift 6 toolchain is required (swift not on PATH)" >&2; exit 1; }
