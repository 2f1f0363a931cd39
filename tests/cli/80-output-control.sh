# Control characters in the data (tab, CR, LF, SOH, ESC, DEL, U+FFFE — the
# dossier keeps text exactly as written) never break an output contract:
# tsv has 6 fields and no control character, xml is well formed (XML 1.0
# forbids most C0 characters even escaped), json parses, and text output
# sends no escape sequence from the data to the terminal.
. "$TOP/tests/cli/lib.sh"
db="$T/park.db"
run --db "$db" import "$TOP/tests/data/adversarial/control"
expect_rc 0

run --db "$db" check --as-of 2026-05-20 --format tsv
expect_rc 2
awk -F'\t' 'NF != 6 { exit 1 }' "$out" || fail "a tsv line without 6 fields"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$out" && fail "a control character in tsv"
expect_out "企业 一  换行"

run --db "$db" check --as-of 2026-05-20 --format xml
expect_rc 2
xmllint --noout "$out" 2>"$T/xmllint" || { cat "$T/xmllint"; fail "xml not well formed"; }
# the name reads back with the characters XML can carry
python3 -c '
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
n = [s.get("name") for s in r.iter("subject") if s.get("kind") == "enterprise"][0]
assert n.startswith("企业\t一\r\n换行") and n.endswith("\"引号\"<&>]]>\ufffd"), repr(n)
assert "\x01" not in n and "\x1b" not in n, repr(n)
' "$out" || fail "xml name"

run --db "$db" check --as-of 2026-05-20 --format json
expect_rc 2
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any("\x1b" in s["name"] for s in d["subjects"])' "$out" ||
	fail "json must carry the exact name"

run --db "$db" check --as-of 2026-05-20
expect_rc 2
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$out" && fail "a control character in text output"
expect_out "【企业】 企业 一  换行"
exit 0
