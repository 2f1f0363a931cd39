# Outputs that cannot destroy the store, mix two writers, follow a planted
# link, or be left half-written (issue #15 items 3, 4, 6).
. "$TOP/tests/cli/lib.sh"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"
run --db "$DB" import "$GOOD"
expect_rc 0
cp "$DB" "$T/copy.db"
dump_db "$DB" >"$T/before.sql"
unchanged() {
	[ "$(dump_db "$DB")" = "$(cat "$T/before.sql")" ] || fail "the database changed"
	cmp -s "$DB" "$T/copy.db" || fail "the database file changed"
}

# --- item 6: -o may not be the database or its -wal/-shm ------------------
for o in "$DB" "$DB-wal" "$DB-shm" "$T/./park.db"; do
	run --db "$DB" report park --as-of 2026-11-28 -o "$o"
	expect_rc 1
	expect_err "safetrack: $o: 这是数据库 $DB"
	expect_err "不能作为输出文件（会毁掉数据库），请换一个文件名"
	unchanged
done
# the same file under another name (a hard link), and a relative name
ln "$DB" "$T/alias.db"
run --db "$DB" report park --as-of 2026-11-28 -o "$T/alias.db"
expect_rc 1
expect_err "这是数据库 $DB 本身"
unchanged
(cd "$T" && $ST --db park.db report park --as-of 2026-11-28 -o "$T/park.db") >"$out" 2>"$err" && fail "relative --db"
expect_err "这是数据库 park.db 本身"
unchanged
[ ! -e "$DB.lock" ] && [ ! -e "$DB-wal.lock" ] || fail "lock file left behind"
rm "$T/alias.db"

# --- item 3: temporaries never follow a planted link ----------------------
# The old fixed names, planted as links to a victim file: the victim stays.
echo "victim" >"$T/victim"
ln -s "$T/victim" "$T/r.html.tmp"
ln -s "$T/victim" "$T/.r.html.tmp"
run --db "$DB" report park --as-of 2026-11-28 -o "$T/r.html"
expect_rc 0
[ "$(cat "$T/victim")" = victim ] || fail "report wrote through a planted link"
grep -q '</html>' "$T/r.html" || fail "report incomplete"
run --db "$DB" export "$T/exp"
expect_rc 0
for f in "$T"/exp/*.csv; do ln -sf "$T/victim" "$T/exp/.$(basename "$f").tmp"; done
rm -f "$T"/exp/.*.tmp
mkdir -p "$T/exp2"
for k in parks enterprises workers; do ln -s "$T/victim" "$T/exp2/.$k.csv.tmp"; done
run --db "$DB" export "$T/exp2"
expect_rc 1
expect_err "文件夹中有不属于园区档案的"
[ "$(cat "$T/victim")" = victim ] || fail "export wrote through a planted link"
rm -rf "$T/exp2"

# --- item 3: a second writer to the same destination is refused -----------
# Another process holds FILE.lock (a POSIX record lock, as safetrack takes
# it): the run is refused at once, with the lock named, and writes nothing.
# The holder keeps the lock until release_lock (or 120 s as a safety net), so
# a slow, loaded machine cannot let the lock lapse before safetrack runs.
hold_lock() {
	python3 -c 'import fcntl, os, sys, time
f = open(sys.argv[1], "w"); fcntl.lockf(f, fcntl.LOCK_EX); open(sys.argv[1] + ".held", "w").close()
t = time.time()
while not os.path.exists(sys.argv[1] + ".release") and time.time() - t < 120: time.sleep(0.02)' "$1" &
	holder=$!
	while [ ! -e "$1.held" ]; do sleep 0.05; done
}
release_lock() {
	: > "$1.release"
	wait "$holder"
	rm -f "$1.held" "$1.release"
}
cp "$T/r.html" "$T/r-before.html"
hold_lock "$T/r.html.lock"
run --db "$DB" report park --as-of 2026-11-28 -o "$T/r.html"
expect_rc 1
expect_err "safetrack: $T/r.html: 另一个 safetrack 正在写入同一位置（锁文件 $T/r.html.lock），请等它完成后再试"
release_lock "$T/r.html.lock"
cmp -s "$T/r.html" "$T/r-before.html" || fail "a refused writer changed the report"
hold_lock "$T/exp.lock"
run --db "$DB" export "$T/exp"
expect_rc 1
expect_err "另一个 safetrack 正在写入同一位置（锁文件 $T/exp.lock）"
release_lock "$T/exp.lock"
# a lock whose holder is gone (killed) does not block: the kernel dropped it
run --db "$DB" report park --as-of 2026-11-28 -o "$T/r.html"
expect_rc 0
[ ! -e "$T/r.html.lock" ] || fail "lock file left behind"

# Two reports to the same file at once, ten times: each either writes the
# whole report or is refused; the file is always one whole report.
run --db "$DB" report park --as-of 2026-11-28
cp "$out" "$T/park.html"
for i in 1 2 3 4 5 6 7 8 9 10; do
	rm -f "$T/same.html"
	$ST --db "$DB" report park --as-of 2026-11-28 -o "$T/same.html" 2>"$T/a.err" &
	a=$!
	rb=0
	$ST --db "$DB" report park --as-of 2026-11-28 -o "$T/same.html" 2>"$T/b.err" || rb=$?
	ra=0
	wait $a || ra=$?
	for x in "$ra a" "$rb b"; do
		set -- $x
		[ "$1" = 0 ] || grep -q "另一个 safetrack 正在写入同一位置" "$T/$2.err" ||
			fail "run $i: exit $1: $(cat "$T/$2.err")"
	done
	# the generation time may differ by a second between the two runs
	sed 's/[0-9-]*T[0-9:]*//g' "$T/same.html" >"$T/same.cmp"
	sed 's/[0-9-]*T[0-9:]*//g' "$T/park.html" >"$T/park.cmp"
	cmp -s "$T/same.cmp" "$T/park.cmp" || fail "run $i: the report is not one whole report"
done
ls -a "$T" | grep -q '^\.same\.html\.' && fail "temporary left behind"

# --- item 4: export is atomic ---------------------------------------------
# An existing folder is replaced as a whole, so it may hold only dossier
# files; anything else is named and nothing changes.
mkdir "$T/mixed"
cp "$GOOD/parks.csv" "$T/mixed/"
echo "officer's notes" >"$T/mixed/notes.txt"
run --db "$DB" export "$T/mixed"
expect_rc 1
expect_err "safetrack: $T/mixed: 文件夹中有不属于园区档案的 notes.txt；导出会整体替换该文件夹，请导出到新的文件夹，或先移走该文件"
[ "$(ls "$T/mixed" | tr '\n' ' ')" = "notes.txt parks.csv " ] || fail "mixed folder changed"

# A second store with different records, exported over the first export.
cp "$DB" "$T/db2.db"
run --db "$T/db2.db" add meeting --park P1 --date 2026-05-01 --kind joint
expect_rc 0
run --db "$T/db2.db" export "$T/new"
expect_rc 0
rm -rf "$T/old" && cp -r "$T/exp" "$T/old"
ls -a "$T" | grep -q '^\.exp\.export-' && fail "temporary folder left behind"

# Killed at every rename it makes (strace injects SIGKILL at the Nth
# rename, renameat or renameat2): the folder is the whole old export or the
# whole new one, never a mix that imports cleanly.  The earlier export
# renamed 13 files one by one: killed at the 6th it left 5 new files.
# Before the swap, every file and the new folder are fsync'ed.
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
	# LeakSanitizer cannot run under a tracer (it ptraces the process
	# itself); the sanitizer build checks leaks in the untraced runs
	nolsan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	for n in 1 2 3 4 6 9 13; do
		rm -rf "$T/exp" && cp -r "$T/old" "$T/exp"
		ASAN_OPTIONS=$nolsan strace -f -qq -o /dev/null -e trace=rename,renameat,renameat2 \
			-e inject=rename,renameat,renameat2:signal=KILL:when=$n \
			$SAFETRACK --db "$T/db2.db" export "$T/exp" >/dev/null 2>&1 && killed=0 || killed=1
		if diff -r "$T/exp" "$T/old" >/dev/null 2>&1; then
			[ "$killed" = 1 ] || fail "kill at rename $n: exit 0 but the old export"
		elif ! diff -r "$T/exp" "$T/new" >/dev/null 2>&1; then
			fail "kill at rename $n: a mix of old and new: $(diff -rq "$T/exp" "$T/new" | head -3)"
		fi
	done
	ASAN_OPTIONS=$nolsan strace -f -qq -o "$T/trace" -e trace=fsync,rename,renameat,renameat2 \
		$SAFETRACK --db "$T/db2.db" export "$T/exp" >/dev/null 2>&1 || fail "traced export"
	nsync=$(grep -c '^[0-9]* *fsync' "$T/trace")
	first_rename=$(grep -n 'rename' "$T/trace" | head -1 | cut -d: -f1)
	last_sync_before=$(head -n "$first_rename" "$T/trace" | grep -c 'fsync')
	[ "$last_sync_before" -ge 14 ] || fail "only $last_sync_before fsyncs before the swap: $(cat "$T/trace")"
	tail -n +"$first_rename" "$T/trace" | grep -q fsync || fail "the parent folder not fsync'ed after the swap"
	diff -r "$T/exp" "$T/new" >/dev/null || fail "export after the kills"
else
	echo "skipped: strace cannot trace here"
fi

# What a killed run left beside the destination is removed by the next run,
# under the lock (nobody else can be writing it); other names stay.
mkdir "$T/.exp.export-AbC123"
echo x >"$T/.exp.export-AbC123/parks.csv"
echo x >"$T/.r.html.Zz9Yy8"
echo keep >"$T/.r.html.notmine"
run --db "$DB" export "$T/exp"
expect_rc 0
run --db "$DB" report park --as-of 2026-11-28 -o "$T/r.html"
expect_rc 0
[ ! -e "$T/.exp.export-AbC123" ] || fail "stale export folder left"
[ ! -e "$T/.r.html.Zz9Yy8" ] || fail "stale report temporary left"
[ -e "$T/.r.html.notmine" ] || fail "removed a file that is not a temporary"
