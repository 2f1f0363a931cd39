# 61-generate-import.sh — a generated dossier imports cleanly, exports back to
# the same bytes, and can be checked.
. "$TOP/tests/cli/lib.sh"

run generate --enterprises 8 --years 3 --seed 61 --park-size 3 "$T/gen"
expect_rc 0

run --db "$T/db" import "$T/gen"
expect_rc 0
expect_out "enterprises.csv"

run --db "$T/db" export "$T/out"
expect_rc 0
diff -r "$T/gen" "$T/out" >/dev/null || fail "export of a generated dossier differs from it"

# realistic data: some obligation is failed or overdue somewhere
run --db "$T/db" check --as-of 2026-11-28 --format tsv
expect_rc 2
expect_out "kind	subject	rule	status	due	detail"
ent=$(sed -n '2s/,.*//p' "$T/gen/enterprises.csv")
grep -q "^enterprise	$ent	INSP-QUARTERLY	" "$out" || fail "no INSP-QUARTERLY row for $ent"
exit 0
