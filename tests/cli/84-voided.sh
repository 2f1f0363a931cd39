# revision 2: voided records — import checks, the checker ignores them from
# their void date, export carries them byte for byte
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"
E1=91654200MA7A1B2C3W

run --db "$DB" import "$GOOD"
expect_rc 0
cp "$DB" "$T/before.db"

bad() { rm -rf "$T/bad"; mkdir "$T/bad"; cat >"$T/bad/$1"; }

# voided before the record's own date, without a reason, a reason without a date
bad hazards.csv <<EOT
id,enterprise,found,description,grade,voided,void_reason
H-1,$E1,2026-03-10,漏电,general,2026-03-09,重复录入
H-2,$E1,2026-03-10,漏电,general,2026-03-11,
H-3,$E1,2026-03-10,漏电,general,,重复录入
H-4,$E1,2026-03-10,漏电,general,2026-02-30,重复录入
EOT
rejected --db "$DB" import "$T/bad" <<EOT
hazards.csv:2: column voided: 作废日期 2026-03-09 早于发现日期 2026-03-10
hazards.csv:3: column void_reason: 作废的记录必须填写作废原因
hazards.csv:4: column void_reason: 填写了作废原因，但没有作废日期
hazards.csv:5: column voided: 值 '2026-02-30' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）
safetrack: 导入失败（4 个错误），数据库未作任何修改
EOT

# an accident's own date is a time: voided the same day is in order, the day before is not
bad accidents.csv <<EOT
id,enterprise,occurred,voided,void_reason
A-1,$E1,2026-05-01T10:00,2026-04-30,误报
EOT
rejected --db "$DB" import "$T/bad" <<EOT
accidents.csv:2: column voided: 作废日期 2026-04-30 早于发生时间 2026-05-01T10:00
safetrack: 导入失败（1 个错误），数据库未作任何修改
EOT

# parks and enterprises have no void columns
bad parks.csv <<EOT
id,name,established,voided,void_reason
P1,园区,2019-05-01,2026-01-01,撤销
EOT
rejected --db "$DB" import "$T/bad" <<EOT
parks.csv:1: column voided: 未知的列名
parks.csv:1: column void_reason: 未知的列名
safetrack: 导入失败（2 个错误），数据库未作任何修改
EOT

# hazchem activities: enum values, no repeats, not for hazchem none
bad enterprises.csv <<EOT
id,name,park,employees,hazchem,status,hazchem_activity
91654200MA7A1B2C40,乙,P1,3,none,construction,store
$E1,甲,P1,3,hazardous,construction,store;sell
91654200MA7A1B2C53,丙,P1,3,hazardous,construction,store; store
EOT
rejected --db "$DB" import "$T/bad" <<EOT
enterprises.csv:2: column hazchem_activity: 危险化学品类别为 none 的企业不能填写危险化学品活动
enterprises.csv:3: column hazchem_activity: 值 'sell' 不是 produce、store、use、trade 之一（多个用分号分隔）
enterprises.csv:4: column hazchem_activity: 危险化学品活动 'store' 重复列出
safetrack: 导入失败（3 个错误），数据库未作任何修改
EOT

# a hazard voided on 2026-05-10: open and past its deadline before, gone from that day
mkdir "$T/v"
cat >"$T/v/hazards.csv" <<EOT
id,enterprise,found,description,grade,measures,funds,owner,deadline,voided,void_reason
HAZ-9,$E1,2026-04-01,误录的隐患,general,整改,100,赵强,2026-04-10,2026/5/10,与 HAZ-1 重复
EOT
cat >"$T/v/enterprises.csv" <<EOT
id,name,park,employees,hazchem,status,operating_since,hazchem_activity
$E1,塔城化工有限公司,P1,420,hazardous,operating,2020-03-01, Store ;produce
EOT
run --db "$DB" import "$T/v"
expect_rc 0
[ "$(sqlite3 "$DB" "SELECT voided || '|' || void_reason FROM hazards WHERE id = 'HAZ-9'")" = "2026-05-10|与 HAZ-1 重复" ] ||
	fail "voided stored canonically"
[ "$(sqlite3 "$DB" "SELECT hazchem_activity FROM enterprises WHERE id = '$E1'")" = "produce;store" ] ||
	fail "activities stored in canonical order"
run --db "$DB" check --as-of 2026-05-09 --enterprise $E1 --rule HAZ-RECTIFY-DEADLINE --format tsv
expect_rc 2
expect_out "HAZ-9"
run --db "$DB" check --as-of 2026-05-10 --enterprise $E1 --rule HAZ-RECTIFY-DEADLINE --format tsv
grep -q "HAZ-9" "$out" && fail "voided hazard still judged on its void date"

# export → import → export keeps the void columns byte for byte
run --db "$DB" export "$T/one"
expect_rc 0
grep -qx "HAZ-9,$E1,,,2026-04-01,误录的隐患,general,整改,100,赵强,2026-04-10,,,,,2026-05-10,与 HAZ-1 重复" "$T/one/hazards.csv" ||
	fail "voided row exported"
head -n 1 "$T/one/enterprises.csv" | grep -q ",committee_member,hazchem_activity$" || fail "enterprises header"
run --db "$T/b.db" import "$T/one"
expect_rc 0
run --db "$T/b.db" export "$T/two"
expect_rc 0
diff -r "$T/one" "$T/two" >/dev/null || fail "export → import → export differs: $(diff -r "$T/one" "$T/two" | head)"

# licences (revision 2): expiry and renewal application not before the issue date
cp "$DB" "$T/before.db"
bad licences.csv <<EOT
id,enterprise,kind,number,issued,expires,renewal_applied
L-1,$E1,safety-production,许可证1,2026-03-01,2026-02-28,
L-2,$E1,safety-production,许可证2,2026-03-01,2029-02-28,2026-02-27
L-3,$E1,driving,许可证3,2026-03-01,2029-02-28,
L-4,NOPE,other,许可证4,2026-03-01,2029-02-28,
EOT
rejected --db "$DB" import "$T/bad" <<EOT
licences.csv:2: column expires: 有效期至 2026-02-28 早于发证日期 2026-03-01
licences.csv:3: column renewal_applied: 申请延期日期 2026-02-27 早于发证日期 2026-03-01
licences.csv:4: column kind: 值 'driving' 不是 safety-production、hazchem-trade、hazchem-use、other 之一
licences.csv:5: column enterprise: 企业 'NOPE' 不存在（档案和数据库中都没有）
safetrack: 导入失败（4 个错误），数据库未作任何修改
EOT
# the recording command takes a licence like import
run --db "$DB" add licence --enterprise $E1 --kind safety-production --issued 2026-03-01 \
	--expires 2029-02-28
expect_rc 0
[ "$(sqlite3 "$DB" "SELECT count(*) FROM licences WHERE enterprise = '$E1'")" = 1 ] || fail "add licence"
