#!/usr/bin/env bash
# Attribution throughput and latency of `provenance serve` under concurrent load on loopback.
# Usage: [DURATION=30s] [SERVE_ARGS="--max-concurrent 8"] Benchmarks/server/run.sh INDEX SOURCE_DIR [CONNECTIONS...]
#   (default connections: 1 50)
# Needs a release build (swift build -c release --product provenance), wrk and zstd
# (Debian packages), python3. Prints `uptime` before and after: the figures depend on the load.
# After each row, the server's own CPU time a request (from /proc), apart from wrk's.
set -euo pipefail
cd "$(dirname "$0")/../.."
index=$1 src=$2; shift 2
[ $# -gt 0 ] && connections=("$@") || connections=(1 50)
duration=${DURATION:-30s}
work=.build/server-bench
mkdir -p "$work"
python3 Benchmarks/server/snippets.py --index "$index" --src "$src" --out "$work/bodies.jsonl"

: >"$work/serve.log"  # empty it here: the server's own redirect happens later, in the background
.build/release/provenance serve --db "$index" --port 0 ${SERVE_ARGS:-} 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^provenance serve: listening on \(http[^ ]*\).*/\1/p' "$work/serve.log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log" >&2; exit 2; }

echo "uptime before: $(uptime)"
# Warm the page cache and the server before measuring.
wrk -t2 -c4 -d10s -s Benchmarks/server/attribution.lua "$url" -- "$work/bodies.jsonl" >/dev/null
# The server's own CPU time (user + system, in clock ticks), from /proc: what a request
# costs the server, apart from wrk's share of the same cores.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
ticks_per_second=$(getconf CLK_TCK)
for c in "${connections[@]}"; do
  threads=$(( c < 2 ? 1 : 2 ))
  echo "== $c connections, $threads wrk threads, $duration"
  before=$(server_ticks)
  line=$(wrk -t$threads -c"$c" -d"$duration" --timeout 10s -s Benchmarks/server/attribution.lua "$url" -- "$work/bodies.jsonl" | grep '^attribution:')
  after=$(server_ticks)
  echo "$line"
  requests=$(sed -n 's/^attribution: \([0-9]*\) requests in \([0-9.]*\) s.*/\1 \2/p' <<<"$line")
  python3 -c 'import sys; ticks, hz, n, seconds = float(sys.argv[1]), float(sys.argv[2]), *map(float, sys.argv[3].split())
print(f"server CPU: {1000 * ticks / hz / n:.2f} ms a request, {ticks / hz / seconds:.2f} cores busy")' \
    "$(( after - before ))" "$ticks_per_second" "$requests"
done
echo "uptime after: $(uptime)"
