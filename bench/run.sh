#!/usr/bin/env bash
# bench/run.sh — the scale benchmark of issue 6, in one command.
#
#   bench/run.sh [ENTERPRISES [YEARS]]      default: 20000 enterprises, 10 years
#
# Builds safetrack, generates the synthetic province (`safetrack generate`,
# seed $SEED, default 2026) into bench/data/, and measures on it:
#   - import: wall time, rows per second, peak RSS;
#   - the insert floor: the same rows inserted with SQLite alone (bench/floor.c:
#     the store's schema, prepared INSERTs, one transaction);
#   - check of the whole province (--format tsv): with --jobs 1 (against the
#     scan floor) and with --jobs $(nproc) (the speed-up; the outputs must be
#     the same bytes): wall time, CPU time, peak RSS;
#   - the scan floor: one sqlite3-shell query reading every column of every
#     record table (sum of length() per column), on the same database;
#   - the park report: wall time, size;
#   - one enterprise's check and report: median latency over $REPS runs, the
#     command against `safetrack --version`, also in instructions (callgrind,
#     when valgrind is installed: the one figure the load does not move);
#   - a park's dashboard data in process (bench/dashboard.c): the first
#     park's check fresh, threaded, and through the result cache;
#   - peak RSS of check at a tenth of the size, to show how memory scales.
# Writes bench/RESULTS.md (figures, ratios, targets, machine, date) and
# appends bench/ANALYSIS.md, the hand-written profile notes, if present.
# Everything it makes stays in bench/data/ (gitignored).
set -euo pipefail

N=${1:-20000}
YEARS=${2:-10}
SEED=${SEED:-2026}
REPS=${REPS:-21}
UNTIL=2026-11-28          # the generator's default --until; the check's --as-of

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
data=bench/data
mkdir -p "$data"
log() { printf '%s\n' "bench: $*" >&2; }

# ---------------------------------------------------------------- tools
scripts/install-deps.sh
if ! [ -x /usr/bin/time ]; then
	log "installing GNU time"
	sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$sudo apt-get install -y -qq --no-install-recommends time >&2
fi
log "building"
make -j2 >/dev/null
ST="$top/safetrack"
cc -O2 -g -std=c11 -Wall -Wextra -o "$data/floor" bench/floor.c \
	$(pkg-config --cflags --libs sqlite3) -lcsv
# the in-process latency probe links the library the program is made of,
# with the Makefile's package list
pkgs=$(sed -n 's/^PKGS *= *//p' Makefile)
for probe in latency dashboard; do
	cc -O2 -g -std=c11 -D_POSIX_C_SOURCE=200809L -pthread -Wall -Wextra -Iinclude \
		$(pkg-config --cflags $pkgs) -o "$data/$probe" bench/$probe.c build/libsafetrack.a \
		$(pkg-config --libs $pkgs) -lcsv -lm -pthread
done
JOBS=$(nproc)

now_ns() { date +%s%N; }

# measure NAME CMD... — run CMD with stdout to $data/NAME.out, stderr to
# $data/NAME.err; sets WALL (seconds, 3 decimals), CPU (user + system
# seconds: less disturbed than WALL when others load the machine), RSS
# (peak, MiB), RC
measure() {
	local name=$1 t0 t1
	shift
	t0=$(now_ns)
	RC=0
	/usr/bin/time -f '%M %U %S' -o "$data/$name.time" "$@" >"$data/$name.out" 2>"$data/$name.err" || RC=$?
	t1=$(now_ns)
	WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
	RSS=$(awk 'END { printf "%.1f", $1 / 1024 }' "$data/$name.time")
	CPU=$(awk 'END { printf "%.2f", $2 + $3 }' "$data/$name.time")
}

# "MEDIAN BEST": wall times in milliseconds over REPS runs of CMD (output
# discarded); the best run is the one least disturbed by other load
median_ms() {
	local i t0 t1
	for i in $(seq "$REPS"); do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || true
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f", v[int((NR + 1) / 2)] / 1000, v[1] / 1000 }'
}
# split "MEDIAN BEST" into the variables NAME and NAME_best
set_ms() { local v; v=($2); eval "$1=${v[0]} ${1}_best=${v[1]}"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "n/a" && b != "n/a" && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print v == "n/a" ? "not measured" : v + 0 <= max + 0 ? "met" : "**not met**" }'; }
unavailable() { grep -q "not implemented" "$data/$1.err" 2>/dev/null; }

# the record tables' scan: every column of every row, summed so that nothing
# can be skipped; built from the schema so that it follows its changes
scan_sql() {
	sqlite3 "$1" "SELECT group_concat(q, ' UNION ALL ') FROM (SELECT 'SELECT ''' || m.name
	    || ''', count(*), ' || (SELECT group_concat('sum(length(\"' || c.name || '\"))', ' + ')
	    FROM pragma_table_info(m.name) c) || ' FROM \"' || m.name || '\"' AS q
	    FROM sqlite_schema m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
	    AND m.name <> 'history' ORDER BY m.name)"
}

# -------------------------------------------------------- one data set
# bench_size N YEARS PREFIX: generate, import, check; sets the PREFIX_* vars
bench_size() {
	local n=$1 years=$2 p=$3 dir="$data/dossier-$1-$2" db="$data/store-$1-$2.db"

	log "generating $n enterprises × $years years into $dir"
	measure "$p-generate" "$ST" generate --enterprises "$n" --years "$years" --seed "$SEED" \
		--until "$UNTIL" --force "$dir"
	[ "$RC" -eq 0 ] || { cat "$data/$p-generate.err" >&2; exit 1; }
	eval "${p}_gen_wall=$WALL ${p}_gen_rss=$RSS"
	eval "${p}_rows=$(awk '/合计/ { print $2 }' "$data/$p-generate.out")"
	eval "${p}_csv_mb=$(du -sm "$dir" | cut -f1)"

	log "import"
	rm -f "$db" "$db-wal" "$db-shm"
	measure "$p-import" "$ST" --db "$db" import "$dir"
	eval "${p}_import_wall=$WALL ${p}_import_rss=$RSS ${p}_import_rc=$RC ${p}_import_cpu=$CPU"
	if [ "$RC" -ne 0 ]; then
		eval "${p}_import_wall=n/a ${p}_import_rss=n/a"
		log "import failed (exit $RC): $(head -c 300 "$data/$p-import.err")"
		return
	fi
	eval "${p}_db_mb=$(du -m "$db" | cut -f1)"

	log "check of the whole data set, one thread"
	measure "$p-check" "$ST" --db "$db" check --as-of "$UNTIL" --format tsv --jobs 1
	eval "${p}_check_wall=$WALL ${p}_check_rss=$RSS ${p}_check_rc=$RC ${p}_check_cpu=$CPU"
	eval "${p}_check_lines=$(wc -l <"$data/$p-check.out")"
	log "check of the whole data set, $JOBS threads"
	measure "$p-checkj" "$ST" --db "$db" check --as-of "$UNTIL" --format tsv --jobs "$JOBS"
	eval "${p}_checkj_wall=$WALL ${p}_checkj_rss=$RSS ${p}_checkj_cpu=$CPU"
	if cmp -s "$data/$p-check.out" "$data/$p-checkj.out"; then
		eval "${p}_checkj_same=yes"
	else
		eval "${p}_checkj_same=**NO**"
		log "check --jobs $JOBS wrote other bytes than --jobs 1"
	fi
}

# ------------------------------------------------------------------ run
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
bench_size "$N" "$YEARS" big
db="$data/store-$N-$YEARS.db"
dir="$data/dossier-$N-$YEARS"

floor_wall=n/a floor_rows=n/a scan_wall=n/a report_wall=n/a report_kb=n/a park=n/a
floor_cpu=n/a scan_cpu=n/a report_cpu=n/a report_rss=n/a
typ_records=n/a big_records=n/a
for v in ent_check_ms ent_report_ms typ_check_ms typ_report_ms start_ms typ_lat_pack_load \
	 typ_lat_store_open typ_lat_check typ_lat_report big_lat_check big_lat_report; do
	eval "$v=n/a ${v}_best=n/a"
done
if [ "${big_import_rc:-1}" -eq 0 ]; then
	log "insert floor (SQLite alone)"
	measure floor "$data/floor" "$db" "$data/floor.db" "$dir"
	[ "$RC" -eq 0 ] || { cat "$data/floor.err" >&2; exit 1; }
	floor_wall=$WALL floor_cpu=$CPU floor_rows=$(cat "$data/floor.out")
	rm -f "$data/floor.db" "$data/floor.db-wal" "$data/floor.db-shm"

	log "scan floor (sqlite3 shell)"
	sql=$(scan_sql "$db")
	sqlite3 "$db" "$sql" >/dev/null            # the same warm page cache as check had
	measure scan sqlite3 "$db" "$sql"
	scan_wall=$WALL scan_cpu=$CPU

	log "park report"
	park=$(sqlite3 "$db" "SELECT id FROM parks ORDER BY id LIMIT 1")
	measure report "$ST" --db "$db" report park --park "$park" --as-of "$UNTIL" -o "$data/park.html"
	if [ "$RC" -ne 0 ] && unavailable report; then
		report_wall=n/a
	else
		report_wall=$WALL report_cpu=$CPU report_rss=$RSS
		report_kb=$(du -k "$data/park.html" 2>/dev/null | cut -f1 || echo n/a)
	fi

	# the enterprise with the most records (largest roster), and a typical
	# one: median number of workers among operating hazchem enterprises
	big=$(sqlite3 "$db" "SELECT enterprise FROM workers GROUP BY enterprise
	      ORDER BY count(*) DESC, enterprise LIMIT 1")
	typ=$(sqlite3 "$db" "SELECT e.id FROM enterprises e JOIN workers w ON w.enterprise = e.id
	      WHERE e.status = 'operating' AND e.hazchem <> 'none' GROUP BY e.id
	      ORDER BY count(*), e.id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM enterprises
	      WHERE status = 'operating' AND hazchem <> 'none')")
	big_records=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM workers WHERE enterprise = '$big')
	      + (SELECT count(*) FROM inspections WHERE enterprise = '$big')
	      + (SELECT count(*) FROM hazards WHERE enterprise = '$big')")
	typ_records=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM workers WHERE enterprise = '$typ')
	      + (SELECT count(*) FROM inspections WHERE enterprise = '$typ')
	      + (SELECT count(*) FROM hazards WHERE enterprise = '$typ')")
	log "one enterprise: $typ (typical), $big (largest)"
	measure ent-check "$ST" --db "$db" check --as-of "$UNTIL" --enterprise "$typ" --format tsv
	if ! unavailable ent-check; then
		set_ms typ_check_ms "$(median_ms "$ST" --db "$db" check --as-of "$UNTIL" --enterprise "$typ" --format tsv)"
		set_ms ent_check_ms "$(median_ms "$ST" --db "$db" check --as-of "$UNTIL" --enterprise "$big" --format tsv)"
	fi
	measure ent-report "$ST" --db "$db" report enterprise "$typ" --as-of "$UNTIL" -o "$data/ent.html"
	if ! unavailable ent-report; then
		set_ms typ_report_ms "$(median_ms "$ST" --db "$db" report enterprise "$typ" --as-of "$UNTIL" -o "$data/ent.html")"
		set_ms ent_report_ms "$(median_ms "$ST" --db "$db" report enterprise "$big" --as-of "$UNTIL" -o "$data/ent.html")"
	fi
	# the floor of any command: starting the program at all; the two are
	# timed alternately, so that a change of load hits both alike
	set_ms start_ms "$(median_ms "$ST" --version)"
	set_ms typ_check_ms2 "$(median_ms "$ST" --db "$db" check --as-of "$UNTIL" --enterprise "$typ" --format tsv)"
	set_ms start_ms2 "$(median_ms "$ST" --version)"
	# instructions, repeatable under any load (the pack already validated)
	start_ir=n/a typ_check_ir=n/a
	if command -v valgrind >/dev/null; then
		# (check exits 2 on findings: not a failure of the measurement)
		ir() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
			sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1; }
		start_ir=$(ir "$ST" --version)
		# the steady state: the pack's status record and compiled-pack cache
		# (rules/.manifest-stat, rules/.pack-cache) written by the runs above
		typ_check_ir=$(ir "$ST" --db "$db" check --as-of "$UNTIL" --enterprise "$typ" --format tsv)
		# its parts (callgrind, inclusive): the rule pack, the store's open and
		# close (schema parse), the check itself
		valgrind --tool=callgrind --callgrind-out-file="$data/ent.callgrind" "$ST" --db "$db" \
			check --as-of "$UNTIL" --enterprise "$typ" --format tsv >/dev/null 2>&1 || true
		part() { callgrind_annotate --inclusive=yes "$data/ent.callgrind" 2>/dev/null |
			sed -n "s/^ *\([0-9,]*\) .*[ :]$1 \[.*/\1/p" | head -1 | tr -d ,; }
		ir_pack=$(part st_pack_load) ir_open=$(part st_store_open) ir_close=$(part st_store_close)
		ir_judge=$(part st_checker_run_jobs) ir_start=$(part _dl_start)
		# the first start after the pack was installed or changed: a fresh
		# copy of the pack (files just written: no record, no cache; hashed
		# and parsed)
		rm -rf "$data/rules-cold" && mkdir "$data/rules-cold" &&
			cp rules/*.xml rules/*.rng rules/MANIFEST "$data/rules-cold/"
		typ_check_ir_cold=$(ir "$ST" --rules "$data/rules-cold" --db "$db" check --as-of "$UNTIL" \
			--enterprise "$typ" --format tsv)
	fi

	log "a park's dashboard data in process ($park)"
	dash_ok=no
	if "$data/dashboard" "$db" "$top/rules" "$UNTIL" "$park" "$REPS" "$JOBS" >"$data/dashboard.out"; then
		dash_ok=yes
		while read -r name med best cpu_ms; do
			eval "dash_$name=$med dash_${name}_best=$best dash_${name}_cpu=${cpu_ms:-}"
		done <"$data/dashboard.out"
	else
		log "dashboard probe failed"
	fi

	# the same work inside one process: pack loaded and store opened once
	for who in typ big; do
		eval "id=\$$who"
		SAFETRACK_TEMPLATES="$top/templates" "$data/latency" "$db" "$top/rules" "$UNTIL" "$id" \
			"$REPS" >"$data/latency-$who.out" ||
			{ log "latency probe failed"; continue; }
		while read -r name med best; do
			eval "${who}_lat_$name=$med ${who}_lat_${name}_best=$best"
		done <"$data/latency-$who.out"
	done
fi

for v in dash_fresh_1 dash_fresh_N dash_cached_cold dash_cached_warm dash_cached_after_write; do
	eval ": \${$v:=n/a} \${${v}_best:=n/a} \${${v}_cpu:=n/a}"
done
: "${dash_subjects:=n/a}" "${typ_check_ms2:=n/a}" "${start_ms2:=n/a}" "${start_ir:=n/a}" "${typ_check_ir:=n/a}"
: "${typ_check_ir_cold:=n/a}" "${ir_pack:=n/a}" "${ir_open:=n/a}" "${ir_close:=n/a}" "${ir_judge:=n/a}" "${ir_start:=n/a}"

small=$((N / 10))
[ "$small" -ge 1 ] || small=1
bench_size "$small" "$YEARS" small

# ---------------------------------------------------------------- report
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
import_rate=n/a floor_rate=n/a
[ "${big_import_rc:-1}" -eq 0 ] && import_rate=$(awk -v r="$big_rows" -v w="$big_import_wall" 'BEGIN { printf "%.0f", r / w }')
[ "$floor_wall" != n/a ] && floor_rate=$(awk -v r="$big_rows" -v w="$floor_wall" 'BEGIN { printf "%.0f", r / w }')
import_ratio=$(ratio "${big_import_wall:-n/a}" "$floor_wall")
check_ratio=$(ratio "${big_check_wall:-n/a}" "$scan_wall")
check_cpu_ratio=$(ratio "${big_check_cpu:-n/a}" "$scan_cpu")
speedup=$(ratio "${big_check_wall:-n/a}" "${big_checkj_wall:-n/a}")
cpu_cost=$(ratio "${big_checkj_cpu:-n/a}" "${big_check_cpu:-n/a}")
start_ratio=$(ratio "$typ_check_ms" "$start_ms")
start_ratio2=$(ratio "$typ_check_ms2" "$start_ms2")
start_ir_ratio=$(ratio "$typ_check_ir" "$start_ir")
rss_growth=$(ratio "${big_check_rss:-n/a}" "${small_check_rss:-n/a}")
rssj_growth=$(ratio "${big_checkj_rss:-n/a}" "${small_checkj_rss:-n/a}")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)

out=bench/RESULTS.md
# bench/serve.sh keeps its own section in the file: carried over as it is
serve_block=$(sed -n '/<!-- serve.sh begin -->/,/<!-- serve.sh end -->/p' "$out" 2>/dev/null || true)
{
cat <<EOF
# Benchmark results

Produced by \`bench/run.sh $N $YEARS\` (seed $SEED) on $(date -u '+%Y-%m-%d %H:%M UTC'),
safetrack commit $commit$dirty.

Machine: $(nproc) cores, $cpu, $mem memory, $(uname -sr), SQLite $(sqlite3 --version | cut -d' ' -f1).
Load average (1, 5, 15 min) before the run: $load_before; after: $load_after. The machine is
shared: wall times grow when others load it, CPU times (user + system) much less.

## Data set

\`safetrack generate --enterprises $N --years $YEARS --seed $SEED --until $UNTIL\`:
$big_rows rows in 13 CSV files, $big_csv_mb MiB, generated in $big_gen_wall s (peak RSS $big_gen_rss MiB).
Database after import: ${big_db_mb:-n/a} MiB.

| file | rows |
|---|---:|
$(awk '/\.csv/ { printf "| %s | %s |\n", $1, $2 }' "$data/big-generate.out")

## Measurements

| what | measured | floor | ratio | target | |
|---|---|---|---|---|---|
| import | ${big_import_wall:-n/a} s (CPU ${big_import_cpu:-n/a} s), $import_rate rows/s, peak RSS ${big_import_rss:-n/a} MiB | $floor_wall s (CPU $floor_cpu s), $floor_rate rows/s | $import_ratio× (CPU $(ratio "${big_import_cpu:-n/a}" "$floor_cpu")×) | ≤ 1.5× insert floor | $(verdict "$import_ratio" 1.5) |
| check, whole province, \`--jobs 1\` | ${big_check_wall:-n/a} s (CPU ${big_check_cpu:-n/a} s), peak RSS ${big_check_rss:-n/a} MiB, ${big_check_lines:-n/a} lines | $scan_wall s (CPU $scan_cpu s) | $check_ratio× (CPU $check_cpu_ratio×) | ≤ 2× scan floor | $(verdict "$check_cpu_ratio" 2) (by CPU) |
| check, whole province, \`--jobs $JOBS\` | ${big_checkj_wall:-n/a} s (CPU ${big_checkj_cpu:-n/a} s), peak RSS ${big_checkj_rss:-n/a} MiB; output the same bytes: ${big_checkj_same:-n/a} | \`--jobs 1\` | speed-up ${speedup}× on $JOBS cores; CPU ${cpu_cost}× of one thread's | near-linear, byte-identical | see below |
| check, peak RSS at $small enterprises (\`--jobs 1\` / \`--jobs $JOBS\`) | ${small_check_rss:-n/a} / ${small_checkj_rss:-n/a} MiB | at $N: ${big_check_rss:-n/a} / ${big_checkj_rss:-n/a} MiB | ${rss_growth}× / ${rssj_growth}× for 10× the enterprises | flat in N | $(verdict "$rss_growth" 1.25) |
| park report ($park) | $report_wall s (CPU $report_cpu s), $report_kb KiB, peak RSS $report_rss MiB | | | < 5 s | $(verdict "$report_wall" 5) |
| one enterprise's check, typical ($typ_records records): the command | $typ_check_ms ms (best $typ_check_ms_best); again, between two timings of \`--version\`: $typ_check_ms2 ms | \`safetrack --version\`: $start_ms ms (best $start_ms_best); again: $start_ms2 ms | ${start_ratio}× and ${start_ratio2}× (wall); ${start_ir_ratio}× in instructions ($typ_check_ir against $start_ir) | ≤ 1.5× \`--version\` | $(verdict "$start_ir_ratio" 1.5) (by instructions) |
| — its instructions by part: program start (dynamic linking) / rule pack / store open and close / the check | $ir_start / $ir_pack / $ir_open + $ir_close / $ir_judge | | | | |
| — the first start after the pack was installed or changed (no status record, no pack cache) | $typ_check_ir_cold instructions | | $(ratio "$typ_check_ir_cold" "$start_ir")× | | |
| one enterprise's check, typical: in process | $typ_lat_check ms (best $typ_lat_check_best); loading the rule pack: $typ_lat_pack_load ms | | | | |
| one enterprise's check, largest ($big_records records): the command / in process | $ent_check_ms ms (best $ent_check_ms_best) / $big_lat_check ms (best $big_lat_check_best) | | | | |
| one enterprise's report, typical: the command / in process | $typ_report_ms ms / $typ_lat_report ms | | | | |
| one enterprise's report, largest: the command / in process | $ent_report_ms ms / $big_lat_report ms | | | | |
| a park's dashboard data ($park, $dash_subjects subjects), in process, warm: result cache | $dash_cached_warm ms (best $dash_cached_warm_best, CPU $dash_cached_warm_cpu ms) | | | ≤ 50 ms | $(verdict "$dash_cached_warm" 50) |
| — the same after one enterprise was written to (it and its park judged again) | $dash_cached_after_write ms (best $dash_cached_after_write_best, CPU $dash_cached_after_write_cpu ms) | | | ≤ 50 ms | $(verdict "$dash_cached_after_write" 50) |
| — without the cache: fresh, one thread / $JOBS threads / cold cache | $dash_fresh_1 / $dash_fresh_N / $dash_cached_cold ms (CPU $dash_fresh_1_cpu / $dash_fresh_N_cpu / $dash_cached_cold_cpu ms) | | | | |

What the floors are:

- **Insert floor**: \`bench/floor.c\` reads the same 13 CSV files with libcsv and inserts
  every row (${floor_rows} rows, plus the drills' participants) into a new database with
  the schema copied from the imported one (tables, constraints, indexes, triggers), through
  one prepared INSERT per table with the values bound as text (empty cell = NULL), in one
  transaction, with the store's pragmas (foreign keys on, WAL, synchronous NORMAL). No
  validation beyond the schema's constraints, no history rows, nothing read back.
- **Scan floor**: one \`sqlite3\` shell process running, on the imported database with a
  warm page cache, \`SELECT 'TABLE', count(*), sum(length(col1)) + … FROM TABLE\` over every
  record table (all columns of every row; \`history\` excluded).

Latencies are medians of $REPS runs on the warm database; "CPU" is user + system
time of the process (all its threads). The dashboard figures come from \`bench/dashboard.c\`
(the pack loaded and the store opened once; each run counts the park's results by
status, and every run must give the same counts): "warm" is a run through a
\`st_result_cache\` that already holds the park's subjects at that date. "The command" is the whole
\`safetrack\` process (exec and dynamic linking, loading and validating the rule pack,
opening the store, the work, exit); "in process" is \`bench/latency.c\` making the same
library calls (\`st_checker_run\` with the enterprise filter into the tsv writer;
\`st_report_render\` of the enterprise report) with the pack and store already open. "Typical"
is the operating hazchem enterprise with the median number of workers; "largest" the one with
the most workers ("records" counts its workers, inspections and hazards). The check lines are
\`--format tsv\` with \`--as-of $UNTIL\`; the check exit status was ${big_check_rc:-n/a}
(2 = some obligation failed or overdue, as expected of realistic data).
EOF
[ -f bench/ANALYSIS.md ] && { echo; cat bench/ANALYSIS.md; }
[ -z "$serve_block" ] || { echo; printf '%s\n' "$serve_block"; }
} >"$out"
log "wrote $out"
cat "$out"
