# 60-generate.sh — `safetrack generate`: usage errors, reproducible output,
# refusal to overwrite a dossier without --force.
. "$TOP/tests/cli/lib.sh"

run generate --help
expect_rc 0
expect_out "用法: safetrack generate"

run generate --enterprises 5 --years 2 "$T/d"
expect_rc 1
expect_err "缺少 --seed"
expect_err "用法: safetrack generate"

run generate --enterprises 0 --years 2 --seed 1 "$T/d"
expect_rc 1
expect_err "--enterprises 应在 1 到 10000000 之间"

run generate --enterprises 5 --years x --seed 1 "$T/d"
expect_rc 1
expect_err "--years: 'x' 不是非负整数"

run generate --enterprises 5 --years 2 --seed 1 --until 2026-13-01 "$T/d"
expect_rc 1
expect_err "--until: '2026-13-01' 不是日期"

run generate --enterprises 5 --years 2 --seed 1 --bogus "$T/d"
expect_rc 1
expect_err "未知选项 '--bogus'"

run generate --enterprises 5 --years 2 --seed 1
expect_rc 1
expect_err "缺少目录 DIR"

# the folder is created; stdout counts the rows
run generate --enterprises 5 --years 2 --seed 1 --park-size 2 "$T/d"
expect_rc 0
expect_out "enterprises.csv             5 行"
expect_out "parks.csv                   3 行"
[ -s "$T/d/inspections.csv" ] || fail "no inspections.csv"

# the same options give the same bytes
run generate --enterprises 5 --years 2 --seed 1 --park-size 2 "$T/e"
expect_rc 0
diff -r "$T/d" "$T/e" >/dev/null || fail "same seed, different output"

# a folder holding CSV files is not overwritten without --force
run generate --enterprises 5 --years 2 --seed 2 "$T/d"
expect_rc 1
expect_err "目录中已有 CSV 文件"
cmp -s "$T/d/enterprises.csv" "$T/e/enterprises.csv" || fail "refused run wrote files"
run generate --enterprises 5 --years 2 --seed 2 --force "$T/d"
expect_rc 0
cmp -s "$T/d/enterprises.csv" "$T/e/enterprises.csv" && fail "--force did not rewrite"

# a plain file is not a folder
: > "$T/plain"
run generate --enterprises 5 --years 2 --seed 1 "$T/plain"
expect_rc 1
expect_err "不是目录"
exit 0
