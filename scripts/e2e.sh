#!/usr/bin/env bash
# End-to-end tests: the release binary in a real window under Xvfb, driven
# through WebDriver (tauri-driver -> WebKitWebDriver -> hitprep-desktop).
#
# Needs: target/release/hitprep-desktop (built with the custom-protocol
# feature, so it serves the embedded ui/dist), Xvfb, WebKitWebDriver
# (Debian webkit2gtk-driver) and tauri-driver 2.1.0 (cargo install).
#
#   scripts/e2e.sh                      run every tests/e2e/*.test.mjs
#   scripts/e2e.sh tests/e2e/x.test.mjs run some of them
#   scripts/e2e.sh --measure            cold start and memory figures instead
#                                       (tests/e2e/cold-start.mjs; not a test)
#   HITPREP_E2E_KEEP=1 scripts/e2e.sh   keep the temp dirs and logs
#
# Screenshots of every screen are written to docs/screenshots/ on each run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

APP=${HITPREP_E2E_APP:-$ROOT/target/release/hitprep-desktop}
TAURI_DRIVER=${TAURI_DRIVER:-$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")}
NATIVE_DRIVER=${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}

die() { echo "e2e: $*" >&2; exit 2; }
[ -x "$APP" ] || die "no release binary at $APP; build it first (ui: npm run build; cargo build --release -p hitprep-desktop --features custom-protocol)"
[ -x "$TAURI_DRIVER" ] || die "tauri-driver not found; cargo install tauri-driver --version 2.1.0 --locked"
[ -x "$NATIVE_DRIVER" ] || die "WebKitWebDriver not found at $NATIVE_DRIVER; apt-get install webkit2gtk-driver"
command -v Xvfb >/dev/null || die "Xvfb not found; apt-get install xvfb xauth"

if [ ! -d tests/e2e/node_modules ]; then
  echo "==> npm ci (tests/e2e)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hitprep-e2e.XXXXXX")
XVFB_PID=
DRIVER_PID=
NODE_PID=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$NODE_PID" ]; then
    kill -TERM -- "-$NODE_PID" 2>/dev/null || true
  fi
  # tauri-driver runs in its own session (setsid), so its process group
  # holds WebKitWebDriver and every app window it started.
  if [ -n "$DRIVER_PID" ]; then
    kill -TERM -- "-$DRIVER_PID" 2>/dev/null || true
  fi
  if [ -n "$XVFB_PID" ]; then
    kill -TERM "$XVFB_PID" 2>/dev/null || true
  fi
  # Give them a moment, then make sure.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    if { [ -z "$DRIVER_PID" ] || ! kill -0 -- "-$DRIVER_PID" 2>/dev/null; } &&
       { [ -z "$XVFB_PID" ] || ! kill -0 "$XVFB_PID" 2>/dev/null; }; then
      break
    fi
    sleep 0.2
  done
  [ -n "$DRIVER_PID" ] && kill -KILL -- "-$DRIVER_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill -KILL "$XVFB_PID" 2>/dev/null || true
  if [ "$status" -ne 0 ] && [ -s "$WORK/tauri-driver.log" ]; then
    echo "--- last lines of the tauri-driver log ($WORK/tauri-driver.log)" >&2
    grep -v -e 'Connection refused' -e 'error trying to connect' "$WORK/tauri-driver.log" | tail -n 30 >&2 || true
  fi
  if [ -z "${HITPREP_E2E_KEEP:-}" ]; then
    rm -rf "$WORK"
  else
    echo "e2e: kept $WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Xvfb picks a free display itself and writes its number to fd 3.
echo "==> Xvfb"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do
  [ -s "$WORK/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || { cat "$WORK/xvfb.log" >&2; die "Xvfb exited"; }
  sleep 0.1
done
[ -s "$WORK/display" ] || die "Xvfb did not report a display"
export DISPLAY=":$(head -n1 "$WORK/display")"
# No session bus or accessibility bus: keep GTK from looking for them.
export NO_AT_BRIDGE=1
export GTK_A11Y=none

PORT=$(free_port)
NATIVE_PORT=$(free_port)
while [ "$NATIVE_PORT" = "$PORT" ]; do NATIVE_PORT=$(free_port); done

echo "==> tauri-driver on 127.0.0.1:$PORT (WebKitWebDriver on $NATIVE_PORT, DISPLAY=$DISPLAY)"
setsid "$TAURI_DRIVER" --port "$PORT" --native-port "$NATIVE_PORT" \
  --native-driver "$NATIVE_DRIVER" >"$WORK/tauri-driver.log" 2>&1 &
DRIVER_PID=$!

# tauri-driver logs connection errors until WebKitWebDriver listens: poll.
ready=
for _ in $(seq 1 150); do
  if node -e '
    fetch(process.argv[1]).then(r => r.json()).then(j => process.exit(j.value && j.value.ready ? 0 : 1), () => process.exit(1))
  ' "http://127.0.0.1:$PORT/status" 2>/dev/null; then
    ready=1
    break
  fi
  kill -0 "$DRIVER_PID" 2>/dev/null || break
  sleep 0.2
done
[ -n "$ready" ] || { tail -n 20 "$WORK/tauri-driver.log" >&2; die "tauri-driver did not become ready"; }

export HITPREP_E2E_WEBDRIVER="http://127.0.0.1:$PORT/"
export HITPREP_E2E_APP="$APP"
export HITPREP_E2E_TMP="$WORK"

# Node runs in the background, in its own process group (with the test
# files it starts), and the script waits for it, so that a signal (Ctrl-C,
# a CI timeout) runs the clean-up at once.
run_node() {
  set +e
  setsid node "$@" &
  NODE_PID=$!
  wait "$NODE_PID"
  status=$?
  NODE_PID=
  set -e
}

if [ "${1:-}" = "--measure" ]; then
  echo "==> node tests/e2e/cold-start.mjs"
  run_node tests/e2e/cold-start.mjs
  exit "$status"
fi

if [ "$#" -gt 0 ]; then
  tests=("$@")
else
  tests=(tests/e2e/*.test.mjs)
fi

echo "==> node --test (${#tests[@]} files)"
start=$(date +%s)
run_node --test --test-concurrency=1 --test-reporter=spec "${tests[@]}"
echo "==> e2e: $([ "$status" -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start )) s"
exit "$status"
