# 31-rules-list.sh — `rules list`: every rule once, in id order, aligned,
# deselected rules marked.
. "$TOP/tests/cli/lib.sh"

run rules list
expect_rc 0
[ "$(wc -l <"$out")" -eq 74 ] || fail "expected a header and 73 rules"
head -n 1 "$out" | grep -q '^ID  *条款  *级别  *标题$' || fail "header"
grep -q '^INSP-QUARTERLY  *第三章第4项  *中  *每季度对企业开展安全检查$' "$out" || fail "INSP-QUARTERLY line"
grep -q '^ACC-INVESTIGATION  *第八章第2项、第九章事故处理第2项  *高  *' "$out" || fail "multi-clause line"
grep -q '^INFO-SCOPE  *第十章第1项  *仅供参考  *适用范围$' "$out" || fail "informational line"
# in id order
tail -n +2 "$out" | cut -d' ' -f1 >"$T/ids"
LC_ALL=C sort -c "$T/ids" || fail "not in id order"
[ "$(sort -u "$T/ids" | wc -l)" -eq 73 ] || fail "duplicate ids"
# the clause column starts at the same place on every line
[ "$(awk '{ match($0, /^[^ ]+ +/); print RLENGTH }' "$out" | sort -u | wc -l)" -eq 1 ] ||
	fail "clause column not aligned"
grep -q '（已由裁剪文件停用）' "$out" && fail "nothing is deselected without tailoring"

run rules list --tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 0
grep -q '^CHK-13 .*其他情况（已由裁剪文件停用）$' "$out" || fail "CHK-13 not marked deselected"
[ "$(grep -c '（已由裁剪文件停用）' "$out")" -eq 1 ] || fail "only CHK-13 is deselected"

# a broken pack: the errors, nothing on stdout
mkdir "$T/broken"
cp "$TOP/rules/rulepack.rng" "$TOP/tests/rules/bad/unknown-kind.xml" "$T/broken/"
run --rules "$T/broken" rules list
expect_rc 1
expect_err "$T/broken/unknown-kind.xml:7: 未知的检查类型 'monthly'"
[ ! -s "$out" ] || fail "list printed with a broken pack"
