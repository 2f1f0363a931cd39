# report: usage errors, unknown subjects and templates, and the XSLT
# sandbox — a template reads no file, writes no file, loads no entity and
# fetches nothing from the network.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
x="$TOP/tests/data/report/xsl"
cd "$T" || fail "cd"

run --db "$db" report
expect_rc 1
expect_err "safetrack: 缺少报告类型（park、enterprise、notice 或 quarter）"
expect_err "用法: safetrack report park|enterprise ID|notice ID|quarter YYYY-Qn"
run --db "$db" report county
expect_rc 1
expect_err "未知的报告类型 'county'"
run --db "$db" report park --park WSHG extra
expect_rc 1
expect_err "多余的参数 'extra'"
run --db "$db" report park --park WSHG --as-of 2026-02-30
expect_rc 1
expect_err "--as-of: '2026-02-30' 不是有效日期"
run --db "$db" report park --park WSHG --bogus
expect_rc 1
expect_err "未知选项 '--bogus'"
run --db "$db" report park --help
expect_rc 0
expect_out "用法: safetrack report"

# a template that does not exist, or does not compile
run --db "$db" report park --park WSHG --template "$T/missing.xsl"
expect_rc 1
expect_err "safetrack: $T/missing.xsl: 无法读取模板文件"
run --db "$db" report park --park WSHG --template "$x/broken.xsl" -o "$T/out.html"
expect_rc 1
expect_err "safetrack: 模板 broken.xsl: "
[ ! -e "$T/out.html" ] && [ ! -e "$T/out.html.tmp" ] || fail "a failed report left a file"
# -o into a directory that does not exist
run --db "$db" report park --park WSHG -o "$T/no/such/dir/r.html"
expect_rc 1
expect_err "无法写入"

# the sandbox
run --db "$db" report park --park WSHG --as-of $AS_OF --template "$x/read-file.xsl"
expect_rc 1
expect_err "read rights for /etc/hostname denied"
[ -s /etc/hostname ] && grep -qF -- "$(cat /etc/hostname)" "$out" && fail "document() read a file"
run --db "$db" report park --park WSHG --as-of $AS_OF --template "$x/write-file.xsl"
expect_rc 1
expect_err "write rights for written.txt denied"
[ ! -e "$T/written.txt" ] || fail "exsl:document wrote a file"
run --db "$db" report park --park WSHG --as-of $AS_OF --template "$x/entity.xsl"
expect_rc 0
[ "$(cat "$out")" = "[]" ] || fail "an external entity was substituted: $(cat "$out")"
run --db "$db" report park --park WSHG --as-of $AS_OF --template "$x/net-import.xsl"
expect_rc 1
expect_err "unable to load http://127.0.0.1:9/evil.xsl"
exit 0
