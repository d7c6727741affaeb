#!/usr/bin/env bash
# Set up and run every test: formatting, the engine's independence from
# tauri, lints, the Rust tests (engine, CLI, desktop commands, binding
# staleness), the front end's component tests, and the end-to-end tests of
# the release app in a real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export HITPREP_DEPS=test
source scripts/deps.sh

echo "==> cargo fmt --check"
cargo fmt --all --check

echo "==> the engine crate must not depend on tauri"
if cargo tree --locked -p hitprep -e normal | grep -E '(^|[^-])tauri( |$)'; then
  echo "error: the engine crate (hitprep) depends on tauri; keep tauri in src-tauri" >&2
  exit 1
fi

ui_deps
echo "==> front end: type check and component tests"
(cd ui && npm run --silent check && npm test --silent)

# Build the front end before clippy: the desktop crate embeds ui/dist.
build_desktop

echo "==> cargo clippy"
cargo clippy --locked --workspace --all-targets -q -- -D warnings

echo "==> cargo test"
cargo test --locked --workspace

echo "==> end-to-end tests (real window, Xvfb, tauri-driver)"
scripts/e2e.sh
