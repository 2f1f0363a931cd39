# 41-check-jobs.sh — `check --jobs N` splits the subjects over threads and
# writes exactly what one thread writes, in every format, filter and date,
# on generated parks; a wrong --jobs is refused before anything is read.
. "$TOP/tests/cli/lib.sh"

run generate --enterprises 30 --years 4 --seed 41 --park-size 8 --until 2026-11-28 "$T/gen"
expect_rc 0
db="$T/db"
run --db "$db" import "$T/gen"
expect_rc 0
park=$(sed -n '2s/,.*//p' "$T/gen/parks.csv")
ent=$(sed -n '3s/,.*//p' "$T/gen/enterprises.csv")

# the run's local time is the only thing allowed to differ between two runs
same_run() {
	local ref=$1 rrc=$2
	shift 2
	run "$@"
	[ "$rc" -eq "$rrc" ] || fail "exit status $rc with $*, $rrc with --jobs 1"
	sed 's/"generated":"[^"]*"/"generated":""/; s/generated="[^"]*"/generated=""/' "$out" >"$T/got"
	cmp -s "$ref" "$T/got" || { diff "$ref" "$T/got" | head -20; fail "output of $* differs from --jobs 1"; }
}

for day in 2023-06-30 2025-03-31 2026-11-28; do
	for fmt in text tsv xml json; do
		for filter in "" "--park $park" "--rule INSP-QUARTERLY"; do
			# shellcheck disable=SC2086
			run --db "$db" check --as-of "$day" --format "$fmt" $filter --jobs 1
			ref_rc=$rc
			[ -s "$out" ] || fail "empty output for $day $fmt $filter"
			sed 's/"generated":"[^"]*"/"generated":""/; s/generated="[^"]*"/generated=""/' "$out" >"$T/ref"
			for jobs in 2 7; do
				# shellcheck disable=SC2086
				same_run "$T/ref" "$ref_rc" --db "$db" check --as-of "$day" --format "$fmt" $filter --jobs "$jobs"
			done
		done
	done
done

# one enterprise (run on one thread whatever --jobs says)
run --db "$db" check --as-of 2026-11-28 --format tsv --enterprise "$ent" --jobs 1
cp "$out" "$T/ref"
same_run "$T/ref" "$rc" --db "$db" check --as-of 2026-11-28 --format tsv --enterprise "$ent" --jobs 4
# the default (one thread per core) is the same as well
run --db "$db" check --as-of 2026-11-28 --format tsv --jobs 1
cp "$out" "$T/ref"
same_run "$T/ref" 2 --db "$db" check --as-of 2026-11-28 --format tsv
# many more subjects than the threads' slots (4 per job): the ring wraps
[ "$(wc -l <"$T/ref")" -gt 1000 ] || fail "too few results to exercise the ring"

# wrong values: refused with a usage error, nothing read or written
cp "$db" "$T/before"
for bad in 0 65 -1 abc 2x "" 100 " 2"; do
	run --db "$db" check --as-of 2026-11-28 --jobs "$bad"
	expect_rc 1
	expect_err "safetrack: --jobs 须为 1 到 64 的整数，而不是 '$bad'"
	expect_err "用法: safetrack check"
	[ ! -s "$out" ] || fail "output for --jobs '$bad'"
done
run --db "$db" check --jobs
expect_rc 1
expect_err "safetrack: 选项 --jobs 需要一个值"
same_db "$db" "$T/before"

# an unknown enterprise or park is still named, whatever the jobs
run --db "$db" check --park NOPE --jobs 4
expect_rc 1
expect_err "园区“NOPE”不存在（编号、全称或名称中的一段都没有找到）"
[ ! -s "$out" ] || fail "output for an unknown park"
exit 0
