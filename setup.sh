#!/usr/bin/env bash
# Installs the Debian 12 packages shiryo needs to build, run and test.
# Idempotent: runs apt-get only when a package is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpodofo-dev libharfbuzz-dev libfreetype-dev libpugixml-dev libicu-dev
  libgtest-dev libssl-dev zlib1g-dev
  fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic icc-profiles-free
  poppler-utils qpdf mupdf-tools openssl clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: missing packages: ${missing[*]} (run as root to install)" >&2
    exit 3
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
