# 33-rules-malformed.sh — `rules validate` on malformed rule files prints
# exactly "FILE:LINE: message" and exits 1.  (tests/test_rules.c asserts the
# message of every file in tests/rules/bad/; this is the same through the CLI.)
. "$TOP/tests/cli/lib.sh"

B="$TOP/tests/rules/bad"
# case NAME FILE...: a pack directory $T/NAME holding the schemas and FILEs
case_dir() {
	d="$T/$1"; shift
	mkdir -p "$d"
	cp "$TOP/rules/rulepack.rng" "$TOP/rules/tailoring.rng" "$d/"
	for f in "$@"; do cp "$B/$f" "$d/"; done
}
# expect_exact LINE...: stderr is exactly these lines, then the missing
# manifest of $d (none can be written for a pack that does not validate),
# stdout empty, exit 1
expect_exact() {
	printf '%s\n' "$@" "$d/MANIFEST: 规则包缺少清单文件（规则包须带清单，列出其文件、摘要和规则数；校验无误后运行 safetrack rules manifest $d 生成）" >"$T/.expect"
	expect_rc 1
	expect_err_exact "$T/.expect"
	[ ! -s "$out" ] || fail "stdout not empty"
}

case_dir kind unknown-kind.xml
run rules validate "$d"
expect_exact "$d/unknown-kind.xml:7: 未知的检查类型 'monthly'（可用：informational calendar interval deadline checklist-item failed-items-linked required-fields date-order threshold assert expiry known renewal）"

case_dir range param-out-of-range.xml
run rules validate "$d"
expect_exact "$d/param-out-of-range.xml:12: 参数 warn_days 的值 400 超出范围（0–366）"

case_dir enum param-bad-enum.xml
run rules validate "$d"
expect_exact "$d/param-bad-enum.xml:8: 参数 period 的值 'month' 不是 quarter、half、year 之一"

case_dir xpath xpath-unknown-variable.xml
run rules validate "$d"
expect_exact "$d/xpath-unknown-variable.xml:9: 参数 select 引用了未定义的变量 \$quarter（此处可用：\$as_of \$subject \$effective_from \$warn_days \$year \$index）"

case_dir schema schema-missing-title.xml
run rules validate "$d"
expect_exact "$d/schema-missing-title.xml:5: 不符合格式（rulepack.rng）：此处不应出现元素 <clause-text>（元素缺失、多余或顺序不对）"

case_dir xml malformed-xml.xml
run rules validate "$d"
expect_exact "$d/malformed-xml.xml:5: XML 格式错误：Opening and ending tag mismatch: title line 5 and titel"

# two files, each valid alone
case_dir dup
cp "$B/duplicate-id/a.xml" "$B/duplicate-id/b.xml" "$d/"
run rules validate "$d"
expect_exact "$d/b.xml:15: 规则 ID 'T-1' 重复（已在 $d/a.xml:4 定义）"

# every problem of one pass, in file order
case_dir many param-not-int.xml unknown-param.xml deadline-two-limits.xml
run rules validate "$d"
expect_exact \
	"$d/deadline-two-limits.xml:7: deadline 检查须给出 due_field、deadline_days、deadline_hours 三者之一（且只能一个）" \
	"$d/param-not-int.xml:12: 参数 warn_days 的值 'fifteen' 不是整数" \
	"$d/unknown-param.xml:12: 检查类型 calendar 没有参数 'warn_day'（可用：period select date year_field due_month scope_start warn_days）"

# a rule directory without its schema
d="$T/noschema"
mkdir "$d"
cp "$B/param-bad-enum.xml" "$T/noschema/"
run rules validate "$T/noschema"
expect_exact "$T/noschema/rulepack.rng: 无法打开：文件或目录不存在"
