#!/usr/bin/env bash
# Installs the Debian 12 packages scn needs to build and test. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  antlr4 libantlr4-runtime-dev uuid-dev
  llvm-19-dev libfmt-dev doctest-dev libedit-dev libcli11-dev libpugixml-dev nettle-dev libosip2-dev
  libspandsp-dev libpcap-dev tshark nlohmann-json3-dev libboost-context-dev libjemalloc-dev
  clang-14 libclang-rt-14-dev
  sip-tester python3 chromium
  baresip-core liblinphone-dev
  # liblinphone's belr grammars (identity, cpim): without them it aborts on a conference NOTIFY.
  linphone-common
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
