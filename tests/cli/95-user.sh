# safetrack user add|passwd|disable|list: accounts of the web server
. "$TOP/tests/cli/lib.sh"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0

# the password is the first line of standard input when it is not a terminal
echo "officer password" >"$T/pw"; run --db "$DB" user add zhang --role officer --park P1 <"$T/pw"
expect_rc 0
expect_err "已新建账户 zhang（安全监管人员）"
printf 'enterprise pw 1\nignored\n' >"$T/pw"
run --db "$DB" user add acme --role enterprise --enterprise $E1 <"$T/pw"
expect_rc 0
echo "viewer password" >"$T/pw"; run --db "$DB" user add kan --role 只读 <"$T/pw"
expect_rc 0
run --db "$DB" user list
expect_rc 0
expect_out "$(printf 'acme\tenterprise\t企业 %s\t启用' $E1)"
expect_out "$(printf 'kan\tviewer\t全部园区\t启用')"
expect_out "$(printf 'zhang\tofficer\t园区 P1\t启用')"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM accounts WHERE hash LIKE '\$argon2id\$%'")" = 3 ] ||
	fail "hashes are not Argon2id"
sqlite3 "$DB" "SELECT hash FROM accounts" | grep -q "password" && fail "password stored in clear"

# every wrong input: the exact error, and the database unchanged
cp "$DB" "$T/before.db"
bad() {
	msg="$1"; shift
	echo "${PW:-long enough pw}" >"$T/pw"; run --db "$DB" user "$@" <"$T/pw"
	expect_rc 1
	expect_err "$msg"
	same_db "$DB" "$T/before.db"
}
bad "用户 'zhang' 已存在" add zhang --role viewer
PW=short bad "密码至少需要 10 个字符（现为 5 个）" add li --role viewer
PW="一二三四五六七八九" bad "密码至少需要 10 个字符（现为 9 个）" add li --role viewer
bad "缺少 --role" add li
bad "未知的角色 'root'（应为 admin、officer、enterprise 或 viewer）" add li --role root
bad "企业账户需要 --enterprise 指定其企业" add li --role enterprise
bad "没有企业 '91654200MA7A1B2C4X'" add li --role enterprise --enterprise 91654200MA7A1B2C4X
bad "没有园区 'P9'" add li --role officer --park P9
bad "只有安全监管人员账户（officer）可以指定 --park；viewer 账户可查看全部园区" add li --role viewer --park P1
bad "只有企业账户（enterprise）可以指定 --enterprise" add li --role officer --enterprise $E1
bad "用户名 'a<b' 含有空白、引号、斜杠或尖括号等字符" add 'a<b' --role viewer
bad "没有用户 'nobody'" passwd nobody
bad "没有用户 'nobody'" disable nobody
bad "未知的子命令 'remove'" remove zhang
run --db "$DB" user add li --role viewer </dev/null
expect_rc 1
expect_err "标准输入中没有密码（第一行应为密码）"
same_db "$DB" "$T/before.db"

# passwd and disable end the account's sessions
sqlite3 "$DB" "INSERT INTO sessions VALUES ('x', 'zhang', 'c', 0, 0)"
echo "a new password" >"$T/pw"; run --db "$DB" user passwd zhang <"$T/pw"
expect_rc 0
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sessions")" = 0 ] || fail "session kept after passwd"
sqlite3 "$DB" "INSERT INTO sessions VALUES ('y', 'kan', 'c', 0, 0)"
run --db "$DB" user disable kan
expect_rc 0
expect_err "已停用账户 kan"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sessions")" = 0 ] || fail "session kept after disable"
run --db "$DB" user list
expect_out "$(printf 'kan\tviewer\t全部园区\t已停用')"

# accounts never go into an export of the dossier
run --db "$DB" export "$T/out"
expect_rc 0
grep -rq zhang "$T/out" && fail "accounts exported"
exit 0
