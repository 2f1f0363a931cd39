# export → import into an empty database → export is byte-identical
. "$TOP/tests/cli/lib.sh"
GOOD="$TOP/tests/data/dossier/good"

run --db "$T/a.db" import "$GOOD"
expect_rc 0
# values a spreadsheet would take for formulas, one that really starts with '=
sqlite3 "$T/a.db" "UPDATE meetings SET minutes = '''=1+1 不是公式' WHERE id = 'M-1';
	UPDATE hazards SET measures = '-先断电, 再\"检修\"' WHERE id = 'HAZ-1';
	UPDATE workers SET special_operation = '@x' WHERE id = 'W-2'" 2>"$T/sqlerr" &&
	fail "an UPDATE outside safetrack must fail: the history guard needs st_history()"
grep -q "no such function: st_history" "$T/sqlerr" || fail "unexpected sqlite3 error: $(cat "$T/sqlerr")"

mkdir "$T/edit"
cp "$GOOD"/*.csv "$T/edit/"
cat >"$T/edit/meetings.csv" <<'EOT'
id,park,date,kind,minutes
M-1,P1,2026-01-15,quarterly,'''=1+1 不是公式
M-2,P1,2026-02-20,joint,=SUM(A1:A3)
M-3,P1,2026-03-20,joint,"'+86 电话, 见附件"
EOT
run --db "$T/a.db" import "$T/edit"
expect_rc 0
[ "$(sqlite3 "$T/a.db" "SELECT minutes FROM meetings WHERE id = 'M-1'")" = "''=1+1 不是公式" ] ||
	fail "one apostrophe stripped, not more"
[ "$(sqlite3 "$T/a.db" "SELECT minutes FROM meetings WHERE id = 'M-2'")" = "=SUM(A1:A3)" ] ||
	fail "a formula-like cell without apostrophe is kept as it is"
[ "$(sqlite3 "$T/a.db" "SELECT minutes FROM meetings WHERE id = 'M-3'")" = "+86 电话, 见附件" ] ||
	fail "quoted guarded cell"

run --db "$T/a.db" export "$T/one"
expect_rc 0
expect_out "共 21 行。"
run --db "$T/b.db" import "$T/one"
expect_rc 0
run --db "$T/b.db" export "$T/two"
expect_rc 0
diff -r "$T/one" "$T/two" >/dev/null || fail "export → import → export differs: $(diff -r "$T/one" "$T/two" | head)"

# every file, header in spec order, LF, no BOM, sorted by id, guarded
[ "$(ls "$T/one" | wc -l)" -eq 15 ] || fail "not every file written"
[ "$(head -n 1 "$T/one/parks.csv")" = "id,name,established,director,safety_staff,plan_signed,plan_filed" ] ||
	fail "parks header"
! grep -q "$(printf '\r')" "$T/one"/*.csv || fail "CR in export"
[ "$(head -c 3 "$T/one/parks.csv")" = "id," ] || fail "BOM in export"
grep -qx "M-1,P1,2026-01-15,quarterly,'''=1+1 不是公式,," "$T/one/meetings.csv" || fail "M-1 not guarded"
grep -qx "M-2,P1,2026-02-20,joint,'=SUM(A1:A3),," "$T/one/meetings.csv" || fail "M-2 not guarded"
grep -qx "M-3,P1,2026-03-20,joint,\"'+86 电话, 见附件\",," "$T/one/meetings.csv" || fail "M-3 not guarded"
[ "$(cut -d, -f1 "$T/one/meetings.csv" | tail -n +2 | tr '\n' ' ')" = "M-1 M-2 M-3 " ] || fail "order"
[ "$(sed -n 2p "$T/one/hazards.csv")" = "HAZ-1,91654200MA7A1B2C3W,INSP-1,5,2026-03-10,消防通道堵塞,general,清理通道,2000,赵强,2026-03-20,2026-03-18,张三,,,," ] ||
	fail "hazard row"
grep -q '^D-1,P1,2025-09-20,91654200MA7A1B2C3W;91654200MA7A1B2C40,,$' "$T/one/drills.csv" || fail "drill row"

# an empty store exports every file with its header only
mkdir "$T/headers"
printf 'id,name,established\n' > "$T/headers/parks.csv"
run --db "$T/empty.db" import "$T/headers"
expect_rc 0
run --db "$T/empty.db" export "$T/three"
expect_rc 0
expect_out "共 0 行。"
[ "$(wc -l <"$T/three/letters.csv")" -eq 1 ] || fail "empty export"

# exporting reads only: a missing database is an error and is not created
run --db "$T/none.db" export "$T/four"
expect_rc 1
expect_err "数据库 $T/none.db 不存在"
[ ! -e "$T/none.db" ] || fail "read-only command created the database"
run export
expect_rc 1
expect_err "用法: safetrack export DIR"
