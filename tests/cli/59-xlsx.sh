# check --format xlsx and overdue --format xlsx: Excel workbooks with a
# sheet per park, a frozen Chinese header row, an autofilter over the table
# and the status cell coloured; read back (an .xlsx is a zip of XML) and
# compared with check's own rows.  Wrong use is refused and changes nothing.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
read_xlsx() { python3 "$TOP/tests/data/xlsx-read.py" "$1" > "$2" || fail "cannot read $1 back"; }

run --db "$db" check --as-of $AS_OF --format xlsx -o "$T/check.xlsx"
expect_rc 2
[ ! -s "$out" ] || fail "xlsx also went to stdout"
read_xlsx "$T/check.xlsx" "$T/check.cells"
run --db "$db" check --as-of $AS_OF --format tsv
tail -n +2 "$out" > "$T/check.tsv"
for p in WSHG EMNF; do
	name=$(sqlite3 "$db" "SELECT name FROM parks WHERE id = '$p'")
	ids=$(sqlite3 "$db" "SELECT id FROM enterprises WHERE park = '$p'"; echo "$p")
	want=$(echo "$ids" | while read -r id; do awk -F'\t' -v id="$id" '$2 == id' "$T/check.tsv"; done | wc -l)
	# a sheet named after the park, one row per result under a frozen header
	got=$(awk -F'\t' -v s="$name" '$1 == s && $3 == "B" && $2 > 1' "$T/check.cells" | wc -l)
	[ "$got" -eq "$want" ] || fail "sheet $name has $got rows, check has $want"
	grep -qx "$name	frozen	1" "$T/check.cells" || fail "sheet $name: header not frozen"
	grep -qx "$name	autofilter	A1:K$((want + 1))" "$T/check.cells" || fail "sheet $name: no autofilter over the table"
	grep -qx "$name	1	A	E6EDF4	对象类型" "$T/check.cells" || fail "sheet $name: header"
	grep -qx "$name	1	G	E6EDF4	状态" "$T/check.cells" || fail "sheet $name: status header"
done
# statuses in Chinese, coloured as in the reports; clauses in words
row=$(awk -F'\t' '$1 == "乌苏市西湖化工园区" && $3 == "D" && $5 == "INSP-HALF-YEAR" { print $2 }' "$T/check.cells" |
	while read -r r; do grep -q "^乌苏市西湖化工园区	$r	G	B3261E	逾期\$" "$T/check.cells" && echo "$r"; done | head -n 1)
[ -n "$row" ] || fail "no overdue INSP-HALF-YEAR row in red"
grep -qx "乌苏市西湖化工园区	$row	F	-	第七章末段" "$T/check.cells" || fail "clause not in words"
grep -qx "乌苏市西湖化工园区	$row	I	-	151" "$T/check.cells" || fail "days late"
# a national rule's clause names its statute (revision 2)
nat=$(awk -F'\t' '$1 == "乌苏市西湖化工园区" && $3 == "D" && $5 == "NAT-SAFETY-LICENCE" { print $2; exit }' "$T/check.cells")
[ -n "$nat" ] || fail "no NAT-SAFETY-LICENCE row"
grep -qx "乌苏市西湖化工园区	$nat	F	-	《安全生产许可证条例》第二条、第九条" "$T/check.cells" ||
	fail "national clause without its statute"
grep -q "	E3F1E0	合格\$" "$T/check.cells" || fail "pass not green"
grep -q "	FFF4D6	即将到期\$" "$T/check.cells" || fail "due-soon not amber"
grep -q "	FDE3E1	不合格\$" "$T/check.cells" || fail "fail not red"

# -o works for the other formats too: the same table as on stdout
run --db "$db" check --as-of $AS_OF --format tsv -o "$T/check-o.tsv"
expect_rc 2
[ ! -s "$out" ] || fail "-o also wrote to stdout"
tail -n +2 "$T/check-o.tsv" | cmp -s - "$T/check.tsv" || fail "check -o gave another table"

# one park only: one sheet
run --db "$db" check --park EMNF --as-of $AS_OF --format xlsx -o "$T/emnf.xlsx"
expect_rc 2
read_xlsx "$T/emnf.xlsx" "$T/emnf.cells"
[ "$(grep -c '	frozen	' "$T/emnf.cells")" -eq 1 ] || fail "--park gave more than one sheet"

# overdue: the chase list, most late first, a sheet per park
run --db "$db" overdue --as-of $AS_OF --format xlsx -o "$T/overdue.xlsx"
expect_rc 0
read_xlsx "$T/overdue.xlsx" "$T/overdue.cells"
run --db "$db" overdue --as-of $AS_OF
n=$(grep -c '^已逾期\|^剩余' "$out")
[ "$(awk -F'\t' '$3 == "A" && $2 > 1' "$T/overdue.cells" | wc -l)" -eq "$n" ] || fail "overdue rows differ"
expect_out "NAT-SAFETY-LICENCE 危险化学品生产企业持有效安全生产许可证并按期申请延期（《安全生产许可证条例》第二条、第九条）"
late=$(awk -F'\t' '$1 == "乌苏市西湖化工园区" && $3 == "B" && $2 > 1 { print $5 }' "$T/overdue.cells")
[ "$(printf '%s\n' $late | head -n 1)" = 332 ] || fail "overdue sheet not most late first"
grep -qx "乌苏市西湖化工园区	1	K	E6EDF4	应做" "$T/overdue.cells" || fail "overdue header"
grep -q "autofilter	A1:K" "$T/overdue.cells" || fail "overdue autofilter"

# wrong use: nothing written, the database unchanged
cp "$db" "$T/before.db"
run --db "$db" check --as-of $AS_OF --format xlsx
expect_rc 1
expect_err "xlsx 格式须用 -o FILE 指定输出文件"
run --db "$db" overdue --format xlsx
expect_rc 1
expect_err "xlsx 格式须用 -o FILE 指定输出文件"
run --db "$db" overdue -o "$T/x.xlsx"
expect_rc 1
expect_err "-o 只用于 --format xlsx"
run --db "$db" overdue --format csv -o "$T/x.xlsx"
expect_rc 1
expect_err "safetrack: --format: 'csv' 应为 text、tsv、json 或 xlsx"
run --db "$db" check --as-of $AS_OF --format xlsx -o "$db"
expect_rc 1
expect_err "不能作为输出文件"
run --db "$db" check --as-of $AS_OF --format xlsx -o "$T/nodir/x.xlsx"
expect_rc 1
run --db "$db" check --enterprise 91654202MA775B3K6X --format xlsx -o "$T/x.xlsx"
expect_rc 1
expect_err "safetrack: 企业“91654202MA775B3K6X”不存在（编号、全称或名称中的一段都没有找到）"
[ ! -e "$T/x.xlsx" ] && [ ! -e "$T/nodir" ] || fail "a refused workbook left a file"
[ -z "$(ls "$T" | grep '\.xlsx\.')" ] || fail "temporaries left: $(ls "$T")"
same_db "$db" "$T/before.db"
exit 0
