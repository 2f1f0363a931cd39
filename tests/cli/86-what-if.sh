# revision 2, what-if: check --compare-rules DIR and --compare-tailoring FILE
# list only the (subject, rule) pairs whose status or due differ
. "$TOP/tests/cli/lib.sh"
db="$T/park.db"
run --db "$db" import "$SAMPLE"
expect_rc 0
H="$(printf 'kind\tsubject\trule\tstatus\tdue\tother_status\tother_due')"

# against the same rules: nothing differs, the header alone
run --db "$db" check --as-of 2026-11-28 --compare-rules "$TOP/rules" --format tsv
expect_rc 0
[ "$(cat "$out")" = "$H" ] || fail "the same rules differ"

# against the local pack alone: the national rules are missing there
mkdir "$T/local"
cp "$TOP/rules/"*.rng "$TOP/rules/"[1-5]*.xml "$T/local/"
run rules manifest "$T/local"
expect_rc 0
run --db "$db" check --as-of 2026-11-28 --compare-rules "$T/local" --format tsv
expect_rc 0
head -n 1 "$out" | grep -qx "$H" || fail "header"
[ "$(tail -n +2 "$out" | cut -f3 | sort -u | tr '\n' ' ')" = "NAT-ACC-REPORT-1H NAT-HAZCHEM-EVAL-3Y NAT-SAFETY-LICENCE " ] ||
	fail "only the national rules differ"
grep -qx "$(printf 'enterprise\t91654202MA7768HN7Y\tNAT-SAFETY-LICENCE\tfail\t\t-\t-')" "$out" || fail "missing side shows -"
[ "$(tail -n +2 "$out" | wc -l)" -eq 39 ] || fail "13 enterprises x 3 national rules"

# a proposed tailoring: ACC-INVESTIGATION in 30 days, CHK-13 deselected
run --db "$db" check --as-of 2026-11-28 --compare-tailoring "$TOP/docs/tailoring-example.xml" --format tsv
expect_rc 0
grep -qx "$(printf 'enterprise\t91654202MA7768HN7Y\tACC-INVESTIGATION\tpass\t\tfail\t')" "$out" ||
	fail "ACC-INVESTIGATION: investigation closed after 30 days"
grep -qx "$(printf 'enterprise\t91654202MA7768HN7Y\tCHK-13\tpass\t\t-\t-')" "$out" || fail "deselected rule shows -"
grep -q "INSP-QUARTERLY" "$out" && fail "warn_days 20 changes nothing as of 2026-11-28"
# text: the differences and how many results each rule changes
run --db "$db" check --as-of 2026-11-28 --compare-tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 0
expect_out "企业 91654202MA7768HN7Y  ACC-INVESTIGATION：合格 → 不合格"
expect_out "共 16 项结果不同。"
# per rule: the count and the pairs of statuses (st_compare_summary)
grep -qxF '  ACC-INVESTIGATION            3 项：合格 → 不合格 2，逾期（期限不同） 1' "$out" ||
	fail "per-rule count"
grep -qxF '  CHK-13                       13 项：不适用 → （不评估） 2，合格 → （不评估） 9，未核查 → （不评估） 1，不合格 → （不评估） 1' "$out" ||
	fail "per-rule count of the deselected rule"
[ "$(grep -c '^  [A-Z]' "$out")" -eq 2 ] || fail "only the rules that changed are counted"
expect_out "企业 91654202MA7768HN7Y  CHK-13：合格 → （不评估）"
# grouped by pack like rules list and the reports
[ "$(grep -A2 -x '【地方规则包】塔城地区工业园区安全生产管理暂行规定' "$out" | awk '{ print $1 }' | tr '\n' ' ')" = \
	'【地方规则包】塔城地区工业园区安全生产管理暂行规定 ACC-INVESTIGATION CHK-13 ' ] || fail "rules not under their pack"
grep -q '国家规则包' "$out" && fail "a pack without a change is named"
run --db "$db" check --as-of 2026-11-28 --compare-rules "$T/local"
expect_rc 0
[ "$(grep -A3 -x '【国家规则包】国家安全生产行政法规（摘录）' "$out" | awk '{ print $1 }' | tr '\n' ' ')" = \
	'【国家规则包】国家安全生产行政法规（摘录） NAT-ACC-REPORT-1H NAT-HAZCHEM-EVAL-3Y NAT-SAFETY-LICENCE ' ] ||
	fail "national rules not under their pack"

# one rule only; a rule only the current side has
run --db "$db" check --as-of 2026-11-28 --compare-rules "$T/local" --rule NAT-SAFETY-LICENCE --format tsv
expect_rc 0
[ "$(tail -n +2 "$out" | cut -f3 | sort -u)" = NAT-SAFETY-LICENCE ] || fail "--rule"

# usage errors and a broken other side
run --db "$db" check --compare-rules "$T/local" --compare-tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 1
expect_err "--compare-rules 与 --compare-tailoring 只能选一个"
run --db "$db" check --compare-rules "$T/local" --format xml
expect_rc 1
expect_err "--compare-rules 与 --compare-tailoring 只支持 text 与 tsv 格式"
run --db "$db" check --compare-rules "$T/nowhere" --format tsv
expect_rc 1
expect_err "$T/nowhere"
[ ! -s "$out" ] || fail "output despite an unreadable rules folder"
