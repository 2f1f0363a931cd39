# The contract lives in the repository: docs/catalogue.md is what
# `rules catalogue` generates from rules/, README's command table shows every
# command, and nothing points at files outside the repository.
. "$TOP/tests/cli/lib.sh"

# the committed catalogue is the generated one (regenerate with
# ./safetrack rules catalogue > docs/catalogue.md after changing rules/)
run rules catalogue
expect_rc 0
diff -u "$TOP/docs/catalogue.md" "$out" >"$T/catalogue.diff" ||
	fail "docs/catalogue.md is not what 'rules catalogue' generates: $(head -c 2000 "$T/catalogue.diff")"
# one section per rule, every rule of the pack
run rules validate
expect_rc 0
nrules=$(sed -n 's/^[0-9]* 个规则包：\([0-9]*\) 条规则.*/\1/p' "$out")
[ -n "$nrules" ] || fail "no rule count in: $(cat "$out")"
[ "$(grep -c '^### ' "$TOP/docs/catalogue.md")" -eq "$nrules" ] ||
	fail "docs/catalogue.md has $(grep -c '^### ' "$TOP/docs/catalogue.md") rules, the pack $nrules"
for id in INSP-QUARTERLY HAZ-RECTIFY-DEADLINE ORG-STAFFING; do
	grep -q "^### $id " "$TOP/docs/catalogue.md" || fail "docs/catalogue.md lacks $id"
done
# a tailoring shows in the catalogue; a stray argument is refused
run rules catalogue --tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 0
expect_out "（裁剪）"
run rules catalogue extra
expect_rc 1
expect_err "safetrack: 多余的参数 'extra'"

# README's command table has a row for every command `safetrack --help` lists
run --help
expect_rc 0
cmds=$(sed -n '/^命令:/,/^$/p' "$out" | sed -n 's/^  \([a-z]*\) .*/\1/p')
[ "$(echo "$cmds" | wc -l)" -ge 20 ] || fail "too few commands in --help: $cmds"
for c in $cmds; do
	grep -q "^| \`$c[ \`]" "$TOP/README.md" || fail "README's command table has no row for '$c'"
done

# nothing in the repository points outside it (the shared specs are copied
# into docs/regulation/); the pattern is split so that this line does not match
pat='shared''/'
found=$(cd "$TOP" && grep -rIn --exclude-dir=.git --exclude-dir=build --exclude-dir=node_modules \
	--exclude-dir=test-results -- "$pat" . || true)
[ -z "$found" ] || fail "points outside the repository: $found"
exit 0
