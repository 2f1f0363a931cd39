# 36-rules-manifest.sh — the pack's MANIFEST (issue #15 item 1): a rule file
# removed, added or changed is an error naming it, in `rules validate` and
# at every load (check), never a smaller pack that passes; `rules manifest`
# rewrites it only for a pack that validates.
. "$TOP/tests/cli/lib.sh"

db="$T/park.db"
run --db "$db" import "$SAMPLE"
expect_rc 0
# a copy of the shipped pack in a new directory
copy_pack() { mkdir "$1" && cp "$TOP/rules/"*.xml "$TOP/rules/"*.rng "$TOP/rules/MANIFEST" "$1/"; }
R="$T/rules"
copy_pack "$R"
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
# the file status record (issue #14 target 2): a load records the digests
# of files that have settled (changed more than 2 s before it), and later
# loads take them from it while a file's status is unchanged
R2="$T/rules2"
copy_pack "$R2"
export SAFETRACK_RULES="$R2"
run rules list
expect_rc 0
[ -e "$R2/.manifest-stat" ] && fail "digests of files changed a moment ago recorded"
[ -e "$R2/.pack-cache" ] && fail "pack cached from files changed a moment ago"
sleep 3
run rules list
expect_rc 0
[ "$(grep -vc '^#' "$R2/.manifest-stat")" = "$(ls "$R2"/*.xml "$R2"/*.rng | wc -l)" ] ||
	fail "record: $(cat "$R2/.manifest-stat")"
cp "$R2/.manifest-stat" "$T/stat.1"
# ... and the pack as built, which the next loads read instead of the XML
[ -s "$R2/.pack-cache" ] || fail "no pack cache"
run rules list
expect_rc 0
cp "$out" "$T/list.cached"
run rules show ORG-STAFFING
expect_rc 0
sed "s|$R2/|DIR/|" "$out" >"$T/show.cached"
# the same from the XML: a fresh copy (files changed a moment ago are read)
copy_pack "$T/rules3"
SAFETRACK_RULES="$T/rules3" run rules list
cmp -s "$out" "$T/list.cached" || fail "rules list differs between the cache and the XML"
SAFETRACK_RULES="$T/rules3" run rules show ORG-STAFFING
sed "s|$T/rules3/|DIR/|" "$out" | cmp -s - "$T/show.cached" ||
	fail "rules show differs between the cache and the XML"
[ -e "$T/rules3/.pack-cache" ] && fail "pack cached from files changed a moment ago"
cp "$R2/.pack-cache" "$T/cache.1"
run --db "$db" check --as-of 2026-11-28 --format tsv
expect_rc 2
cmp -s "$R2/.manifest-stat" "$T/stat.1" || fail "record rewritten by a load that changed nothing"
# a rule file changed in place to the same size, its modification time put
# back: the status still differs (change time), so it is hashed and named
cp -p "$R2/40-training.xml" "$T/40.orig"
ino=$(stat -c %i "$R2/40-training.xml")
sed '0,/severity="high"/s//severity="low" /' "$T/40.orig" >"$R2/40-training.xml"
touch -r "$T/40.orig" "$R2/40-training.xml"
[ "$(stat -c %i.%s.%y "$R2/40-training.xml")" = "$ino.$(stat -c %s.%y "$T/40.orig")" ] ||
	fail "the tampered file's inode, size or mtime differs"
cmp -s "$R2/40-training.xml" "$T/40.orig" && fail "file not changed"
cp "$db" "$T/before.db"
run --db "$db" check --as-of 2026-11-28 --format tsv
expect_rc 1
expect_err "$R2/40-training.xml: 文件内容与清单不符（已改动；确认改动无误后运行 safetrack rules manifest 更新清单）"
[ -s "$out" ] && fail "check printed results from a changed pack"
same_db "$db" "$T/before.db"
cmp -s "$R2/.manifest-stat" "$T/stat.1" || fail "record rewritten by a failed load"
cmp -s "$R2/.pack-cache" "$T/cache.1" || fail "pack cache rewritten by a failed load"
# a damaged record is only a cache: ignored, the files hashed
cp "$T/40.orig" "$R2/40-training.xml"
printf 'garbage\n' >"$R2/.manifest-stat"
run rules list
expect_rc 0
exit 0
