# Hostile rule and tailoring files: external entities (file and parameter
# entities), an external DTD, billion laughs, XInclude, an undeclared entity,
# deep nesting and a huge file.  Each is refused with FILE:LINE and exit 1,
# in well under a second, and nothing from the files they point at reaches
# the output.
. "$TOP/tests/cli/lib.sh"

secret=SECRET-7f3a9c
echo "$secret" >"$T/secret.txt"
printf '<!ENTITY leak "%s">\n' "$secret" >"$T/evil.dtd"
ns='xmlns="urn:safetrack:rules:1"'
tns='xmlns="urn:safetrack:tailoring:1"'

# $1 name, $2 root element (rulepack or tailoring), $3 attributes, $4 the
# DOCTYPE (or nothing), $5 the title's content
hostile() {
	{
		echo '<?xml version="1.0"?>'
		[ -n "$4" ] && echo "$4"
		echo "<$2 $3><title>$5</title></$2>"
	} >"$T/$1.xml"
}
laughs='<!DOCTYPE R [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>'

# one hostile file of each kind, as a rule file ($1 = rulepack) or as a
# tailoring file ($1 = tailoring)
make_all() {
	root=$1 attrs=$2
	hostile laughs "$root" "$attrs" "$laughs" '&g;'
	hostile xxe "$root" "$attrs" "<!DOCTYPE R [ <!ENTITY x SYSTEM \"file://$T/secret.txt\"> ]>" '&x;'
	hostile pe "$root" "$attrs" "<!DOCTYPE R [ <!ENTITY % p SYSTEM \"file://$T/evil.dtd\"> %p; ]>" '&leak;'
	hostile dtd "$root" "$attrs" "<!DOCTYPE R SYSTEM \"file://$T/evil.dtd\">" '&leak;'
	hostile net "$root" "$attrs" '<!DOCTYPE R SYSTEM "http://127.0.0.1:9/evil.dtd">' 't'
	hostile undeclared "$root" "$attrs" '' '&leak;'
	hostile xinclude "$root" "$attrs xmlns:xi=\"http://www.w3.org/2001/XInclude\"" '' \
		"<xi:include href=\"file://$T/secret.txt\" parse=\"text\"/>"
	# 10000 nested elements: past libxml2's depth limit
	awk -v r="$root" -v a="$attrs" 'BEGIN {
		printf "<%s %s><title>", r, a
		for (i = 0; i < 10000; i++) printf "<x>"
		for (i = 0; i < 10000; i++) printf "</x>"
		printf "</title></%s>\n", r }' >"$T/deep.xml"
	# a 20 MB rule file
	awk -v r="$root" -v a="$attrs" 'BEGIN {
		printf "<%s %s><title>", r, a
		s = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		for (i = 0; i < 320000; i++) print s
		printf "</title></%s>\n", r }' >"$T/huge.xml"
}

cases="laughs xxe pe dtd net undeclared xinclude deep huge"
# refused: exit 1 within 5 s, FILE:LINE message, no secret in the output
refused() {
	expect_rc 1
	grep -q "$1:[0-9]*: " "$err" || grep -q "$1: " "$err" || fail "no FILE:LINE message for $1"
	! grep -q -e "$secret" "$out" "$err" || fail "$1: the secret reached the output"
	# DTD tricks are refused as such, before anything is resolved
	case $2 in
	laughs | xxe | pe) expect_err "拒绝读取" && expect_err "声明了实体" ;;
	dtd | net) expect_err "拒绝读取" && expect_err "外部 DTD" ;;
	huge) expect_err "文件过大" ;;
	esac
}

# as rule files: the only *.xml of a pack directory
make_all rulepack "$ns id=\"p\" version=\"1\""
for c in $cases; do
	rm -rf "$T/pack"
	mkdir "$T/pack"
	cp "$TOP/rules/rulepack.rng" "$TOP/rules/tailoring.rng" "$T/pack/"
	cp "$T/$c.xml" "$T/pack/$c.xml"
	start=$(date +%s)
	run rules validate "$T/pack"
	[ $(($(date +%s) - start)) -le 5 ] || fail "rule file $c took too long"
	refused "$T/pack/$c.xml" $c
	echo "rule file $c: $(head -n 1 "$err")"
done

# as tailoring files of the real pack, for validate and for check
make_all tailoring "$tns id=\"t\" pack=\"tacheng-park-safety\""
run --db "$T/park.db" import "$TOP/tests/data/dossier/good"
expect_rc 0
for c in $cases; do
	run rules validate --tailoring "$T/$c.xml"
	refused "$T/$c.xml" $c
	# check reads the tailoring the same way; under a wrapper (valgrind) the
	# validate runs above stand for it
	if [ -z "${TEST_WRAPPER:-}" ]; then
		run --db "$T/park.db" check --as-of 2026-11-28 --tailoring "$T/$c.xml"
		refused "$T/$c.xml" $c
	fi
	echo "tailoring $c: $(head -n 1 "$err")"
done
exit 0
