# 37-non-regular.sh — a FIFO, a device or a directory given as rule file,
# manifest, tailoring, template or imported stylesheet is refused before it
# is opened for reading (issue #15 item 10): open() of a FIFO without a
# writer would block for ever.  Every run is under a timeout; a hang fails.
. "$TOP/tests/cli/lib.sh"

NOTREG="不是普通文件（可能是目录、管道或设备），拒绝读取"
# trun ARGS...: run with a 20 s limit; 124 (timeout) is a hang
trun() { rc=0; timeout 20 $ST "$@" >"$out" 2>"$err" || rc=$?; [ "$rc" -ne 124 ] || fail "hung: $*"; }

db="$T/park.db"
run --db "$db" import "$SAMPLE"
expect_rc 0
mkfifo "$T/fifo"

# tailoring: a FIFO, a device, a directory
for f in "$T/fifo" /dev/null "$T"; do
	trun rules validate --tailoring "$f"
	expect_rc 1
	expect_err "$f: 无法打开：$NOTREG"
	trun --db "$db" check --as-of 2026-11-28 --tailoring "$f"
	expect_rc 1
	expect_err "$f: 无法打开：$NOTREG"
done

# a rule file and the manifest of a pack
R="$T/rules"
mkdir "$R"
cp "$TOP/rules/"*.xml "$TOP/rules/"*.rng "$TOP/rules/MANIFEST" "$R/"
mv "$R/40-training.xml" "$T/40-training.xml"
mkfifo "$R/40-training.xml"
trun --rules "$R" rules validate
expect_rc 1
expect_err "$R/40-training.xml: 无法打开：$NOTREG"
trun --rules "$R" --db "$db" check --as-of 2026-11-28
expect_rc 1
expect_err "$R/40-training.xml: 无法打开：$NOTREG"
rm "$R/40-training.xml"
mv "$T/40-training.xml" "$R/"
mv "$R/MANIFEST" "$T/MANIFEST"
mkfifo "$R/MANIFEST"
trun --rules "$R" rules list
expect_rc 1
expect_err "$R/MANIFEST: 无法打开：$NOTREG"
rm "$R/MANIFEST"
mv "$T/MANIFEST" "$R/"
trun --rules "$R" rules validate
expect_rc 0

# a template, and a stylesheet a template imports
for f in "$T/fifo" /dev/zero "$T"; do
	trun --db "$db" report park --as-of 2026-11-28 --template "$f" -o "$T/r.html"
	expect_rc 1
	expect_err "$f: 无法读取模板文件: $NOTREG"
	[ -e "$T/r.html" ] && fail "report written with template $f"
done
cat >"$T/imports.xsl" <<X
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="fifo"/>
  <xsl:template match="/"><html/></xsl:template>
</xsl:stylesheet>
X
trun --db "$db" report park --as-of 2026-11-28 --template "$T/imports.xsl" -o "$T/r.html"
expect_rc 1
[ -e "$T/r.html" ] && fail "report written with an import of a FIFO"
exit 0
