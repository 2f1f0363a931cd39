#!/usr/bin/env bash
# bench/serve.sh — the bounded load test of `safetrack serve` (issue 11).
#
#   bench/serve.sh [REQUESTS]        default 2000 per run (at most 20,000 in all)
#
# On the largest park of the generated province (bench/run.sh's data set,
# 20,000 enterprises over 10 years, generated and imported here when
# missing), an officer of that park, and the server on 127.0.0.1 only:
#   - dashboard: REQUESTS GETs of / at 16 concurrent clients (ab, keep-alive);
#   - inspection POST: REQUESTS POSTs of /inspections at 16 concurrent
#     clients (bench/serve-post.py: each request a different enterprise and
#     day, so that no duplicate-inspection guard refuses it), when the server
#     has that route;
# p50/p95/p99 latency, throughput, errors, and the server's resident memory
# sampled every second.  Writes its section of bench/RESULTS.md (between the
# "serve" markers; bench/run.sh's figures stay) and prints it.
set -euo pipefail

REQ=${1:-2000}
[ "$REQ" -le 9000 ] || { echo "at most 9000 requests per run (20,000 in all)" >&2; exit 1; }
C=16
AS_OF=2026-11-28
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
data=bench/data
mkdir -p "$data"
log() { printf 'bench: %s\n' "$*" >&2; }
command -v ab >/dev/null || { echo "ab is missing: apt-get install apache2-utils" >&2; exit 1; }

make -j2 >/dev/null
ST="$top/safetrack"
dossier="$data/dossier-20000-10"
db="$data/serve.db"
if [ ! -d "$dossier" ]; then
	log "generating the province"
	"$ST" generate --enterprises 20000 --years 10 --seed 2026 "$dossier" >/dev/null
fi
rm -f "$db" "$db-wal" "$db-shm"
log "importing the province"
"$ST" --db "$db" import "$dossier" >/dev/null
park=$(sqlite3 "$db" "SELECT park FROM enterprises GROUP BY park ORDER BY count(*) DESC, park LIMIT 1")
nent=$(sqlite3 "$db" "SELECT count(*) FROM enterprises WHERE park = '$park'")
echo "bench password 1" | "$ST" --db "$db" user add bench --role officer --park "$park" 2>/dev/null

"$ST" --db "$db" serve --listen 127.0.0.1:0 2>"$data/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q 正在监听 "$data/serve.err" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$data/serve.err")
curl -s -c "$data/jar" -d 'user=bench&password=bench+password+1' "${url}login" -o /dev/null
cookie=$(awk '$6 == "st_session" { print $7 }' "$data/jar")
csrf=$(curl -s -b "st_session=$cookie" "${url}api/v1/session" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')

rss() { awk '/VmRSS/ { print $2 }' "/proc/$pid/status"; }
sample_rss() { while kill -0 "$pid" 2>/dev/null; do rss; sleep 1; done >"$1"; }

# the first request computes the park's chase list; the run measures what
# every later visitor gets (the list is recomputed after any change)
t0=$(date +%s%N)
curl -s -b "st_session=$cookie" "${url}?as_of=$AS_OF" -o /dev/null
cold=$(( ($(date +%s%N) - t0) / 1000000 ))
rss0=$(rss)
sample_rss "$data/rss-dash" & sampler=$!
ab -k -q -n "$REQ" -c $C -C "st_session=$cookie" "${url}?as_of=$AS_OF" >"$data/ab-dash.txt" 2>&1
kill $sampler
pct() { awk -v p="$1%" '$1 == p { print $2 }' "$2"; }
val() { awk -F: -v k="$1" '$1 == k { gsub(/^ +/, "", $2); split($2, a, " "); print a[1] }' "$2"; }

post_line="(not run: the server has no POST /inspections yet)"
if [ "$(curl -s -o /dev/null -w '%{http_code}' -b "st_session=$cookie" -X POST "${url}inspections")" != 404 ]; then
	sample_rss "$data/rss-post" & sampler=$!
	python3 bench/serve-post.py "$url" "$cookie" "$csrf" "$db" "$park" "$REQ" $C >"$data/post.txt"
	kill $sampler
	post_line=$(cat "$data/post.txt")
fi
rss1=$(rss)
kill -TERM $pid; wait $pid || true
trap - EXIT

{
	echo "# safetrack serve under load"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(uptime | sed 's/.*load average/load average/')),"
	echo "park $park ($nent enterprises) of the generated province, officer of that park, $C concurrent clients, 127.0.0.1."
	echo
	echo "| run | requests | failed | wrong status | p50 ms | p95 ms | p99 ms | requests/s |"
	echo "|---|---|---|---|---|---|---|---|"
	echo "| dashboard GET / | $(val 'Complete requests' "$data/ab-dash.txt") | $(val 'Failed requests' "$data/ab-dash.txt") | $(v=$(val 'Non-2xx responses' "$data/ab-dash.txt"); echo "${v:-0}") | $(pct 50 "$data/ab-dash.txt") | $(pct 95 "$data/ab-dash.txt") | $(pct 99 "$data/ab-dash.txt") | $(val 'Requests per second' "$data/ab-dash.txt") |"
	echo "| inspection POST | $post_line |"
	echo
	echo "First dashboard after start (computes the park's chase list): $cold ms."
	echo "Resident memory: $((rss0 / 1024)) MiB after the first dashboard, at most $(( $(sort -n "$data"/rss-* | tail -1) / 1024 )) MiB during the runs, $((rss1 / 1024)) MiB at the end."
	echo "Wrong status: a dashboard answer other than 200, an inspection answer other than 303."
	echo "Targets: dashboard p95 ≤ 150 ms, inspection POST p95 ≤ 50 ms, zero errors, memory flat."
} >"$data/serve-results.md"
# replace the section between the markers, or append it
python3 - "$data/serve-results.md" bench/RESULTS.md <<'PY'
import sys
new = open(sys.argv[1]).read()
try:
    old = open(sys.argv[2]).read()
except FileNotFoundError:
    old = ""
b, e = "<!-- serve.sh begin -->\n", "<!-- serve.sh end -->\n"
block = b + new + e
if b in old and e in old:
    old = old[:old.index(b)] + block + old[old.index(e) + len(e):]
else:
    old = old + ("\n" if old else "") + block
open(sys.argv[2], "w").write(old)
PY
cat "$data/serve-results.md"
