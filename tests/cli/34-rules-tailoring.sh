# 34-rules-tailoring.sh — tailoring files through the CLI: applied, and each
# kind of mistake reported as "FILE:LINE: message".
. "$TOP/tests/cli/lib.sh"

TL="$TOP/tests/rules/tailoring"
mkdir "$T/pack"
cp "$TOP/rules/rulepack.rng" "$TOP/rules/tailoring.rng" "$TOP/tests/rules/good/pack.xml" "$T/pack/"
$ST rules manifest "$T/pack" >/dev/null || fail "rules manifest"

run --rules "$T/pack" rules validate --tailoring "$TL/good.xml"
expect_rc 0
expect_out "规则包 test-pack 版本 1：4 条规则（3 条可核查，1 条说明性）校验通过"
expect_out "裁剪文件 $TL/good.xml（park-a-2026）：调整 3 个参数，停用 1 条规则"

run --rules "$T/pack" rules show T-TWO --tailoring "$TL/good.xml"
expect_rc 0
# check="2" changes the second check only
[ "$(grep -c '^    warn_days ' "$out")" -eq 2 ] || fail "two warn_days lines"
grep -Eq '^    warn_days +30  （默认值）' "$out" || fail "first check keeps its default"
grep -Eq '^    warn_days +45  （裁剪，原值 60）' "$out" || fail "second check tailored"

run --rules "$T/pack" rules list --tailoring "$TL/good.xml"
grep -q '^T-INFO .*（已由裁剪文件停用）$' "$out" || fail "T-INFO deselected"

# bad NAME LINE: the tailoring file NAME fails with exactly LINE
bad() {
	run --rules "$T/pack" rules validate --tailoring "$TL/$1"
	expect_rc 1
	printf '%s\n' "$2" >"$T/.expect"
	expect_err_exact "$T/.expect"
}
bad unknown-rule.xml "$TL/unknown-rule.xml:3: 裁剪引用了不存在的规则 'T-NOPE'"
bad unknown-param.xml "$TL/unknown-param.xml:3: 规则 T-CAL 没有参数 'warn_dayz'"
bad not-integer.xml "$TL/not-integer.xml:3: 规则 T-CAL 的参数 warn_days 的值 'ten' 不是整数"
bad out-of-range.xml "$TL/out-of-range.xml:3: 规则 T-CAL 的参数 warn_days 的值 1000 超出范围（0–366）"
bad not-integer-param.xml "$TL/not-integer-param.xml:3: 规则 T-CAL 的参数 select 不是整数参数，不能裁剪"
bad wrong-pack.xml "$TL/wrong-pack.xml:2: 裁剪文件针对规则包 'tacheng-park-safety'，而加载的规则包是 'test-pack'"
bad duplicate-set.xml "$TL/duplicate-set.xml:4: 规则 T-CAL 的参数 warn_days 重复裁剪"
bad bad-check-index.xml "$TL/bad-check-index.xml:3: 规则 T-TWO 没有第 3 项检查（共 2 项）"

# the same mistakes stop `show` and `list`, which need the tailored pack
run --rules "$T/pack" rules show T-CAL --tailoring "$TL/unknown-rule.xml"
expect_rc 1
expect_err "$TL/unknown-rule.xml:3: 裁剪引用了不存在的规则 'T-NOPE'"
[ ! -s "$out" ] || fail "show printed with a bad tailoring"

# the shipped example targets the shipped pack, not this one
run --rules "$T/pack" rules validate --tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 1
expect_err "裁剪文件针对规则包 'tacheng-park-safety'，而加载的规则包是 'test-pack'"
