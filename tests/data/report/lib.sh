# lib.sh — helpers for the report CLI tests (tests/cli/5*-report-*.sh),
# sourced after tests/cli/lib.sh.
#
#   import_sample          import the sample dossier into $db
#   has FILE TEXT          FILE contains TEXT (fixed string)
#   hasnt FILE TEXT        FILE does not contain TEXT
#   xp FILE XPATH          evaluate XPATH on the HTML report FILE (libxml2's HTML parser)
#   xp_is FILE XPATH WANT  ... and the result is WANT
#   rule_text ID ELEMENT   the text of a rule's clause-text or remediation in rules/*.xml
#   status_zh STATUS       the Chinese name of a status
#   self_contained FILE    FILE fetches nothing: no script, link, img, src=, url(, @import
export SAFETRACK_TEMPLATES="$TOP/templates"
AS_OF=2026-11-28
db="$T/park.db"

import_sample() { run --db "$db" import "$SAMPLE"; expect_rc 0; }
has() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }
hasnt() { ! grep -qF -- "$2" "$1" || fail "$1 contains: $2"; }
xp() { xmllint --html --xpath "$2" "$1" 2>/dev/null; }
xp_is() {
	got=$(xp "$1" "$2")
	[ "$got" = "$3" ] || fail "$1: $2 is '$got', expected '$3'"
}
rule_text() {
	for f in "$TOP"/rules/*.xml; do
		xmllint --xpath "string(//*[local-name()='rule'][@id='$1']/*[local-name()='$2'])" "$f"
	done 2>/dev/null | grep -v '^$' | head -n 1
}
status_zh() {
	case $1 in
	pass) echo 合格 ;; due-soon) echo 即将到期 ;; fail) echo 不合格 ;; overdue) echo 逾期 ;;
	not-applicable) echo 不适用 ;; not-checked) echo 未核查 ;; error) echo 无法评估 ;;
	esac
}
self_contained() {
	! grep -Eiq '<(script|link|img|iframe|object|embed)|src=|url\(|@import' "$1" ||
		fail "$1 refers to something outside the file"
}
