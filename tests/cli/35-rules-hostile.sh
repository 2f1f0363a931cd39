# 35-rules-hostile.sh — hostile XML is refused without being read: external
# entities (general, parameter, external DTD) whose target would show up in
# the output, and a billion-laughs entity chain, in rule and tailoring files.
. "$TOP/tests/cli/lib.sh"

B="$TOP/tests/rules/bad"
MARK=SECRET-MARKER-7f3a
grep -q "$MARK" "$B/secret.txt" || fail "fixture lost its marker"

for f in xxe-external-entity.xml xxe-parameter-entity.xml xxe-external-dtd.xml; do
	d="$T/${f%.xml}"
	mkdir "$d"
	cp "$TOP/rules/rulepack.rng" "$B/$f" "$B/secret.txt" "$d/"
	# relative system ids resolve against the file and the working directory
	(cd "$d" && $ST rules validate "$d") >"$out" 2>"$err" && fail "$f accepted"
	expect_err "$d/$f:"
	expect_err "拒绝读取：文档类型声明（DOCTYPE）"
	grep -q "$MARK" "$out" "$err" && fail "$f: the entity target was read"
	(cd "$d" && $ST --rules "$d" rules show T-1) >"$out" 2>"$err" && fail "$f shown"
	grep -q "$MARK" "$out" "$err" && fail "$f: the entity target was read by show"
done

# a tailoring file with an external entity
mkdir "$T/pack"
cp "$TOP/rules/rulepack.rng" "$TOP/rules/tailoring.rng" "$TOP/tests/rules/good/pack.xml" "$T/pack/"
$ST rules manifest "$T/pack" >/dev/null || fail "rules manifest"
run --rules "$T/pack" rules validate --tailoring "$TOP/tests/rules/tailoring/xxe.xml"
expect_rc 1
expect_err "$TOP/tests/rules/tailoring/xxe.xml:3: 拒绝读取：文档类型声明（DOCTYPE）中声明了实体 'leak'"
grep -q "$MARK" "$out" "$err" && fail "tailoring entity target was read"

# billion laughs: refused at the first declaration, in bounded memory and time
d="$T/laughs"
mkdir "$d"
cp "$TOP/rules/rulepack.rng" "$B/billion-laughs.xml" "$d/"
case "$SAFETRACK" in
*/asan/*) limit=unlimited ;;      # ASan reserves terabytes of address space
*) limit=262144 ;;                # 256 MiB; expanding the entities needs ~3 GB
esac
[ -n "${TEST_WRAPPER:-}" ] && limit=unlimited
rc=0
(ulimit -v $limit; timeout 30 $ST rules validate "$d") >"$out" 2>"$err" || rc=$?
expect_rc 1
expect_err "$d/billion-laughs.xml:3: 拒绝读取：文档类型声明（DOCTYPE）中声明了实体 'lol0'"
