# A tailoring that would make ORG-STAFFING's requirement degenerate or weaker
# than the regulation — staff_step 0 (no finite requirement), -1 ("staff 5 >=
# required -1185", issue #15 item 2), staff_base -100 — is refused at load with
# the range the rule file declares; check prints no result and exits 1.
. "$TOP/tests/cli/lib.sh"
db="$T/park.db"
run --db "$db" import "$TOP/tests/data/adversarial/staffing"
expect_rc 0
cp "$db" "$T/before.db"
# tailor PARAM VALUE: a tailoring file $T/t.xml setting one parameter
tailor() {
	cat >"$T/t.xml" <<X
<?xml version="1.0" encoding="UTF-8"?>
<tailoring xmlns="urn:safetrack:tailoring:1" id="degenerate" pack="tacheng-park-safety">
  <set rule="ORG-STAFFING" param="$1">$2</set>
</tailoring>
X
}
for c in "staff_step 0 1–200" "staff_step -1 1–200" "staff_step 201 1–200" \
	 "staff_base -100 2–100" "staff_base 1 2–100"; do
	set -- $c
	tailor "$1" "$2"
	run --db "$db" check --as-of 2026-05-20 --format tsv --rule ORG-STAFFING --tailoring "$T/t.xml"
	expect_rc 1
	expect_err "$T/t.xml:3: 规则 ORG-STAFFING 的参数 $1 的值 $2 超出规则文件声明的范围（$3）"
	[ -s "$out" ] && fail "$1=$2: results printed"
	run rules validate --tailoring "$T/t.xml"
	expect_rc 1
	expect_err "超出规则文件声明的范围（$3）"
done
same_db "$db" "$T/before.db"

# within the range a tailoring still applies, and makes the rule stricter
tailor staff_step 100
run --db "$db" check --as-of 2026-05-20 --format tsv --rule ORG-STAFFING --tailoring "$T/t.xml"
[ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] || fail "in-range tailoring refused"
grep -q "inf" "$out" && fail "an infinite requirement in a detail"
run rules show ORG-STAFFING
expect_out "staff_step  200  （允许 1–200）"
exit 0
