# import: files that are not a dossier's CSV files are rejected cleanly
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"

run --db "$DB" import "$GOOD"
expect_rc 0
cp "$DB" "$T/before.db"

fresh() { rm -rf "$T/bad"; mkdir "$T/bad"; }

# a typo in a file name is an error, not a skipped file
fresh
cp "$GOOD/parks.csv" "$T/bad/"
cp "$GOOD/inspections.csv" "$T/bad/inspection.csv"
rejected --db "$DB" import "$T/bad" <<EOT
$T/bad/inspection.csv: 未知的档案文件（文件名应为 parks.csv、enterprises.csv、inspections.csv、hazards.csv、evaluations.csv、projects.csv、workers.csv、certificates.csv、equipment.csv、accidents.csv、meetings.csv、drills.csv、letters.csv、licences.csv、waivers.csv 之一）
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

fresh
echo x >"$T/bad/parks.xlsx"
rejected --db "$DB" import "$T/bad" <<EOT
$T/bad/parks.xlsx: 不是 CSV 文件，请在表格软件中另存为“CSV UTF-8”
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

fresh
echo notes >"$T/bad/README.txt"
rejected --db "$DB" import "$T/bad" <<EOT
$T/bad: 没有找到任何档案 CSV 文件
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

rm -rf "$T/bad"
run --db "$DB" import "$T/bad"
expect_rc 1
expect_err "$T/bad: 无法打开档案文件夹"

fresh
printf 'id,name,established\nP9,a\000b,2020-01-01\n' >"$T/bad/parks.csv"
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:2: 含有 NUL 字节，不是文本 CSV 文件
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

# GBK text (a spreadsheet's "CSV" in a Chinese locale) is not UTF-8; its
# first two bytes happen to form a valid UTF-8 character, the next do not
fresh
printf 'id,name,established\nP9,\324\260\307\370,2020-01-01\n' >"$T/bad/parks.csv"
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:2: 第 6 个字节起不是有效的 UTF-8 编码（请以“CSV UTF-8”格式保存）
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

fresh
{ printf 'id,name,established\nP9,'; head -c 1100000 /dev/zero | tr '\0' x; printf ',2020-01-01\n'; } >"$T/bad/parks.csv"
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:2: 行超过 1048576 字节，不是正常的 CSV 文件
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

fresh
printf 'id,name,established\nP9,"a"b,2020-01-01\n' >"$T/bad/parks.csv"
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:2: 引号使用不符合 CSV 规范（RFC 4180）：引号须包住整个单元格，单元格内的引号要写成两个 ""
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

fresh
printf 'id,name,established\nP9,"ab,2020-01-01\n' >"$T/bad/parks.csv"
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:2: 文件在引号内结束，缺少闭合的引号
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

fresh
: >"$T/bad/parks.csv"
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv: 文件是空的，至少要有表头行
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

fresh
printf 'id,name,,established,name\n' >"$T/bad/parks.csv"
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:1: 第 3 列没有列名
parks.csv:1: column name: 与第 2 列重复（都是 name）
safetrack: 导入失败（2 个错误），数据库未作任何修改
EOT
