# report --pdf: the report printed to PDF by headless Chromium, an optional
# dependency — without it a clear message and no file; a browser that
# fails or writes no PDF leaves nothing behind either.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
id=91654202MA775B3K67
export TMPDIR="$T/tmp"
mkdir "$TMPDIR"
nothing_left() {
	[ -z "$(ls "$T" | grep '^r\.pdf')" ] || fail "a failed PDF left a file: $(ls "$T")"
	[ -z "$(ls "$TMPDIR")" ] || fail "the browser profile was left in TMPDIR"
}

# no browser
SAFETRACK_CHROMIUM="$T/none" run --db "$db" report notice $id --as-of $AS_OF --pdf "$T/r.pdf"
expect_rc 1
expect_err "safetrack: SAFETRACK_CHROMIUM=$T/none 不是可执行文件，无法生成 PDF"
nothing_left
PATH=/nonexistent run --db "$db" report notice $id --as-of $AS_OF --pdf "$T/r.pdf"
expect_rc 1
expect_err "safetrack: 未找到 Chromium 浏览器，无法生成 PDF（Debian 上可安装 chromium：apt-get install chromium；也可以用 -o 生成 HTML 后在浏览器中打印）"
nothing_left

# a browser that writes nothing, or something that is not a PDF
cat > "$T/fake" <<'X'
#!/bin/sh
for a; do case $a in --print-to-pdf=*) out=${a#--print-to-pdf=} ;; --user-data-dir=*) mkdir -p "${a#--user-data-dir=}/Default" ;; esac; done
[ -n "${FAKE_WRITE:-}" ] && printf '%s' "$FAKE_WRITE" > "$out"
exit ${FAKE_RC:-0}
X
chmod +x "$T/fake"
SAFETRACK_CHROMIUM="$T/fake" run --db "$db" report notice $id --as-of $AS_OF --pdf "$T/r.pdf"
expect_rc 1
expect_err "$T/fake 没有生成 PDF（退出状态 0）"
nothing_left
FAKE_WRITE='<html>' SAFETRACK_CHROMIUM="$T/fake" run --db "$db" report notice $id --as-of $AS_OF --pdf "$T/r.pdf"
expect_rc 1
expect_err "没有生成 PDF"
nothing_left
FAKE_WRITE='%PDF-1.4' FAKE_RC=3 SAFETRACK_CHROMIUM="$T/fake" run --db "$db" report notice $id --as-of $AS_OF --pdf "$T/r.pdf"
expect_rc 1
expect_err "没有生成 PDF（退出状态 3）"
nothing_left
# what the browser is asked: no sandbox profile of the user's, no header and footer, no network
cat > "$T/args" <<'X'
#!/bin/sh
printf '%s\n' "$@" > "$ARGS_OUT"
for a; do case $a in --print-to-pdf=*) printf '%%PDF-1.4 fake' > "${a#--print-to-pdf=}" ;; esac; done
X
chmod +x "$T/args"
ARGS_OUT="$T/args.txt" SAFETRACK_CHROMIUM="$T/args" run --db "$db" report park --park WSHG --as-of $AS_OF --pdf "$T/r.pdf"
expect_rc 0
for a in --headless --no-sandbox --disable-gpu --no-pdf-header-footer --disable-background-networking; do
	grep -qx -- "$a" "$T/args.txt" || fail "browser not given $a"
done
grep -q "^--user-data-dir=$TMPDIR/safetrack-chromium-" "$T/args.txt" || fail "no fresh profile"
grep -q "^file://$T/r\.pdf\.html-[A-Za-z0-9]*/report\.html$" "$T/args.txt" || fail "the browser was not given the report"
grep -q "^--print-to-pdf=$T/" "$T/args.txt" || fail "the PDF is not written beside its destination"
[ "$(head -c 4 "$T/r.pdf")" = "%PDF" ] || fail "no PDF written"
[ "$(ls "$T" | grep '^r\.pdf')" = r.pdf ] || fail "temporaries were left: $(ls "$T")"
[ -z "$(ls "$TMPDIR")" ] || fail "the browser profile was left in TMPDIR"
rm -f "$T/r.pdf"

# never over the database
SAFETRACK_CHROMIUM="$T/args" ARGS_OUT="$T/args.txt" run --db "$db" report notice $id --as-of $AS_OF --pdf "$db"
expect_rc 1
expect_err "safetrack: $db: 这是数据库 $db 本身，不能作为输出文件"
sqlite3 "$db" 'PRAGMA integrity_check' | grep -qx ok || fail "the database was damaged"

# with -o the HTML stays
ARGS_OUT="$T/args.txt" SAFETRACK_CHROMIUM="$T/args" run --db "$db" report notice $id --as-of $AS_OF -o "$T/n.html" --pdf "$T/r.pdf"
expect_rc 0
has "$T/n.html" 安全生产整改通知书
grep -q "^file://$T/n.html$" "$T/args.txt" || fail "the browser was not given the -o file"
rm -f "$T/r.pdf"

# the real browser, when installed: the notice on one or two A4 pages
if command -v chromium >/dev/null 2>&1; then
	run --db "$db" report notice $id --as-of $AS_OF --pdf "$T/r.pdf"
	expect_rc 0
	[ "$(head -c 4 "$T/r.pdf")" = "%PDF" ] || fail "chromium wrote no PDF"
	pages=$(python3 -c 'import re, sys; print(len(re.findall(rb"/Type\s*/Page(?!s)", open(sys.argv[1], "rb").read())))' "$T/r.pdf")
	[ "$pages" -ge 1 ] && [ "$pages" -le 2 ] || fail "the notice has $pages pages"
	[ -z "$(ls "$TMPDIR")" ] || fail "chromium's profile was left in TMPDIR"
	# page numbers from the report's own CSS, not the browser's header and footer
	python3 "$TOP/tests/data/pdf-text.py" "$T/r.pdf" > "$T/r.txt" || fail "cannot read the PDF back"
	i=0
	while read -r line; do
		i=$((i + 1))
		case $line in *"第 $i 页 共 $pages 页"*) ;; *) fail "page $i lacks 第 $i 页 共 $pages 页" ;; esac
	done < "$T/r.txt"
	[ "$i" -eq "$pages" ] || fail "read $i pages of $pages"
	grep -q 'file://' "$T/r.txt" && fail "the browser's own footer (the URL) was printed"
	grep -q '安全生产整改通知书' "$T/r.txt" || fail "the notice's title is not in the PDF"
	# printed, the enterprise file shows the clause text the screen folds away
	run --db "$db" report enterprise $id --as-of $AS_OF --pdf "$T/e.pdf"
	expect_rc 0
	python3 "$TOP/tests/data/pdf-text.py" "$T/e.pdf" > "$T/e.txt" || fail "cannot read the PDF back"
	grep -q '安全评价及整改措施是否得到落实' "$T/e.txt" || fail "clause text not printed"
	grep -q '条款原文' "$T/e.txt" && fail "the fold's label was printed"
else
	echo "chromium not installed: real PDF not checked" >&2
fi
exit 0
