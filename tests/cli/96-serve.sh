# safetrack serve: start, login, sessions, CSRF, roles, limits, headers, stop
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null || fail "curl is needed (scripts/install-deps.sh)"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0
sqlite3 "$DB" "INSERT INTO parks (id, name, established) VALUES ('P2', '乙园区', '2020-01-01');
  INSERT INTO enterprises (id, name, park, employees, hazchem, status)
  VALUES ('91654200MA7A1B2D54', '乙园区企业', 'P2', 5, 'none', 'construction')" ||
	fail "second park"
for a in "off officer --park P1" "ent enterprise --enterprise $E1" "view viewer"; do
	set -- $a
	n=$1; shift
	echo "password of $n" >"$T/pw"
	run --db "$DB" user add $n --role "$@" <"$T/pw"
	expect_rc 0
done

# a missing database is an error, and none is created
run --db "$T/missing.db" serve --listen 127.0.0.1:0
expect_rc 1
expect_err "数据库 $T/missing.db 不存在"
[ ! -e "$T/missing.db" ] || fail "serve created a database"
run --db "$DB" serve --listen nonsense
expect_rc 1
expect_err "--listen: 'nonsense' 应为 地址:端口"

$ST --db "$DB" serve --listen 127.0.0.1:0 2>"$T/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in $(seq 100); do grep -q "正在监听" "$T/serve.err" && break; sleep 0.1; done
U=$(grep -o 'http://127.0.0.1:[0-9]*/' "$T/serve.err") || fail "no ready line: $(cat "$T/serve.err")"

# code URL [curl options]: the status of a request
code() { u=$1; shift; curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' "$@" "$U$u"; }
expect_code() { want=$1; shift; got=$(code "$@"); [ "$got" = "$want" ] || fail "$* -> $got, expected $want: $(head -c 300 "$T/body")"; }
header() { grep -i "^$1:" "$T/head" | head -1 | tr -d '\r'; }
body_has() { grep -qF -- "$1" "$T/body" || fail "body lacks $1: $(head -c 500 "$T/body")"; }

expect_code 200 healthz
body_has ok
expect_code 303 ""
[ "$(header Location)" = "Location: /login?next=/" ] || fail "$(header Location)"
expect_code 303 "enterprises/$E1?as_of=2026-01-01"
[ "$(header Location)" = "Location: /login?next=/enterprises/$E1%3Fas_of%3D2026-01-01" ] || fail "$(header Location)"
expect_code 401 api/v1/session
expect_code 404 nowhere
expect_code 404 static/../../etc/passwd --path-as-is
expect_code 404 static/%2e%2e/web.css --path-as-is
expect_code 405 login -X DELETE
header Allow | grep -q "GET, POST" || fail "Allow: $(header Allow)"

# every HTML answer carries the headers of HTTP.md §6
expect_code 200 login
header Content-Security-Policy | grep -q "default-src 'self'" || fail "CSP"
header Content-Security-Policy | grep -q "frame-ancestors 'none'" || fail "CSP frame-ancestors"
header Content-Security-Policy | grep -q "unsafe-inline" && fail "CSP allows inline"
[ "$(header X-Content-Type-Options)" = "X-Content-Type-Options: nosniff" ] || fail nosniff
[ "$(header Referrer-Policy)" = "Referrer-Policy: same-origin" ] || fail referrer
[ "$(header Cache-Control)" = "Cache-Control: no-store" ] || fail no-store
grep -q "<script>" "$T/body" && fail "inline script"

# wrong password and unknown user: the same 401 page
expect_code 401 login -d user=off -d password=wrong-password
cp "$T/body" "$T/wrong-user"
expect_code 401 login -d user=nobody -d password=wrong-password
sed 's/nobody/off/' "$T/body" | cmp -s - "$T/wrong-user" || fail "pages differ for an unknown user"
body_has "用户名或密码错误"
[ -z "$(header Set-Cookie)" ] || fail "cookie on a failed login"

# login: 303 to next (a local path only), a new cookie
expect_code 303 login -d user=off -d "password=password of off" -d next=//evil.example/
[ "$(header Location)" = "Location: /" ] || fail "next not local: $(header Location)"
expect_code 303 login -d user=off -d "password=password of off" -d "next=/api/v1/session"
[ "$(header Location)" = "Location: /api/v1/session" ] || fail "$(header Location)"
header Set-Cookie | grep -q "st_session=[0-9a-f]\{64\}; HttpOnly; SameSite=Lax; Path=/" || fail "$(header Set-Cookie)"
OFF=$(header Set-Cookie | sed 's/.*st_session=\([0-9a-f]*\).*/\1/')
expect_code 200 api/v1/session -b "st_session=$OFF"
body_has '"user":"off","role":"officer","csrf":"'
CSRF=$(sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/' "$T/body")

# session fixation: a cookie set before login is not the session after it
expect_code 303 login -b "st_session=$OFF" -d user=off -d "password=password of off"
OFF2=$(header Set-Cookie | sed 's/.*st_session=\([0-9a-f]*\).*/\1/')
[ "$OFF2" != "$OFF" ] || fail "session id reused at login"
expect_code 401 api/v1/session -b "st_session=$OFF"

# the officer sees P1 only: the other park and its enterprise are 404
expect_code 200 "enterprises/$E1?as_of=2026-11-28" -b "st_session=$OFF2"
body_has "塔城化工有限公司"
expect_code 404 enterprises/91654200MA7A1B2D54 -b "st_session=$OFF2"
expect_code 404 enterprises/91654200MA7A1B2C4X -b "st_session=$OFF2"
expect_code 404 "api/v1/check?park=P2" -b "st_session=$OFF2"
expect_code 200 "api/v1/check?as_of=2026-11-28" -b "st_session=$OFF2"
grep -q 91654200MA7A1B2D54 "$T/body" && fail "check shows the other park"
body_has "$E1"
expect_code 200 api/v1/enterprises -b "st_session=$OFF2"
grep -q 91654200MA7A1B2D54 "$T/body" && fail "enterprises shows the other park"
expect_code 200 "api/v1/overdue?as_of=2026-11-28&within=30" -b "st_session=$OFF2"
expect_code 422 "api/v1/overdue?within=x" -b "st_session=$OFF2"
expect_code 422 "?as_of=2026-02-30" -b "st_session=$OFF2"
expect_code 200 "?as_of=2026-11-28" -b "st_session=$OFF2"
body_has "督办看板"
expect_code 200 "reports/park?park=P1&as_of=2026-11-28" -b "st_session=$OFF2"
expect_code 404 "reports/park?park=P2" -b "st_session=$OFF2"
expect_code 200 "reports/quarter/2026-Q3?park=P1" -b "st_session=$OFF2"
expect_code 404 "reports/quarter/2026-Q5?park=P1" -b "st_session=$OFF2"

# the check table as a workbook, for the account's scope only
expect_code 200 "export/check.xlsx?as_of=2026-11-28" -b "st_session=$OFF2"
[ "$(header Content-Type)" = "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ] || fail "$(header Content-Type)"
[ "$(header Content-Disposition)" = "Content-Disposition: attachment; filename=check-2026-11-28.xlsx" ] || fail "$(header Content-Disposition)"
python3 - "$T/body" <<'PY' || fail "workbook"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
assert "塔城化工有限公司" in s and "乙园区企业" not in s and "逾期" in s
PY
expect_code 404 "export/check.xlsx?park=P2" -b "st_session=$OFF2"

# the enterprise account sees its own enterprise only
expect_code 303 login -d user=ent -d "password=password of ent"
ENT=$(header Set-Cookie | sed 's/.*st_session=\([0-9a-f]*\).*/\1/')
expect_code 200 "enterprises/$E1" -b "st_session=$ENT"
expect_code 404 enterprises/91654200MA7A1B2C40 -b "st_session=$ENT"
expect_code 404 "reports/park?park=P1" -b "st_session=$ENT"
expect_code 200 api/v1/enterprises -b "st_session=$ENT"
[ "$(grep -o '"id"' "$T/body" | wc -l)" = 1 ] || fail "enterprise sees others: $(cat "$T/body")"

# CSRF: a POST without the token, or with another session's, is 403 and
# changes nothing
dump_db "$DB" >"$T/before.sql"   # the server's writes may still be in the WAL
expect_code 403 logout -b "st_session=$OFF2" -X POST
ENTCSRF=$(curl -s -b "st_session=$ENT" "${U}api/v1/session" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')
expect_code 403 logout -b "st_session=$OFF2" -d "csrf=$ENTCSRF"
expect_code 200 api/v1/session -b "st_session=$OFF2"
CSRF2=$(sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/' "$T/body")
dump_db "$DB" | cmp -s - "$T/before.sql" || fail "a refused POST changed the database"

# the calendar feed: a token made on the account page, shown once; a new
# one revokes the old; no session needed, a wrong token is 404
expect_code 403 account/calendar -b "st_session=$OFF2" -X POST
expect_code 200 account/calendar -b "st_session=$OFF2" -d "csrf=$CSRF2"
TOK=$(grep -o 'calendar.ics?token=[0-9a-f]*' "$T/body" | head -1 | cut -d= -f2)
[ ${#TOK} = 64 ] || fail "no calendar token: $(head -c 2000 "$T/body")"
expect_code 200 "calendar.ics?token=$TOK"
[ "$(header Content-Type)" = "Content-Type: text/calendar; charset=utf-8" ] || fail "$(header Content-Type)"
body_has "BEGIN:VCALENDAR"
body_has "BEGIN:VEVENT"
body_has "塔城化工有限公司"
grep -q "91654200MA7A1B2D54\|乙园区企业" "$T/body" && fail "calendar shows the other park"
expect_code 200 account/calendar -b "st_session=$OFF2" -d "csrf=$CSRF2"
expect_code 404 "calendar.ics?token=$TOK"
expect_code 404 "calendar.ics?token=nonsense"
expect_code 404 "calendar.ics"

# evidence: a real PNG is kept and served with its type; a file that only
# claims to be a JPEG is 422 and nothing is stored; export writes the photos
python3 -c "
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b''.join(b'\\x00' + b'\\xff\\x00\\x00' * 2 for _ in range(2))
open('$T/p.png', 'wb').write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 2, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
open('$T/fake.jpg', 'wb').write(b'\\xff\\xd8\\xff<script>alert(1)</script>')
"
expect_code 422 hazards/HAZ-1/evidence -b "st_session=$OFF2" -F "csrf=$CSRF2" -F "photo=@$T/fake.jpg;type=image/jpeg"
body_has "文件不是 JPEG 或 PNG 图片"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM evidence")" = 0 ] || fail "fake JPEG stored"
expect_code 303 hazards/HAZ-1/evidence -b "st_session=$OFF2" -F "csrf=$CSRF2" -F "photo=@$T/p.png;type=image/jpeg" --form-string "caption=<b>整改后</b>"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM evidence")" = 1 ] || fail "photo not committed"
expect_code 200 evidence/1 -b "st_session=$OFF2"
[ "$(header Content-Type)" = "Content-Type: image/png" ] || fail "$(header Content-Type)"
[ "$(header Content-Disposition)" = "Content-Disposition: inline; filename=evidence-1.png" ] || fail "$(header Content-Disposition)"
cmp -s "$T/body" "$T/p.png" || fail "photo changed"
expect_code 303 evidence/1   # no session: to the login page
expect_code 200 hazards/HAZ-1 -b "st_session=$OFF2"
body_has "&lt;b&gt;整改后&lt;/b&gt;"
run --db "$DB" export "$T/exported"
expect_rc 0
expect_out "整改照片 1 张"
cmp -s "$T/exported/evidence/HAZ-1-1.png" "$T/p.png" || fail "photo not exported"
grep -q "HAZ-1-1.png,HAZ-1,<b>整改后</b>," "$T/exported/evidence/index.csv" || fail "index: $(cat "$T/exported/evidence/index.csv")"
run --db "$T/reimported.db" import "$T/exported"
expect_rc 0

# a body over 1 MiB is 413
head -c 1100000 /dev/zero | tr '\0' a >"$T/big"
expect_code 413 login --data-binary "@$T/big"
# oversized headers are refused, and the server stays up
expect_code 431 healthz -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' a)"
expect_code 200 healthz

# slow clients: forty connections that never finish their headers, and one
# that trickles a body, do not keep others from being answered
python3 - "$U" <<'PY' || fail "slow clients blocked the server"
import socket, sys, time, urllib.parse, urllib.request
u = urllib.parse.urlparse(sys.argv[1])
slow = []
for _ in range(40):
    s = socket.create_connection((u.hostname, u.port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    slow.append(s)
t = socket.create_connection((u.hostname, u.port))
t.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nuser=")
t0 = time.time()
for _ in range(5):
    assert urllib.request.urlopen(sys.argv[1] + "healthz", timeout=5).read() == b"ok"
assert time.time() - t0 < 5
PY

# logout ends the session on the server
expect_code 303 logout -b "st_session=$OFF2" -d "csrf=$CSRF2"
[ "$(header Location)" = "Location: /login" ] || fail "$(header Location)"
expect_code 401 api/v1/session -b "st_session=$OFF2"

# throttling: five failures within 15 minutes, then 429 even with the right password
for i in 1 2 3 4 5; do expect_code 401 login -d user=view -d password=wrong-password; done
expect_code 429 login -d user=view -d "password=password of view"
body_has "登录失败次数过多"

# SIGTERM: a clean stop with status 0
kill -TERM $pid
wait $pid
st=$?
trap - EXIT
[ "$st" = 0 ] || fail "serve exited $st after SIGTERM"
exit 0
