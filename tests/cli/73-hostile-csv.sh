# Hostile CSV: a line longer than the 1 MiB limit, a quoted cell that grows
# past it over many lines, NUL bytes, invalid UTF-8 (a stray byte, an
# overlong form, a UTF-16 surrogate, a sequence cut off at the end of the
# file), a UTF-16 file and a binary file.  Each import is refused as a whole
# with FILE:LINE and exit 1, and the database is unchanged.
. "$TOP/tests/cli/lib.sh"

run --db "$T/park.db" import "$TOP/tests/data/dossier/good"
expect_rc 0
dump_db "$T/park.db" >"$T/before.sql"
hdr='id,name,established,director,safety_staff,plan_signed,plan_filed'

# $1 case name, $2 the expected line, $3 a fixed string the message holds;
# parks.csv of the dossier $T/$1 is already written
refused() {
	cp "$TOP/tests/data/dossier/good/enterprises.csv" "$T/$1/"
	run --db "$T/park.db" import "$T/$1"
	expect_rc 1
	expect_err "parks.csv:$2: "
	expect_err "$3"
	expect_err "数据库未作任何修改"
	dump_db "$T/park.db" | cmp -s - "$T/before.sql" || fail "$1: the database changed"
	echo "$1: $(head -n 1 "$err")"
}
case_dir() { rm -rf "$T/$1"; mkdir "$T/$1"; }

case_dir long
{ echo "$hdr"; echo "P1,园区,2019-05-01,,,,"; printf 'P2,'; head -c 1100000 /dev/zero | tr '\0' x; echo ',2019-05-01,,,,'; } \
	>"$T/long/parks.csv"
refused long 3 "超过"

case_dir longcell
awk -v h="$hdr" 'BEGIN { print h; printf "P2,\""
	s = sprintf("%1000s", ""); gsub(/ /, "y", s)
	for (i = 0; i < 1200; i++) print s
	print "\",2019-05-01,,,," }' >"$T/longcell/parks.csv"
refused longcell 2 "超过"

case_dir nul
printf '%s\nP1,园\000区,2019-05-01,,,,\n' "$hdr" >"$T/nul/parks.csv"
refused nul 2 "NUL"

case_dir stray
printf '%s\nP1,ok,2019-05-01,,,,\nP2,\377\376,2019-05-01,,,,\n' "$hdr" >"$T/stray/parks.csv"
refused stray 3 "UTF-8"

case_dir overlong
printf '%s\nP1,\300\257etc,2019-05-01,,,,\n' "$hdr" >"$T/overlong/parks.csv"
refused overlong 2 "UTF-8"

case_dir surrogate
printf '%s\nP1,\355\240\200,2019-05-01,,,,\n' "$hdr" >"$T/surrogate/parks.csv"
refused surrogate 2 "UTF-8"

case_dir cut
printf '%s\nP1,园区,2019-05-01,,,,\nP2,\345\233' "$hdr" >"$T/cut/parks.csv"
refused cut 3 "UTF-8"

# a spreadsheet's "Unicode text": UTF-16 with its BOM
case_dir utf16
printf '\377\376i\000d\000\n\000' >"$T/utf16/parks.csv"
refused utf16 1 "NUL"

# not a text file at all
case_dir binary
head -c 4096 "$SAFETRACK" >"$T/binary/parks.csv"
run --db "$T/park.db" import "$T/binary"
expect_rc 1
expect_err "parks.csv:"
dump_db "$T/park.db" | cmp -s - "$T/before.sql" || fail "binary: the database changed"

# bad rows of every kind at once: the first 20 are listed, the count is told
case_dir many
{ echo "$hdr"; i=0; while [ $i -lt 50 ]; do echo "Q$i,n,2019-02-30,,,,"; i=$((i + 1)); done; } \
	>"$T/many/parks.csv"
refused many 2 "established"
[ "$(grep -c '^parks.csv:' "$err")" -eq 20 ] || fail "expected the first 20 errors"
expect_err "50 个错误"
exit 0
