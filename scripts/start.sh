#!/usr/bin/env bash
# Set up and start HIT Prep: the desktop window, with the shipped banks
# (imported on first launch, and again only when they change).
#   ./scripts/start.sh            open the app
#   ./scripts/start.sh --db FILE  keep progress in FILE instead of your OS data folder
# The terminal version is target/release/hitprep (try `hitprep --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
build_desktop
cargo build --release --locked -p hitprep -q
echo "==> Starting HIT Prep"
exec target/release/hitprep-desktop "$@"
