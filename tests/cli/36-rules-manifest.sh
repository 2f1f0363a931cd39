# 36-rules-manifest.sh — the pack's MANIFEST (issue #15 item 1): a rule file
# removed, added or changed is an error naming it, in `rules validate` and
# at every load (check), never a smaller pack that passes; `rules manifest`
# rewrites it only for a pack that validates.
. "$TOP/tests/cli/lib.sh"

db="$T/park.db"
run --db "$db" import "$SAMPLE"
expect_rc 0
R="$T/rules"
mkdir "$R"
cp "$TOP/rules/"*.xml "$TOP/rules/"*.rng "$TOP/rules/MANIFEST" "$R/"
export SAFETRACK_RULES="$R"

# the shipped manifest matches the shipped pack
run rules validate
expect_rc 0
expect_out "校验通过"
n=$(sed -n 's/^rules //p' "$R/MANIFEST")
expect_out "：$n 条规则"

# the reproduction: a rule file removed
mv "$R/30-inspection.xml" "$T/30-inspection.xml"
run rules validate
expect_rc 1
expect_err "$R/30-inspection.xml: 清单中列出的文件缺失（清单第"
[ -s "$out" ] && fail "validate printed a summary for a broken pack"
cp "$db" "$T/before.db"
run --db "$db" check --as-of 2026-11-28 --format tsv
expect_rc 1
expect_err "$R/30-inspection.xml: 清单中列出的文件缺失"
[ -s "$out" ] && fail "check printed results from a partial pack"
same_db "$db" "$T/before.db"
mv "$T/30-inspection.xml" "$R/"

# a file added: named
cp "$TOP/tests/rules/good/pack.xml" "$R/60-local.xml"
run --db "$db" check --as-of 2026-11-28
expect_rc 1
expect_err "$R/60-local.xml: 清单中没有这个文件（多出的文件"
rm "$R/60-local.xml"

# a file changed, even by a comment: named, at load and in validate
printf '<!-- edited -->\n' >>"$R/20-projects.xml"
run rules list
expect_rc 1
expect_err "$R/20-projects.xml: 文件内容与清单不符（已改动；确认改动无误后运行 safetrack rules manifest 更新清单）"
run rules validate
expect_rc 1
expect_err "$R/20-projects.xml: 文件内容与清单不符"

# after review the maintainer rewrites the manifest; then it loads again
cp "$R/MANIFEST" "$T/MANIFEST.old"
run rules manifest
expect_rc 0
expect_out "已写入 $R/MANIFEST：$n 条规则"
cmp -s "$R/MANIFEST" "$T/MANIFEST.old" && fail "manifest not rewritten"
grep -v '^[#r]' "$R/MANIFEST" | (cd "$R" && sha256sum -c --quiet) || fail "digests differ from sha256sum"
# readable by every user who runs checks, like the rule files beside it
[ "$(stat -c %a "$R/MANIFEST")" = 644 ] || fail "manifest mode $(stat -c %a "$R/MANIFEST"), not 644"
run --db "$db" check --as-of 2026-11-28 --format tsv
expect_rc 2

# a pack that does not validate gets no manifest: the old one stays
cp "$R/MANIFEST" "$T/MANIFEST.good"
sed -i 's/severity="high"/severity="urgent"/' "$R/10-park.xml"
run rules manifest "$R"
expect_rc 1
expect_err "不符合格式（rulepack.rng）"
expect_err "safetrack: 规则包未通过校验，清单未改动"
cmp -s "$R/MANIFEST" "$T/MANIFEST.good" || fail "manifest changed for an invalid pack"
ls -a "$R" | grep -q '^\.MANIFEST\|^MANIFEST\.lock' && fail "temporary manifest left behind"

# a tailoring file is not part of the pack
run rules manifest --tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 1
expect_err "裁剪文件不属于规则包"
exit 0
