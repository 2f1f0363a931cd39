# safetrack serve over TLS: a self-signed certificate made here, the login
# page over https with that certificate trusted, plain http not served, the
# session cookie Secure; a wrong or unreadable key is refused at start
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null || fail "curl is needed (scripts/install-deps.sh)"
command -v openssl >/dev/null || fail "openssl is needed (scripts/install-deps.sh)"
DB="$T/park.db"
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0
echo "password of off" >"$T/pw"
run --db "$DB" user add off --role officer --park P1 <"$T/pw"
expect_rc 0
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
	-subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>"$T/openssl.err" ||
	fail "openssl: $(cat "$T/openssl.err")"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/other.pem" -out "$T/other-cert.pem" -days 2 \
	-subj "/CN=other" 2>/dev/null || fail "openssl (second key)"

# the key of another certificate, a missing file, one option alone
run --db "$DB" serve --listen 127.0.0.1:0 --tls-cert "$T/cert.pem" --tls-key "$T/other.pem"
expect_rc 1
expect_err "无法在 127.0.0.1:0 上监听（地址被占用、无权限或 TLS 证书无效）"
run --db "$DB" serve --listen 127.0.0.1:0 --tls-cert "$T/none.pem" --tls-key "$T/key.pem"
expect_rc 1
expect_err "$T/none.pem: 无法读取"
run --db "$DB" serve --listen 127.0.0.1:0 --tls-cert "$T/cert.pem"
expect_rc 1
expect_err "--tls-cert 与 --tls-key 须同时给出"

$ST --db "$DB" serve --listen 127.0.0.1:0 --tls-cert "$T/cert.pem" --tls-key "$T/key.pem" \
	2>"$T/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in $(seq 100); do grep -q "正在监听" "$T/serve.err" && break; sleep 0.1; done
U=$(grep -o 'https://127.0.0.1:[0-9]*/' "$T/serve.err") || fail "no https ready line: $(cat "$T/serve.err")"
port=$(echo "$U" | sed 's|.*:\([0-9]*\)/|\1|')

# https with the certificate trusted: the login page
code=$(curl -s --cacert "$T/cert.pem" -o "$T/body" -w '%{http_code}' "${U}login")
[ "$code" = 200 ] || fail "https login page: $code"
grep -q '<form' "$T/body" || fail "no form: $(head -c 300 "$T/body")"
grep -q 'name="password"' "$T/body" || fail "no password field"
# not trusted: curl refuses the certificate (exit 60)
rc=0
curl -s -o /dev/null "${U}login" || rc=$?
[ "$rc" = 60 ] || fail "untrusted certificate accepted (curl exit $rc)"
# plain http on the same port is not served: no HTTP answer at all
rc=0
hcode=$(curl -s -m 5 -o "$T/plain" -w '%{http_code}' "http://127.0.0.1:$port/login") || rc=$?
[ "$rc" != 0 ] || [ "$hcode" = 000 ] || fail "plain http answered $hcode"
grep -q '<form' "$T/plain" 2>/dev/null && fail "login page over plain http"
# login over https: the session cookie is Secure
code=$(curl -s --cacert "$T/cert.pem" -D "$T/head" -o /dev/null -w '%{http_code}' \
	-d user=off -d "password=password of off" "${U}login")
[ "$code" = 303 ] || fail "login over https: $code"
grep -i '^Set-Cookie: st_session=' "$T/head" | grep -q '; Secure' || fail "cookie not Secure: $(grep -i set-cookie "$T/head")"
# the server is still up after the plain-http attempt
code=$(curl -s --cacert "$T/cert.pem" -o /dev/null -w '%{http_code}' "${U}healthz")
[ "$code" = 200 ] || fail "healthz after plain http: $code"
kill -TERM $pid
wait $pid || fail "server exit status $?"
trap - EXIT
