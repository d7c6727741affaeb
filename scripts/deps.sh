#!/usr/bin/env bash
# Install what building HIT Prep needs on Debian/Ubuntu, skipping what is there.
# Sourced by start.sh and test.sh; safe to run again.
#   HITPREP_DEPS=test   also install what the tests need (Xvfb, WebKitWebDriver,
#                       tauri-driver 2.1.0)
set -euo pipefail

need_apt=(build-essential pkg-config libwebkit2gtk-4.1-dev)
if [ "${HITPREP_DEPS:-}" = test ]; then
  need_apt+=(xvfb xauth webkit2gtk-driver)
fi
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)

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
export PATH="$HOME/.cargo/bin:$PATH"

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "HIT Prep's front end needs Node.js 20 or newer (found $(node --version 2>/dev/null || echo none)). Install it from https://nodejs.org or NodeSource, then run this again." >&2
  exit 1
fi

# tauri-driver has no --version; cargo's own list says which one is installed.
if [ "${HITPREP_DEPS:-}" = test ] && ! cargo install --list | grep -q '^tauri-driver v2\.1\.0:'; then
  echo "==> Installing tauri-driver 2.1.0"
  cargo install tauri-driver --version 2.1.0 --locked -q
fi

# The front end's packages, exactly as locked; again only when the lock changes.
ui_deps() {
  local stamp=ui/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ ui/package-lock.json -nt "$stamp" ]; then
    echo "==> npm ci (ui)"
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The window embeds ui/dist, so the front end is built first.
build_desktop() {
  ui_deps
  echo "==> Building the front end"
  (cd ui && npm run --silent build >/dev/null)
  echo "==> Building HIT Prep (release; the first build takes a few minutes)"
  cargo build --release --locked -p hitprep-desktop --features custom-protocol -q
}
