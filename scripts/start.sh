#!/usr/bin/env bash
# Set up and start HIT Prep with the shipped banks.
#   ./scripts/start.sh [BANK]     BANK defaults to the example bank
# Progress is kept in your OS data directory (set HITPREP_DB to use another file).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

echo "==> Building hitprep (release; the first build takes a few minutes)"
cargo build --release --locked -p hitprep -q
bin=target/release/hitprep

echo "==> Loading the shipped banks (progress is kept on update)"
for bank in question-banks/*/ tests/fixtures/example-bank/; do
  [ -f "$bank/bank.toml" ] && "$bin" import "$bank"
done

bank="${1:-example}"
echo "==> Studying $bank (answer with a letter; q quits; every answer is saved at once)"
exec "$bin" study "$bank"
