#!/usr/bin/env bash
# Set up and run every test: formatting, the engine's independence from
# tauri, lints, and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

echo "==> cargo fmt --check"
cargo fmt --all --check

echo "==> the engine crate must not depend on tauri"
if cargo tree --locked -p hitprep -e normal | grep -E '(^|[^-])tauri( |$)'; then
  echo "error: the engine crate (hitprep) depends on tauri; keep tauri in src-tauri" >&2
  exit 1
fi

echo "==> cargo clippy"
cargo clippy --locked --workspace --all-targets -q -- -D warnings

echo "==> cargo test"
cargo test --locked --workspace
