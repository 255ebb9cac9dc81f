#!/usr/bin/env bash
# Checks the web page of `provenance serve` in a real headless Chromium: builds the CLI,
# indexes a small generated corpus, starts the server on a free loopback port, loads the
# page, pastes code holding one known copy, presses Check, and requires the copied lines
# to be highlighted with their source (linked), license, kind and the source's excerpt;
# then does the same with the code uploaded through the page's file input.
# Exits 0 when all of that holds, 1 when the page fails, 2 on a setup error.
#
# Usage: scripts/check-web-page.sh [--no-install] [--screenshot FILE.png]
#   --no-install  fail (exit 3) instead of installing Debian's chromium with apt when it is missing
#   PROVENANCE=path/to/provenance  use that binary instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."

install=1
screenshot=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=0 ;;
    --screenshot) screenshot=$(realpath -m "$2"); shift ;;
    *) echo "usage: $0 [--no-install] [--screenshot FILE.png]" >&2; exit 2 ;;
  esac
  shift
done

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  if [ $install -eq 0 ]; then echo "check-web-page: chromium is not installed" >&2; exit 3; fi
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo); else
    echo "check-web-page: need root or sudo to install chromium" >&2; exit 2
  fi
  echo "check-web-page: installing chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
  chromium=$(command -v chromium)
fi

if [ -z "${PROVENANCE:-}" ]; then
  swift build --product provenance >&2
  PROVENANCE="$(swift build --show-bin-path)/provenance"
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A corpus repository with a GitHub remote (so matches link to their lines), and a query
# that copies one of its functions between lines of new code.
python3 scripts/web-page-check.py generate "$work"
git -C "$work/corpus" init -q
git -C "$work/corpus" remote add origin https://github.com/acme/demo.git
git -C "$work/corpus" add -A
git -C "$work/corpus" -c user.name=check -c user.email=check@localhost commit -q -m corpus
"$PROVENANCE" index build --db "$work/index.sqlite" --dir "$work/corpus" --repo acme/demo --license MIT >&2

"$PROVENANCE" serve --db "$work/index.sqlite" --host 127.0.0.1 --port 0 2>"$work/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^provenance serve: listening on \(http[^ ]*\).*/\1/p' "$work/serve.log")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "check-web-page: the server exited" >&2; exit 2; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log" >&2; echo "check-web-page: the server did not start" >&2; exit 2; }
echo "check-web-page: server at $url, browser $("$chromium" --version 2>/dev/null || echo chromium)" >&2

status=0
python3 scripts/web-page-check.py browse "$work" "$url" "$chromium" "$screenshot" || status=$?

kill -TERM "$server_pid"
if ! wait "$server_pid"; then echo "check-web-page: the server did not shut down cleanly on SIGTERM" >&2; status=1; fi
server_pid=""
exit $status
