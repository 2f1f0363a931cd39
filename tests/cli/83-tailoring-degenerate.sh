# A tailoring may set a threshold's own integer (staff_step) to 0: the
# required staff is then not a number for any W.  The rule cannot be
# evaluated (`error`, exit 1) — never a "fail" against an infinite requirement.
. "$TOP/tests/cli/lib.sh"
db="$T/park.db"
run --db "$db" import "$TOP/tests/data/adversarial/staffing"
expect_rc 0
cat >"$T/zero.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<tailoring xmlns="urn:safetrack:tailoring:1" id="zero-step" pack="tacheng-park-safety">
  <title>每档人数为零</title>
  <set rule="ORG-STAFFING" param="staff_step">0</set>
</tailoring>
X
run --db "$db" check --as-of 2026-05-20 --format tsv --rule ORG-STAFFING --tailoring "$T/zero.xml"
expect_rc 1
awk -F'\t' 'NR > 1 && $4 != "error" { exit 1 }' "$out" || fail "staff_step 0 must give error for every park"
grep -q "inf" "$out" && fail "an infinite requirement in a detail"
exit 0
