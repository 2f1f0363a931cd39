# Every report reads on a phone: laid out 360 px wide, no page scrolls
# sideways (tables become stacked rows).  Measured in headless Chromium
# when it is installed (scripts/overflow.sh); a page that is too wide is
# caught, so the measurement itself is checked too.  Without Chromium the
# CSS that makes it so is checked.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
id=91654202MA775B3K67
# the park report with its what-if section too
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-tailoring "$TOP/docs/tailoring-example.xml" \
	-o "$T/park.html"; expect_rc 0
has "$T/park.html" '<section class="what-if">'
run --db "$db" report enterprise $id --as-of $AS_OF -o "$T/enterprise.html"; expect_rc 0
run --db "$db" report notice $id --as-of $AS_OF -o "$T/notice.html"; expect_rc 0
run --db "$db" report quarter 2026-Q3 --park WSHG --as-of $AS_OF -o "$T/quarter.html"; expect_rc 0

for r in park enterprise notice quarter; do
	has "$T/$r.html" '<meta name="viewport" content="width=device-width, initial-scale=1">'
	has "$T/$r.html" '@media screen and (max-width: 640px)'
	has "$T/$r.html" 'table.rows thead { display: none; }'
	# a table's caption (the what-if's pack, the waived table) spans the stacked rows
	has "$T/$r.html" 'table.rows caption { display: block; width: 100%; }'
	# page numbers in print
	has "$T/$r.html" 'content: "第 " counter(page) " 页 共 " counter(pages) " 页"'
done
# every data table but the key-value ones stacks, and every stacked cell has its label
for r in park enterprise; do
	xp_is "$T/$r.html" "count(//table[not(contains(@class, 'rows')) and not(@class = 'meta')])" 0
	xp_is "$T/$r.html" "count(//table[contains(@class, 'rows')]/tbody/tr/td[not(@data-label) and not(@colspan)])" 0
done

if ! command -v chromium >/dev/null 2>&1; then
	echo "chromium not installed: layout not measured" >&2
	exit 0
fi
mkdir "$T/profile"
for r in park enterprise notice quarter; do
	set -- $("$TOP/scripts/overflow.sh" "$T/$r.html" 360 "$T/profile")
	[ "$#" -ge 2 ] || fail "could not measure $r.html"
	[ "$1" -le "$2" ] || fail "$r.html scrolls sideways at 360 px: $*"
done
# the measurement sees a page that is too wide
printf '<html><body><p style="white-space:nowrap">%s</p></body></html>' \
	"$(printf '%0200d' 0)" > "$T/wide.html"
set -- $("$TOP/scripts/overflow.sh" "$T/wide.html" 360 "$T/profile")
[ "$1" -gt "$2" ] || fail "a page 200 digits wide measured as fitting: $*"
exit 0
