# 30-rules-validate.sh — `rules validate` on the shipped pack, its directory
# arguments, the tailoring summary, --help and usage errors.
. "$TOP/tests/cli/lib.sh"

# revision 2: the local and the national pack, 45 checkable rules in all
summary="2 个规则包：80 条规则（45 条可核查，35 条说明性）校验通过"

run rules validate
expect_rc 0
expect_out "$summary"
expect_out "  地方规则包 tacheng-park-safety 版本 1.0.0：77 条"
expect_out "  国家规则包 national-safety-regulations 版本 1.0.0：3 条"
[ "$(wc -l <"$out")" -eq 3 ] || fail "validate printed more than the summary"
[ ! -s "$err" ] || fail "validate wrote to stderr"

# DIR, --rules and $SAFETRACK_RULES name the same pack
run rules validate "$TOP/rules"
expect_rc 0
expect_out "$summary"
SAFETRACK_RULES=/nonexistent run --rules "$TOP/rules" rules validate
expect_rc 0
expect_out "$summary"

# without --rules or $SAFETRACK_RULES: the rules/ beside the binary, from any directory
if [ -z "${TEST_WRAPPER:-}" ] && [ -e "$(dirname "$SAFETRACK")/rules/rulepack.rng" ]; then
	(cd "$T" && SAFETRACK_RULES= "$SAFETRACK" rules validate) >"$out" 2>"$err" || fail "default dir"
	expect_out "$summary"
fi

run rules validate --tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 0
expect_out "$summary"
expect_out "裁剪文件 $TOP/docs/tailoring-example.xml（example-park-2026）：调整 3 个参数，停用 1 条规则"
run rules validate --tailoring="$TOP/docs/tailoring-example.xml" "$TOP/rules"
expect_rc 0
expect_out "调整 3 个参数"

run rules validate "$T/nope"
expect_rc 1
expect_err "$T/nope: 无法打开规则目录：文件或目录不存在"
[ ! -s "$out" ] || fail "a failed validate printed to stdout"

run rules --help
expect_rc 0
expect_out "用法: safetrack rules validate [DIR] [--tailoring FILE]"
expect_out "--tailoring FILE"
run rules show --help
expect_rc 0
expect_out "safetrack rules show ID"

run rules
expect_rc 1
expect_err "safetrack: 缺少子命令（validate、manifest、list、show 或 catalogue）"
expect_err "用法: safetrack rules validate [DIR] | manifest [DIR] | list | show ID"
run rules frobnicate
expect_rc 1
expect_err "safetrack: 未知的子命令 'frobnicate'"
run rules validate a b
expect_rc 1
expect_err "safetrack: 多余的参数 'b'"
run rules list extra
expect_rc 1
expect_err "safetrack: 多余的参数 'extra'"
run rules list --tailoring
expect_rc 1
expect_err "safetrack: 选项 --tailoring 需要一个文件名"
run rules list --bogus
expect_rc 1
expect_err "safetrack: 未知选项 '--bogus'"
