# report --template: a user's own stylesheet gets the documented document,
# may use EXSLT and import templates/common.xsl; xsl:message goes to stderr.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample

run --db "$db" report park --park WSHG --as-of $AS_OF --template "$TOP/tests/data/report/xsl/summary.xsl" -o "$T/summary.txt"
expect_rc 0
expect_err "safetrack: 模板: 总计 "
f="$T/summary.txt"
has "$f" "report=park"
has "$f" "as-of=$AS_OF"
# closed enterprises are not counted
has "$f" "enterprises=$(grep ',WSHG,' "$SAMPLE/enterprises.csv" | grep -vc ',closed,')"
run --db "$db" check --park WSHG --as-of $AS_OF --format tsv
has "$f" "overdue=$(awk -F'\t' '$4 == "overdue"' "$out" | wc -l)"
grep -q '^rate=[0-9][0-9.]*%$' "$f" || fail "no compliance rate"
grep -q '^most-findings=[1-9]' "$f" || fail "math:max gave nothing"
has "$f" "***"
exit 0
