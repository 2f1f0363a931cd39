# 42-eval-differential.sh — the compiled evaluation (records, expressions
# compiled at pack load) gives what XPath on the facts document gives
# (SAFETRACK_EVAL=xpath): the same status, due, detail (zh and en) and
# records for every result, on generated parks of three seeds at dates from
# the first years to after the last, through the check (one date per run)
# and the park report (nine dates from one read, restricted); and --jobs 3
# writes what --jobs 1 writes.
. "$TOP/tests/cli/lib.sh"

# a run evaluated by XPath alone
xpath_run() { SAFETRACK_EVAL=xpath; export SAFETRACK_EVAL; run "$@"; unset SAFETRACK_EVAL; }
mask() { sed 's/"generated":"[^"]*"/"generated":""/; s/generated="[^"]*"/generated=""/; s/生成于[^<]*//' "$1"; }

for seed in 7 42 2026; do
	gen="$T/gen$seed" db="$T/db$seed"
	run generate --enterprises 18 --years 6 --seed "$seed" --park-size 6 --until 2026-11-28 "$gen"
	expect_rc 0
	run --db "$db" import "$gen"
	expect_rc 0
	for day in 2021-03-31 2022-12-31 2024-07-01 2025-12-31 2026-11-28 2027-06-30; do
		for fmt in tsv xml; do
			xpath_run --db "$db" check --as-of "$day" --format "$fmt" --jobs 1
			ref_rc=$rc
			[ "$(wc -l <"$out")" -gt 100 ] || fail "too few results at $day (seed $seed)"
			mask "$out" >"$T/ref"
			run --db "$db" check --as-of "$day" --format "$fmt" --jobs 1
			[ "$rc" -eq "$ref_rc" ] || fail "exit status $rc compiled, $ref_rc by XPath ($day, seed $seed)"
			mask "$out" >"$T/got"
			cmp -s "$T/ref" "$T/got" || { diff "$T/ref" "$T/got" | head -20; fail "compiled and XPath differ at $day ($fmt, seed $seed)"; }
			run --db "$db" check --as-of "$day" --format "$fmt" --jobs 3
			mask "$out" >"$T/got"
			cmp -s "$T/ref" "$T/got" || { diff "$T/ref" "$T/got" | head -20; fail "--jobs 3 differs at $day ($fmt, seed $seed)"; }
		done
	done
	# the park report: one read of each subject for nine dates
	park=$(sed -n '2s/,.*//p' "$gen/parks.csv")
	xpath_run --db "$db" report park --park "$park" --as-of 2026-11-28 -o "$T/x.html"
	expect_rc 0
	run --db "$db" report park --park "$park" --as-of 2026-11-28 -o "$T/c.html"
	expect_rc 0
	mask "$T/x.html" >"$T/ref"
	mask "$T/c.html" >"$T/got"
	[ -s "$T/ref" ] || fail "empty park report"
	cmp -s "$T/ref" "$T/got" || { diff "$T/ref" "$T/got" | head -20; fail "park reports differ (seed $seed)"; }
done

# revision 2's records: a park whose data has licences, waivers and voided
# rows (the small parks above have few or none); the compiled run reads
# only the columns the pack can read, XPath every one (issue #14)
gen="$T/genrev2" db="$T/dbrev2"
run generate --enterprises 40 --years 6 --seed 2026 --until 2026-11-28 "$gen"
expect_rc 0
[ "$(grep -c . "$gen/licences.csv")" -gt 5 ] || fail "no licences generated"
[ "$(grep -c . "$gen/waivers.csv")" -gt 2 ] || fail "no waivers generated"
awk -F, 'NR > 1 && $(NF-1) != "" { v = 1 } END { exit !v }' "$gen/hazards.csv" ||
	fail "no voided hazard generated"
run --db "$db" import "$gen"
expect_rc 0
# each waiver's approval day (it is in force then), and the last day
: >"$T/all"
for day in $(awk -F, 'NR > 1 { print $6 }' "$gen/waivers.csv") 2026-11-28; do
	xpath_run --db "$db" check --as-of "$day" --format tsv --jobs 1
	mask "$out" >"$T/ref"
	run --db "$db" check --as-of "$day" --format tsv --jobs 2
	mask "$out" >"$T/got"
	cmp -s "$T/ref" "$T/got" || { diff "$T/ref" "$T/got" | head -20; fail "compiled and XPath differ at $day (revision 2 park)"; }
	cat "$T/got" >>"$T/all"
done
grep -q "	waived	" "$T/all" || fail "no waived result in the revision 2 park"

# the results are not all alike: the comparison covers every status
xpath_run --db "$T/db42" check --as-of 2026-11-28 --format tsv --jobs 1
for s in pass fail overdue due-soon not-applicable; do
	grep -q "	$s	" "$out" || fail "no $s result in the data compared"
done
