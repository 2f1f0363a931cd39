# check: formats, filters, exit codes, bad arguments (INTERCHANGE §2-3).
. "$TOP/tests/cli/lib.sh"
db="$T/park.db"
run --db "$db" import "$SAMPLE"
expect_rc 0

# tsv: header, sorted park before enterprise, ids, rule ids; exit 2 on findings
run --db "$db" check --as-of 2026-11-28 --format tsv
expect_rc 2
head -n 1 "$out" | grep -qx "$(printf 'kind\tsubject\trule\tstatus\tdue\tdetail')" || fail "tsv header"
cut -f1,2,3 "$out" | tail -n +2 > "$T/keys"
awk -F'\t' '{ print ($1 == "park" ? 0 : 1) "\t" $2 "\t" $3 }' "$T/keys" > "$T/k1"
LC_ALL=C sort "$T/k1" | cmp -s - "$T/k1" || fail "tsv not sorted by kind, subject, rule"
awk -F'\t' 'NR > 1 && $4 !~ /^(pass|due-soon|fail|overdue|not-applicable|not-checked|error|waived)$/ { exit 1 }' "$out" ||
	fail "a status outside the closed set"
awk -F'\t' 'NR > 1 && NF != 6 { exit 1 }' "$out" || fail "a tsv line without 6 fields"
grep -q "INFO-" "$out" && fail "informational entries must not be listed"
# every enterprise appears with every enterprise rule, closed ones included
nrules=$(cut -f3 "$out" | grep -v '^rule$' | sort -u | wc -l)
# revision 2: both packs, 45 rules (5 park, 40 enterprise: 37 local + 3 national)
[ "$nrules" -eq 45 ] || fail "$nrules rules, expected 45"
[ "$(grep -c '^park	WSHG	' "$out")" -eq 5 ] || fail "a park has 5 rules"
[ "$(grep -c '^enterprise	91654202055289139B	' "$out")" -eq 40 ] || fail "an enterprise has 40 rules"

# the expected table, reviewed against sample/README.md
if [ -f "$TOP/tests/data/check/sample-2026-11-28.tsv" ]; then
	diff -u "$TOP/tests/data/check/sample-2026-11-28.tsv" "$out" || fail "tsv differs from the reviewed table"
fi
# and against the sample's own expectations (sample/README.md, read independently of the checker)
python3 "$SAMPLE/tools/sample_check.py" compare 2026-11-28 "$out" > "$T/compare" ||
	{ cat "$T/compare"; fail "sample expectations"; }
# revision 2: the independent reading agrees with the checker at six dates
# (before and after the waivers, the licence deadlines, the voided records)
for d in 2025-06-30 2025-12-31 2026-03-14 2026-06-15 2026-09-30 2026-11-28; do
	$ST --db "$db" check --as-of $d --format tsv >"$T/c.tsv" 2>/dev/null
	python3 "$SAMPLE/tools/sample_check.py" compare $d "$T/c.tsv" > "$T/compare" ||
		{ cat "$T/compare"; fail "sample expectations as of $d"; }
done

# one enterprise, one rule
ent=$(awk -F'\t' '$1 == "enterprise" { print $2; exit }' "$out")
run --db "$db" check --as-of 2026-11-28 --enterprise "$ent" --rule CHK-01 --format tsv
[ "$(wc -l < "$out")" -eq 2 ] || fail "--enterprise --rule gives one row"
grep -q "^enterprise	$ent	CHK-01	" "$out" || fail "the row for $ent CHK-01"

# xml is well formed and carries the run metadata; json parses
run --db "$db" check --as-of 2026-11-28 --format xml
expect_rc 2
xmllint --noout "$out" || fail "xml not well formed"
expect_out 'as-of="2026-11-28"'
expect_out 'pack="tacheng-park-safety"'
expect_out '<clause-text>'
run --db "$db" check --as-of 2026-11-28 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["meta"]["as_of"]=="2026-11-28"; assert len(d["subjects"])>5' "$out" ||
	fail "json"

# text is Chinese, without colour when not a terminal
run --db "$db" check --as-of 2026-11-28
expect_rc 2
expect_out "评估日 2026-11-28"
expect_out "合规率"
grep -q "$(printf '\033')" "$out" && fail "colour on a pipe"

# a date before the parks were established and the enterprises operated:
# what was knowable then (no park rule, no operating-enterprise rule applies)
run --db "$db" check --as-of 2000-01-01 --format tsv
awk -F'\t' '($1 == "park" || $3 ~ /^(INSP-|CHK-|EVAL-TOXIC|RESP-)/) && $4 != "not-applicable" { exit 1 }' "$out" ||
	fail "rules applied before the subjects existed"

# bad arguments: usage, exit 1
run --db "$db" check --as-of 2026-02-30
expect_rc 1
expect_err "safetrack: --as-of: '2026-02-30' 不是有效日期（应为 YYYY-MM-DD）"
run --db "$db" check --format html
expect_rc 1
expect_err "safetrack: 未知的输出格式 'html'"
expect_err "用法: safetrack check"
run --db "$db" check --bogus
expect_rc 1
expect_err "safetrack: 未知选项 '--bogus'"
run --db "$db" check --as-of
expect_rc 1
expect_err "safetrack: 选项 --as-of 需要一个值"
run --db "$db" check extra
expect_rc 1
expect_err "safetrack: 多余的参数 'extra'"
run --db "$db" check --enterprise 91650000000000000X
expect_rc 1
expect_err "safetrack: 企业“91650000000000000X”不存在（编号、全称或名称中的一段都没有找到）"
run --db "$db" check --rule NO-SUCH-RULE
expect_rc 1
expect_err "规则 NO-SUCH-RULE 不存在"
run --db "$T/missing.db" check
expect_rc 1
[ -e "$T/missing.db" ] && fail "check created a database"
run check --help
expect_rc 0
expect_out "用法: safetrack check"

# overdue: most late first, Chinese
run --db "$db" overdue --as-of 2026-11-28
expect_rc 0
expect_out "安全生产督办清单  评估日 2026-11-28"
expect_out "应做："
# clauses in the regulation's words
expect_out "年中、年末考核检查（第七章末段）"
grep -q 'closing paragraph\|(accident' "$out" && fail "overdue shows a clause in English"
grep '^已逾期' "$out" | awk '{ print $2 }' > "$T/late"
sort -rn "$T/late" | cmp -s - "$T/late" || fail "overdue not most late first"
run --db "$db" overdue --as-of 2026-11-28 --within 400
expect_rc 0
[ "$(grep -c '^剩余' "$out")" -gt 0 ] || fail "--within lists upcoming deadlines"
run --db "$db" overdue --within -3
expect_rc 1
expect_err "--within: '-3' 不是 0 到 3660 之间的天数"
exit 0
