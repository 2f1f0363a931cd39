# safetrack serve: the dashboard lists open major hazards on their own, each
# once, in the order "overdue and major by days late, then due soon", and a
# hazard closed through the server leaves it at once (the result cache
# forgets the enterprise)
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null || fail "curl is needed (scripts/install-deps.sh)"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0
day() { date -u -d "$1 days" +%F; }
# HAZ-2 of the dossier: major, open, no deadline.  Added: M1 major overdue
# by 10 days, G1 general overdue by 2, M2 major due in 90 days, M4 major
# closed, M5 major voided, M6 major found after today.
sqlite3 "$DB" "
INSERT INTO hazards (id, enterprise, found, description, grade, deadline, measures, funds, owner)
 VALUES ('HZ-M1', '$E1', '$(day -60)', '液氨罐区泄漏报警器失效', 'major', '$(day -10)',
 '更换报警器', 3000, '赵强');
INSERT INTO hazards (id, enterprise, found, description, grade, deadline) VALUES
 ('HZ-G1', '$E1', '$(day -20)', '配电箱未上锁', 'general', '$(day -2)'),
 ('HZ-M2', '$E1', '$(day -5)', '<b>反应釜</b>超温联锁未投用', 'major', '$(day 90)'),
 ('HZ-M6', '$E1', '$(day 3)', '未来发现', 'major', '$(day 30)');
INSERT INTO hazards (id, enterprise, found, description, grade, deadline, closed) VALUES
 ('HZ-M4', '$E1', '$(day -40)', '已销号', 'major', '$(day -20)', '$(day -25)');
INSERT INTO hazards (id, enterprise, found, description, grade, deadline, voided, void_reason) VALUES
 ('HZ-M5', '$E1', '$(day -40)', '已作废', 'major', '$(day -20)', '$(day -1)', '登记错误');" ||
	fail "hazards"
echo "password of off" >"$T/pw"
run --db "$DB" user add off --role officer --park P1 <"$T/pw"
expect_rc 0

$ST --db "$DB" serve --listen 127.0.0.1:0 2>"$T/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in $(seq 100); do grep -q "正在监听" "$T/serve.err" && break; sleep 0.1; done
U=$(grep -o 'http://127.0.0.1:[0-9]*/' "$T/serve.err") || fail "no ready line: $(cat "$T/serve.err")"
for i in $(seq 100); do grep -q "今日核查结果已备好：1 个园区" "$T/serve.err" && break; sleep 0.1; done
grep -q "今日核查结果已备好：1 个园区" "$T/serve.err" || fail "no warm notice: $(cat "$T/serve.err")"

curl -s -c "$T/jar" -d user=off -d "password=password of off" "${U}login" -o /dev/null
CSRF=$(curl -s -b "$T/jar" "${U}api/v1/session" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')
[ -n "$CSRF" ] || fail "no session"
curl -s -b "$T/jar" "$U" -o "$T/dash.html"
# the rows in order, one line each: badge and link
sed 's/<li /\n<li /g' "$T/dash.html" | grep '^<li class="item' |
	sed 's/^<li class="\([^"]*\)"><a href="\([^"]*\)"><span class="badge[^"]*">\([^<]*\)<.*/\1|\2|\3/' >"$T/rows"
grep -q 'HZ-M1' "$T/rows" || fail "no rows: $(head -c 2000 "$T/dash.html")"
for h in HZ-M1 HZ-M2 HAZ-2; do
	[ "$(grep -c "|/hazards/$h|" "$T/rows")" = 1 ] || fail "$h not listed once: $(cat "$T/rows")"
done
for h in HZ-M4 HZ-M5 HZ-M6 HZ-G1; do
	grep -q "/hazards/$h|" "$T/rows" && fail "$h listed on its own: $(cat "$T/rows")"
done
grep -qF 'item major overdue|/hazards/HZ-M1|重大隐患 逾期 10 天' "$T/rows" || fail "M1: $(cat "$T/rows")"
grep -qF 'item major due-soon|/hazards/HZ-M2|重大隐患 剩余 90 天' "$T/rows" || fail "M2: $(cat "$T/rows")"
grep -qF 'item major due-soon|/hazards/HAZ-2|重大隐患 未定整改期限' "$T/rows" || fail "HAZ-2: $(cat "$T/rows")"
# the deadline rule's row stays for the general hazard alone, 2 days late
grep -qF "item overdue|/enterprises/$E1|逾期 2 天" "$T/rows" || fail "G1 row: $(cat "$T/rows")"
# M1 is named once on the page (its own row), not again in the rule's row
[ "$(grep -o 'HZ-M1' "$T/dash.html" | wc -l)" = 2 ] || fail "HZ-M1 named again: $(grep -o '[^>]*HZ-M1[^<]*' "$T/dash.html")"
grep -q '隐患 HZ-G1（' "$T/dash.html" || fail "G1 detail"
# order: M1 (10 days late), the rule's row (2), M2 (in 90 days), HAZ-2 (no deadline)
order=$(grep -n 'HZ-M1\|逾期 2 天\|HZ-M2\|HAZ-2' "$T/rows" | cut -d: -f1 | tr '\n' ' ')
m1=$(grep -n 'HZ-M1' "$T/rows" | cut -d: -f1)
g1=$(grep -n '逾期 2 天' "$T/rows" | cut -d: -f1)
m2=$(grep -n 'HZ-M2' "$T/rows" | cut -d: -f1)
h2=$(grep -n 'HAZ-2' "$T/rows" | cut -d: -f1)
[ "$m1" -lt "$g1" ] && [ "$g1" -lt "$m2" ] && [ "$m2" -lt "$h2" ] || fail "order $order: $(cat "$T/rows")"
# everything escaped
grep -qF '&lt;b&gt;反应釜&lt;/b&gt;' "$T/dash.html" || fail "description not escaped"
grep -q '<b>反应釜' "$T/dash.html" && fail "markup from data"
grep -qF '未销号重大隐患 3 项' "$T/dash.html" || fail "summary: $(grep -o 'class="summary".*</p>' "$T/dash.html")"
# /api/v1/overdue keeps the checker's rows (no hazard rows)
code=$(curl -s -o "$T/api.json" -w '%{http_code}' -b "$T/jar" "${U}api/v1/overdue")
[ "$code" = 200 ] || fail "api/v1/overdue $code"
grep -q 'HAZ-RECTIFY-DEADLINE' "$T/api.json" || fail "api rows: $(head -c 500 "$T/api.json")"

# the JSON API's field errors carry the recording layer's English beside the
# Chinese, and a refused record changes nothing
sqlite3 "$DB" .dump >"$T/before.sql"
code=$(curl -s -o "$T/api422.json" -w '%{http_code}' -b "$T/jar" -H "X-CSRF-Token: $CSRF" \
	-H 'Content-Type: application/json' \
	-d '{"enterprise":"'$E1'","date":"2026-10-02","kind":"special","item1":"maybe"}' \
	"${U}api/v1/records/inspections")
[ "$code" = 422 ] || fail "api 422: $code $(cat "$T/api422.json")"
grep -qF '{"field":"item1","message":"值 '"'"'maybe'"'"' 不是 pass、fail、na 之一","message_en":"' "$T/api422.json" ||
	fail "api errors: $(cat "$T/api422.json")"
grep -qF '{"field":"item2","message":"必填，不能为空","message_en":"required, cannot be empty"}' "$T/api422.json" ||
	fail "api errors: $(cat "$T/api422.json")"
sqlite3 "$DB" .dump | grep -v 'INSERT INTO sessions\|INSERT INTO login_failures' >"$T/after.sql"
grep -v 'INSERT INTO sessions\|INSERT INTO login_failures' "$T/before.sql" | diff - "$T/after.sql" >/dev/null ||
	fail "a refused record changed the store"

# the officer closes M1: gone from the dashboard at once; the rest stays
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" -d "csrf=$CSRF" -d "closed=$(day 0)" \
	-d verified_by=王五 "${U}hazards/HZ-M1/close")
[ "$code" = 303 ] || fail "close $code"
curl -s -b "$T/jar" "$U" -o "$T/dash2.html"
grep -q '/hazards/HZ-M1' "$T/dash2.html" && fail "closed hazard still listed"
# the rule's row now says it was closed late (the enterprise was judged again)
grep -qF '重大隐患 HZ-M1（'"$(day -60)"'）应于 '"$(day -10)"' 前整改销号，实际 '"$(day 0)"' 销号，超期 10 天' "$T/dash2.html" ||
	fail "rule row after close: $(grep -o 'class="detail">[^<]*HZ-M1[^<]*' "$T/dash2.html")"
grep -q '/hazards/HZ-M2' "$T/dash2.html" || fail "M2 gone after closing M1"
grep -qF '未销号重大隐患 2 项' "$T/dash2.html" || fail "summary after close"
# and the API's check of the enterprise (through the result cache) agrees
curl -s -b "$T/jar" "${U}api/v1/check?enterprise=$E1" -o "$T/check.json"
grep -q '至今未销号，已逾期 10 天' "$T/check.json" && fail "check still has M1 open"
grep -q 'HZ-G1' "$T/check.json" || fail "check lost G1: $(head -c 500 "$T/check.json")"

# a dashboard of another day is judged on its own, with the same listing
curl -s -b "$T/jar" "$U?as_of=$(day -2)" -o "$T/dash3.html"
grep -q '/hazards/HZ-M2' "$T/dash3.html" || fail "as_of dashboard"
grep -q '/hazards/HZ-M5' "$T/dash3.html" || fail "M5 was open two days ago"
kill -TERM $pid
wait $pid || fail "server exit status $?"
trap - EXIT
