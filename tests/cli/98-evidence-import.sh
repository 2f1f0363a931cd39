# evidence photos travel with the dossier: export writes them, import reads
# them back (same photos by content), twice adds nothing, and every bad
# evidence folder is refused with its exact error and nothing changed
. "$TOP/tests/cli/lib.sh"
DB="$T/park.db"
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0
python3 -c "
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
def png(n):
    raw = b''.join(b'\\x00' + bytes([n, 0, 0]) * 2 for _ in range(2))
    return b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 2, 8, 2, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
open('$T/a.png', 'wb').write(png(1))
open('$T/b.png', 'wb').write(png(2))
open('$T/c.jpg', 'wb').write(b'\\xff\\xd8\\xff\\xe0' + b'JFIF' * 10 + b'\\xff\\xd9')
open('$T/fake.jpg', 'wb').write(b'\\xff\\xd8\\xff<script>alert(1)</script>')
"
# three photos of two hazards (as the server stores them)
sqlite3 "$DB" "
INSERT INTO evidence (hazard, type, caption, data, added, added_by) VALUES
 ('HAZ-1', 'image/png', '整改前，\"通道\"', readfile('$T/a.png'), '2026-03-12T09:30:00', 'ent'),
 ('HAZ-1', 'image/png', NULL, readfile('$T/b.png'), '2026-03-18T16:00:00', 'ent'),
 ('HAZ-2', 'image/jpeg', '防火堤', readfile('$T/c.jpg'), '2026-04-05T10:00:00', NULL);" || fail "photos"
photos() { sqlite3 "$1" "SELECT hazard, type, caption, added, added_by, hex(sha3(data)) FROM evidence ORDER BY hazard, added"; }

run --db "$DB" export "$T/out"
expect_rc 0
expect_out "整改照片 3 张"
run --db "$T/copy.db" import "$T/out"
expect_rc 0
expect_out "整改照片 3 张。"
[ "$(photos "$T/copy.db")" = "$(photos "$DB")" ] || fail "photos differ: $(photos "$T/copy.db")"
[ "$(photos "$DB" | wc -l)" = 3 ] || fail "photos: $(photos "$DB")"
# the same folder again adds nothing
run --db "$T/copy.db" import "$T/out"
expect_rc 0
grep -q "整改照片" "$out" && fail "photos added twice: $(cat "$out")"
[ "$(photos "$T/copy.db")" = "$(photos "$DB")" ] || fail "photos after a second import"
# and the copy exports the same files
run --db "$T/copy.db" export "$T/out2"
expect_rc 0
(cd "$T/out/evidence" && sha256sum *) >"$T/sums1"
(cd "$T/out2/evidence" && sha256sum *) >"$T/sums2"
diff "$T/sums1" "$T/sums2" || fail "exported photos differ"

# bad evidence folders: the exact error, and the store as it was
bad() {   # NAME: import $T/$NAME into a copy of copy.db; expect failure
	cp "$T/copy.db" "$T/bad.db"
	dump_db "$T/bad.db" >"$T/before"
	run --db "$T/bad.db" import "$T/$1"
	expect_rc 1
	[ "$(dump_db "$T/bad.db")" = "$(cat "$T/before")" ] || fail "$1 changed the store"
}
mk() { rm -rf "$T/$1"; cp -r "$T/out" "$T/$1"; }
mk fake
cp "$T/fake.jpg" "$T/fake/evidence/HAZ-2-3.jpg"
bad fake
expect_err "evidence/index.csv 第 4 行：evidence/HAZ-2-3.jpg 不是 JPEG 或 PNG 图片"
expect_err "导入失败（1 个错误），数据库未作任何修改"
mk escape
sed -i 's|^HAZ-2-3.jpg,|../../a.png,|' "$T/escape/evidence/index.csv"
bad escape
expect_err "evidence/index.csv 第 4 行：文件名 '../../a.png' 无效（应为 evidence/ 中的文件名）"
mk missing
rm "$T/missing/evidence/HAZ-1-1.png"
bad missing
expect_err "evidence/index.csv 第 2 行：无法读取照片 evidence/HAZ-1-1.png"
mk header
sed -i '1s/.*/file,hazard,caption/' "$T/header/evidence/index.csv"
bad header
expect_err "evidence/index.csv: 表头应为 file,hazard,caption,added,added_by"
mk caption
python3 - "$T/caption/evidence/index.csv" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, encoding='utf-8').read().split('\n')
lines[3] = lines[3].replace('防火堤', '长' * 201)
open(p, 'w', encoding='utf-8').write('\n'.join(lines))
PY
bad caption
expect_err "evidence/index.csv 第 4 行：说明过长（最多 200 个字符）"
# a photo of a hazard neither stored nor in the dossier: the dossier is
# imported, the photos are not (all or none), and the command fails
mk orphan
sed -i 's|,HAZ-2,|,HAZ-404,|' "$T/orphan/evidence/index.csv"
rm -f "$T/orphan.db"
run --db "$T/orphan.db" import "$T/orphan"
expect_rc 1
expect_err "evidence/index.csv 第 4 行：没有隐患 'HAZ-404'"
expect_err "档案已导入，整改照片未导入（1 个错误）"
[ "$(sqlite3 "$T/orphan.db" "SELECT count(*) FROM evidence")" = 0 ] || fail "orphan photos stored"
[ "$(sqlite3 "$T/orphan.db" "SELECT count(*) FROM hazards")" -gt 0 ] || fail "dossier not imported"
