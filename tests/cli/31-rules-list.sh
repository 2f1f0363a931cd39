# 31-rules-list.sh — `rules list`: every rule once, grouped by pack (revision
# 2), in id order within a pack, aligned, deselected rules marked.
. "$TOP/tests/cli/lib.sh"

run rules list
expect_rc 0
# a pack heading, a column header and the rules of each pack, a blank line between
[ "$(wc -l <"$out")" -eq 85 ] || fail "expected two packs with 77 and 3 rules"
head -n 1 "$out" | grep -qx '【地方规则包】tacheng-park-safety 1.0.0  塔城地区工业园区安全生产管理暂行规定（77 条）' ||
	fail "local pack heading"
sed -n 2p "$out" | grep -q '^ID  *条款  *级别  *标题$' || fail "header"
grep -qx '【国家规则包】national-safety-regulations 1.0.0  国家安全生产行政法规（摘录）（3 条）' "$out" ||
	fail "national pack heading"
grep -q '^NAT-ACC-REPORT-1H  *第九条  *高  *事故发生后 1 小时内报告（《生产安全事故报告和调查处理条例》）$' "$out" ||
	fail "national rule names its statute"
# the local pack's part, for the checks below
sed -n '2,79p' "$out" >"$T/local"
cp "$T/local" "$out"
grep -q '^INSP-QUARTERLY  *第三章第4项  *中  *每季度对企业开展安全检查$' "$out" || fail "INSP-QUARTERLY line"
grep -q '^ACC-INVESTIGATION  *第八章第2项、第九章事故处理第2项  *高  *' "$out" || fail "multi-clause line"
grep -q '^INFO-SCOPE  *第十章第1项  *仅供参考  *适用范围$' "$out" || fail "informational line"
# in id order
tail -n +2 "$T/local" | cut -d' ' -f1 >"$T/ids"
LC_ALL=C sort -c "$T/ids" || fail "not in id order"
[ "$(sort -u "$T/ids" | wc -l)" -eq 77 ] || fail "duplicate ids"
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
