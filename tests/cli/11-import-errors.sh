# import: every kind of bad row is reported exactly, exit 1, nothing written
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"
E1=91654200MA7A1B2C3W

run --db "$DB" import "$GOOD"
expect_rc 0
cp "$DB" "$T/before.db"

# bad FILE: a dossier of one file, read from stdin
bad() { rm -rf "$T/bad"; mkdir "$T/bad"; cat >"$T/bad/$1"; }
ITEMS=item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item13

bad inspections.csv <<EOT
id,enterprise,date,kind,$ITEMS
I-1,$E1,2026-04-01,quarterly,pass,pass,pass,pass,passs,pass,pass,pass,pass,pass,pass,pass,pass
EOT
rejected --db "$DB" import "$T/bad" <<EOT
inspections.csv:2: column item5: 值 'passs' 不是 pass、fail、na 之一
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

bad hazards.csv <<EOT
id,enterprise,found,description,grade,deadline
H-1,$E1,2026-02-30,漏电,general,2026/4/31
EOT
rejected --db "$DB" import "$T/bad" <<EOT
hazards.csv:2: column found: 值 '2026-02-30' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）
hazards.csv:2: column deadline: 值 '2026/4/31' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）
safetrack: 导入失败（2 个错误），数据库未作任何修改
EOT

bad enterprises.csv <<EOT
id,name,park,employees,hazchem,status
91654200MA7A1B2C3X,甲,P1,3,none,closed
91654200MA7A1B2C,乙,P1,3,none,closed
91654200MA7A1B2CIW,丙,P1,3,none,closed
EOT
rejected --db "$DB" import "$T/bad" <<EOT
enterprises.csv:2: column id: 值 '91654200MA7A1B2C3X' 无效：统一社会信用代码校验位不正确（应为 W）
enterprises.csv:3: column id: 值 '91654200MA7A1B2C' 无效：统一社会信用代码应为 18 位
enterprises.csv:4: column id: 值 '91654200MA7A1B2CIW' 无效：统一社会信用代码含有不允许的字符（不得使用 I、O、S、V、Z 及小写字母）
safetrack: 导入失败（3 个错误），数据库未作任何修改
EOT

bad enterprises.csv <<EOT
id,name,park,employees,hazchem,status,operating_since
91654200MA7A1B2C66,丁,P1,3,none,operating,
EOT
rejected --db "$DB" import "$T/bad" <<EOT
enterprises.csv:2: column operating_since: 企业状态为 operating 时必须填写投产日期
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

bad parks.csv <<EOT
id,name,established,manager
P3,新园区,2020-01-01,张三
EOT
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:1: column manager: 未知的列名
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

bad meetings.csv <<EOT
id,park,kind,会议纪要
M-9,P1,quarterly,纪要
EOT
rejected --db "$DB" import "$T/bad" <<EOT
meetings.csv:1: column date: 缺少必填列
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

# dangling references: to a missing enterprise, inspection, worker, park;
# to an inspection of another enterprise
bad hazards.csv <<EOT
id,enterprise,inspection,item,found,description,grade
H-1,91654200MA7A1B2C66,,,2026-03-01,漏电,general
H-2,$E1,INSP-404,5,2026-03-01,漏电,general
H-3,91654200MA7A1B2C40,INSP-1,5,2026-03-01,漏电,general
EOT
rejected --db "$DB" import "$T/bad" <<EOT
hazards.csv:2: column enterprise: 企业 '91654200MA7A1B2C66' 不存在（档案和数据库中都没有）
hazards.csv:3: column inspection: 检查记录 'INSP-404' 不存在（档案和数据库中都没有）
hazards.csv:4: column inspection: 检查记录 'INSP-1' 属于企业 $E1，不是本行的企业 91654200MA7A1B2C40
safetrack: 导入失败（3 个错误），数据库未作任何修改
EOT

bad drills.csv <<EOT
id,park,date,participants
D-9,P9,2026-05-01,$E1
D-10,P1,2026-05-01,$E1;91654200MA7A1B2C66
EOT
rejected --db "$DB" import "$T/bad" <<EOT
drills.csv:2: column park: 园区 'P9' 不存在（档案和数据库中都没有）
drills.csv:3: column participants: 企业 '91654200MA7A1B2C66' 不存在（档案和数据库中都没有）
safetrack: 导入失败（2 个错误），数据库未作任何修改
EOT

# a reference to a row rejected in the same dossier is not reported twice
rm -rf "$T/bad"; mkdir "$T/bad"
cat >"$T/bad/workers.csv" <<EOT
id,enterprise,name,hired
W-9,$E1,张三,2026-13-01
EOT
cat >"$T/bad/certificates.csv" <<EOT
id,enterprise,worker,kind,expires
C-9,$E1,W-9,焊接与热切割作业,2030-01-01
EOT
rejected --db "$DB" import "$T/bad" <<EOT
workers.csv:2: column hired: 值 '2026-13-01' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

bad workers.csv <<EOT
id,enterprise,name
W-5,$E1,张三
W-6,$E1,李四
W-5,$E1,王五
EOT
rejected --db "$DB" import "$T/bad" <<EOT
workers.csv:4: column id: 编号 'W-5' 与第 2 行重复
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

# the line is the physical line a record starts on
bad meetings.csv <<EOT
id,park,date,kind,minutes
M-7,P1,2026-04-01,quarterly,"第一行
第二行"
M-8,P1,2026-04-01,weekly,纪要
M-9,P1,2026-04-01,quarterly,纪要,多余
EOT
rejected --db "$DB" import "$T/bad" <<EOT
meetings.csv:4: column kind: 值 'weekly' 不是 quarterly、joint 之一
meetings.csv:5: 该行有 6 个字段，表头有 5 列
safetrack: 导入失败（2 个错误），数据库未作任何修改
EOT

# only the first 20 problems are listed
{
	echo "id,park,date,kind"
	for i in $(seq 1 21); do echo "M-$i,P1,2026-04-01,weekly"; done
} | bad meetings.csv
run --db "$DB" import "$T/bad"
expect_rc 1
[ "$(wc -l <"$err")" -eq 22 ] || fail "expected 20 errors, the count line and the summary"
expect_err "meetings.csv:21: column kind: 值 'weekly' 不是 quarterly、joint 之一"
expect_err "……另有 1 条错误未列出"
expect_err "safetrack: 导入失败（21 个错误），数据库未作任何修改"
same_db "$DB" "$T/before.db"

# a good file beside a bad one: nothing of either lands
rm -rf "$T/bad"; mkdir "$T/bad"
printf 'id,name,established\nP7,好园区,2020-01-01\n' >"$T/bad/parks.csv"
printf 'id,park,date,kind\nM-1,P7,2026-01-01,monthly\n' >"$T/bad/meetings.csv"
rejected --db "$DB" import "$T/bad" <<EOT
meetings.csv:2: column kind: 值 'monthly' 不是 quarterly、joint 之一
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT
