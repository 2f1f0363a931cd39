# GBK files whose bytes are valid UTF-8 (issue #15 item 9): refused with the
# text read both ways and the "CSV UTF-8" hint, every such file in one run,
# the database unchanged.
. "$TOP/tests/cli/lib.sh"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"
run --db "$DB" import "$GOOD"
expect_rc 0
dump_db "$DB" >"$T/before.sql"

mkdir "$T/gbk"
cp "$GOOD"/*.csv "$T/gbk/"
# 姚伟 in GBK is D2 A6 CE B0: valid UTF-8 for "Ҧΰ"; 欧阳 (C5 B7 D1 F4) is
# not, so only names like the first can slip through
printf 'id,enterprise,name,hired\nW-1,91654200MA7A1B2C3W,\322\246\316\260,2025-01-05\n' >"$T/gbk/workers.csv"
# 贾 (BC D6) 鹏 (C5 F4)... a meeting's minutes: 会议 as GBK is BB E1 D2 E9 (not
# UTF-8); 姚伟 again in another file, on its third line
printf 'id,park,date,kind,minutes\nM-1,P1,2026-01-15,quarterly,\nM-2,P1,2026-04-15,quarterly,\322\246\316\260\n' >"$T/gbk/meetings.csv"
# and a file that is plainly not UTF-8 (the reader's message, same run)
printf 'id,name,established\nP1,\324\260\307\370,2019-05-01\n' >"$T/gbk/parks.csv"
run --db "$DB" import "$T/gbk"
expect_rc 1
cat >"$T/expected" <<'EOT'
parks.csv:2: 第 6 个字节起不是有效的 UTF-8 编码（请以“CSV UTF-8”格式保存）
workers.csv:2: “Ҧΰ”是 GBK 编码的“姚伟”：文件不是 UTF-8 编码，会导入成乱码（请在表格软件中另存为“CSV UTF-8”）
meetings.csv:3: “Ҧΰ”是 GBK 编码的“姚伟”：文件不是 UTF-8 编码，会导入成乱码（请在表格软件中另存为“CSV UTF-8”）
safetrack: 导入失败（3 个错误），数据库未作任何修改
EOT
expect_err_exact "$T/expected"
[ "$(dump_db "$DB")" = "$(cat "$T/before.sql")" ] || fail "the database changed"

# text that is not Chinese but is what a dossier may hold passes: a foreign
# name with one accented letter, a Uyghur name in Arabic script and in
# Chinese with its middle dot, degrees and a multiplication sign
mkdir "$T/fine"
cp "$GOOD"/*.csv "$T/fine/"
cat >"$T/fine/workers.csv" <<'EOT'
id,enterprise,name,hired
W-1,91654200MA7A1B2C3W,Müller,2025-01-05
W-2,91654200MA7A1B2C3W,ئەخمەت,2025-01-05
W-3,91654200MA7A1B2C3W,买买提·艾力,2025-01-05
W-4,91654200MA7A1B2C3W,José Núñez,2025-01-05
EOT
printf 'id,park,date,kind,minutes\nM-1,P1,2026-01-15,quarterly,储罐 20°C 2×3\n' >"$T/fine/meetings.csv"
run --db "$T/fine.db" import "$T/fine"
expect_rc 0
[ "$(sqlite3 "$T/fine.db" "SELECT name FROM workers WHERE id = 'W-2'")" = "ئەخمەت" ] || fail "Uyghur name"
