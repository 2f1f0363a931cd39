# HTML and script in every text field of every report.  Every free-text
# column of every record kind in the sample dossier gets a payload naming
# the column — a script element, an img with an onerror handler, quotes and
# an ampersand — and every report (park, each enterprise, quarter) is made
# from it.  No report may contain an element or an event handler that came
# from data; the payloads must appear as text.  Last, a stylesheet that
# follows paths found in the data can neither read nor write files.
. "$TOP/tests/cli/lib.sh"
export SAFETRACK_TEMPLATES="$TOP/templates"
AS_OF=2026-11-28
# Under a wrapper (valgrind: each report takes seconds) one quarter and
# three enterprises stand for all; the plain and sanitizer runs do every one.
quarters="2026-Q1 2026-Q2 2026-Q3 2026-Q4" limit=""
[ -n "${TEST_WRAPPER:-}" ] && quarters="2026-Q3" limit="LIMIT 3"

run --db "$T/a.db" import "$SAMPLE"
expect_rc 0
# Write the payloads with sqlite3 into a copy (without the history triggers,
# which only safetrack's connections can run): every TEXT column that is not
# a key or a reference; UPDATE OR IGNORE skips the rows where a CHECK
# (a date, an enum) refuses the payload.
cp "$T/a.db" "$T/b.db"
sqlite3 "$T/b.db" "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_master WHERE type = 'trigger'" |
	sqlite3 "$T/b.db"
# (revision 2: licences and waivers too; a waiver's subject and rule are
# references the import checks, like the foreign keys)
for t in parks enterprises inspections hazards evaluations projects workers certificates \
	equipment accidents meetings drills letters licences waivers; do
	sqlite3 "$T/b.db" "SELECT c.name FROM pragma_table_info('$t') c WHERE c.type = 'TEXT'
		AND c.pk = 0 AND c.name NOT IN (SELECT \"from\" FROM pragma_foreign_key_list('$t'))
		AND ('$t' <> 'waivers' OR c.name NOT IN ('subject', 'rule'))" |
	while read -r c; do
		echo "UPDATE OR IGNORE \"$t\" SET \"$c\" = coalesce(\"$c\", '') ||
			' <script>alert(\"$t.$c\")</script><img src=x onerror=alert(2)>\"''&amp;';"
	done
done >"$T/payload.sql"
sqlite3 "$T/b.db" <"$T/payload.sql"
# ... and bring them in the way a user would: through export and import
run --db "$T/b.db" export "$T/dossier"
expect_rc 0
run --db "$T/park.db" import "$T/dossier"
expect_rc 0
fields=$(sqlite3 "$T/park.db" .dump | grep -o 'alert("[a-z_]*\.[a-z_]*")' | sort -u | wc -l)
[ "$fields" -ge 15 ] || fail "only $fields text fields carry the payload"
for f in waivers.reason waivers.approved_by licences.number; do
	sqlite3 "$T/park.db" .dump | grep -qF "alert(\"$f\")" || fail "$f carries no payload"
done

# $1: an HTML report.  No element or attribute from data; payload as text.
clean() {
	[ -s "$1" ] || fail "$1 is empty"
	n=$(xmllint --html --xpath 'count(//script | //img | //iframe | //object | //embed | //@*[starts-with(name(), "on")] | //@href[starts-with(normalize-space(.), "javascript:")])' "$1" 2>/dev/null)
	[ "$n" = 0 ] || fail "$1: $n elements or handlers came from data"
	! grep -qiE '<(script|img)[ >]' "$1" || fail "$1: markup from data"
	grep -qF '&lt;script&gt;alert(' "$1" || fail "$1: no payload shown as text"
	grep -o 'alert(&quot;[a-z_]*\.[a-z_]*&quot;)\|alert("[a-z_]*\.[a-z_]*")' "$1" |
		sed 's/alert(&quot;//; s/alert("//; s/&quot;)//; s/")//' >>"$T/shown"
}

: >"$T/shown"
for park in $(sqlite3 "$T/park.db" "SELECT id FROM parks ORDER BY id"); do
	run --db "$T/park.db" report park --park "$park" --as-of $AS_OF -o "$T/park-$park.html"
	expect_rc 0
	clean "$T/park-$park.html"
	for q in $quarters; do
		run --db "$T/park.db" report quarter "$q" --park "$park" --as-of $AS_OF -o "$T/q-$park-$q.html"
		expect_rc 0
		clean "$T/q-$park-$q.html"
	done
done
for e in $(sqlite3 "$T/park.db" "SELECT id FROM enterprises ORDER BY id $limit"); do
	run --db "$T/park.db" report enterprise "$e" --as-of $AS_OF -o "$T/e-$e.html"
	expect_rc 0
	clean "$T/e-$e.html"
done
# A stylesheet that follows a path found in the data — document() to read
# a file, exsl:document to write one — is stopped by the report's XSLT
# security settings: nothing is read, nothing written, exit 1.
echo "SECRET-42" >"$T/secret.txt"
mkdir "$T/x"
printf 'id,name,established,director,safety_staff,plan_signed,plan_filed\nP1,file://%s/secret.txt,2019-05-01,,3,,\n' \
	"$T" >"$T/x/parks.csv"
run --db "$T/x.db" import "$T/x"
expect_rc 0
cat >"$T/follow.xsl" <<EOX
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:text>read:</xsl:text>
    <xsl:value-of select="document(string((//@*[contains(., 'secret.txt')] | //*[not(*)][contains(., 'secret.txt')])[1]))"/>
    <exsl:document href="$T/written.txt" method="text">written</exsl:document>
  </xsl:template>
</xsl:stylesheet>
EOX
run --db "$T/x.db" report park --as-of $AS_OF --template "$T/follow.xsl" -o "$T/follow.out"
expect_rc 1
expect_err "safetrack: 模板"
! grep -rqs SECRET-42 "$out" "$err" "$T/follow.out" || fail "the template read the file"
[ ! -e "$T/written.txt" ] || fail "the template wrote a file"

# a waiver's reason and approver reach the reports (the waived result's
# detail), a licence's number the enterprise report's records
for f in waivers.reason waivers.approved_by licences.number; do
	grep -qx "$f" "$T/shown" || fail "$f shown in no report"
done
echo "text fields shown in some report, always escaped:"
sort -u "$T/shown" | tr '\n' ' '
echo
exit 0
