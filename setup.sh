#!/usr/bin/env bash
# Installs the Debian 12 packages shiryo needs, then configures and builds it
# in build/. Idempotent: runs apt-get only when a package is missing, and the
# build only recompiles what changed.
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  build-essential cmake pkg-config
  libpodofo-dev libharfbuzz-dev libfreetype-dev libpugixml-dev libicu-dev
  libgtest-dev libssl-dev zlib1g-dev libxlsxwriter-dev libzip-dev libcurl4-openssl-dev libpng-dev libjpeg62-turbo-dev
  librsvg2-dev libcairo2-dev libpango1.0-dev libfontconfig-dev liblcms2-dev libsqlite3-dev
  fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic icc-profiles-free libgs-common
  poppler-utils qpdf mupdf-tools openssl libnss3-tools clang libclang-rt-14-dev libxml2-utils man-db sqlite3 python3-openpyxl python3-pil
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

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
