#!/usr/bin/env bash
# Install what building HIT Prep needs on Debian/Ubuntu, skipping what is there.
# Sourced by start.sh and test.sh; safe to run again.
set -euo pipefail

need_apt=(build-essential pkg-config)

missing=()
for p in "${need_apt[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  for dir in "$HOME/.cargo/bin" /usr/local/cargo/bin; do
    [ -x "$dir/cargo" ] && export PATH="$dir:$PATH"
  done
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "HIT Prep needs Rust 1.95 or newer. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
