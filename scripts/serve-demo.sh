#!/bin/sh
# serve-demo.sh — `make serve-demo`: the sample park in build/demo-web.db,
# one demo account per role with its password printed here, and the server
# on 127.0.0.1:8080 (LISTEN=ADDR:PORT to change).  Ctrl-C stops it.
set -eu
bin=${1:-./safetrack}
db=build/demo-web.db
listen=${LISTEN:-127.0.0.1:8080}
rm -f "$db" "$db-wal" "$db-shm"
"$bin" --db "$db" import sample >/dev/null
ent=$(sqlite3 "$db" "SELECT id FROM enterprises WHERE park = 'WSHG' AND status = 'operating' ORDER BY id LIMIT 1")
echo "演示账户（密码仅在此显示一次）："
for spec in "admin admin" "officer officer --park WSHG" "enterprise enterprise --enterprise $ent" "viewer viewer"; do
	set -- $spec
	name=$1 role=$2
	shift 2
	pw=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
	echo "$pw" | "$bin" --db "$db" user add "$name" --role "$role" "$@" 2>/dev/null
	printf '  %-10s %-10s 密码 %s\n' "$name" "$role" "$pw"
done
echo "在浏览器中打开下面的地址并用上面的账户登录；Ctrl-C 停止。"
exec "$bin" --db "$db" serve --listen "$listen"
