# Spreadsheet formula injection: text cells that begin with = + - or @ are
# written by export with one leading apostrophe, so a spreadsheet shows them
# as text; import removes exactly one, so the round trip is lossless — also
# for text that itself begins with apostrophes.  Ids can be attacked too.
. "$TOP/tests/cli/lib.sh"

mkdir "$T/in"
cat >"$T/in/parks.csv" <<'CSV'
id,name,established,director,safety_staff,plan_signed,plan_filed
@P1,"=HYPERLINK(""http://example.invalid/"",""点击"")",2019-05-01,+86 王建国,3,,
P2,-1+2 园区,2019-05-01,'=已防护,,,
P3,''+两个撇号,2019-05-01,'纯撇号,,,
CSV
cat >"$T/in/enterprises.csv" <<'CSV'
id,name,park,principal,employees,hazchem,major_hazard,major_hazard_owner,status,operating_since,committee_member
91654200MA7A1B2C3W,=cmd|' /C calc'!A0,@P1,@SUM(A1:A9),420,hazardous,yes,"-2, 赵强",operating,2020-03-01,yes
CSV
cat >"$T/in/inspections.csv" <<'CSV'
id,enterprise,date,kind,inspectors,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item13,notes
=INSP-1,91654200MA7A1B2C3W,2026-03-10,quarterly,+张三,pass,pass,pass,pass,fail,pass,pass,pass,pass,pass,pass,pass,na,"=1+2
@第二行"
CSV

run --db "$T/a.db" import "$T/in"
expect_rc 0
# stored as the user meant: one guarding apostrophe removed, no more
q() { sqlite3 "$T/a.db" "$1"; }
[ "$(q "SELECT name FROM parks WHERE id = '@P1'")" = '=HYPERLINK("http://example.invalid/","点击")' ] ||
	fail "park name stored wrongly: $(q "SELECT name FROM parks WHERE id = '@P1'")"
[ "$(q "SELECT director FROM parks WHERE id = 'P2'")" = '=已防护' ] || fail "guard not removed on import"
[ "$(q "SELECT name FROM parks WHERE id = 'P3'")" = "'+两个撇号" ] || fail "more than one apostrophe removed"
[ "$(q "SELECT director FROM parks WHERE id = 'P3'")" = "'纯撇号" ] || fail "an apostrophe before plain text was removed"
[ "$(q "SELECT principal FROM enterprises")" = '@SUM(A1:A9)' ] || fail "principal stored wrongly"
[ "$(q "SELECT id FROM inspections")" = '=INSP-1' ] || fail "inspection id stored wrongly"

run --db "$T/a.db" export "$T/out1"
expect_rc 0
# Every cell that starts (after an opening quote) with = + - @ is guarded.
# The scan follows RFC 4180 quoting across lines: a line inside a quoted
# cell starts no cell.
unguarded() {
	awk '
	BEGIN { start = 1; quoted = 0 }
	{ n = length($0)
	  for (i = 1; i <= n; i++) {
	    ch = substr($0, i, 1)
	    if (start && !quoted && ch == "\"") { quoted = 1; continue }
	    if (start && index("=+-@", ch)) { print FILENAME ":" FNR ": " $0; bad = 1 }
	    start = 0
	    if (quoted) {
	      if (ch == "\"") {
	        if (substr($0, i + 1, 1) == "\"") { i++; continue }
	        quoted = 0
	      }
	      continue
	    }
	    if (ch == ",") start = 1
	  }
	  if (!quoted) start = 1 }
	END { exit bad }' "$@"
}
unguarded "$T"/out1/*.csv || fail "export left a formula cell unguarded"
# the scan itself finds an unguarded cell
printf 'a,"b\n=c",=d\n' >"$T/probe.csv"
! unguarded "$T/probe.csv" >/dev/null || fail "the scan misses an unguarded cell"
grep -qF "'@P1,\"'=HYPERLINK(" "$T/out1/parks.csv" || fail "park row not guarded as expected"
grep -qF "P3,''+两个撇号" "$T/out1/parks.csv" || fail "apostrophes not preserved"
grep -qF "'纯撇号" "$T/out1/parks.csv" || fail "plain apostrophe text changed"
grep -qF "\"'=1+2" "$T/out1/inspections.csv" || fail "multi-line note not guarded"

# export -> import -> export: the same records, byte-identical files
run --db "$T/b.db" import "$T/out1"
expect_rc 0
same_db "$T/a.db" "$T/b.db"
run --db "$T/b.db" export "$T/out2"
expect_rc 0
diff -r "$T/out1" "$T/out2" || fail "the round trip changed the files"
exit 0
