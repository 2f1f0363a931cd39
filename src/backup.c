/*
 * backup.c — online backup and verified restore through SQLite's backup API
 * (see st_backup.h).
 *
 * The backup is one sqlite3_backup_step(-1): every page inside one read
 * transaction of the source.  In WAL mode that read transaction does not
 * block writers, and the copy is exactly the store as of one commit; the
 * incremental form (a few pages per step) would restart whenever another
 * connection wrote, and could starve under a busy server.
 *
 * The schema of a backup is verified against the schema this program
 * itself builds for the backup's version, in an in-memory database: same
 * tables, indexes and triggers, same SQL.  A file that merely has tables of
 * the right names is not enough to be restored over a park's records.
 */
#include "st_backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st_outfile.h"
#include "st_store.h"

/* copy every page of src into dst in one step, waiting while dst is locked
 * by another writer (up to the busy timeout); 0 or -1 with a message */
static int copy_pages(sqlite3 *dst, sqlite3 *src, struct st_diag *diag)
{
	for (int waited = 0;; waited += 50) {
		sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
		int rc;

		if (!b)
			return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(dst));
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
		if (rc == SQLITE_DONE)
			return 0;
		if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
		    waited >= ST_STORE_BUSY_MS)
			return st_diag_add(diag, "数据库错误: %s",
					   sqlite3_errcode(dst) != SQLITE_OK ? st_store_errmsg(dst)
									     : st_store_errmsg(src));
		sqlite3_sleep(50);
	}
}

/* the single text value of sql on db into buf; 0 or -1 */
static int one_text(sqlite3 *db, const char *sql, char *buf, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, n, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

int st_backup_to(sqlite3 *db, const char *db_path, const char *path, struct st_diag *diag)
{
	struct st_lock lock = { .fd = -1 };
	char *dir = NULL, *copy = NULL, *tmp = NULL;
	sqlite3 *dst = NULL;
	char mode[32];
	int fd = -1, rc = -1;

	if (st_output_not_store(path, db_path, diag) || st_lock_take(path, &lock, diag))
		return -1;
	if (!(dir = st_dirname(path)) || !(copy = strdup(path)) ||
	    !(tmp = malloc(strlen(dir) + strlen(path) + 16))) {
		st_diag_add(diag, "内存不足");
		goto out;
	}
	sprintf(tmp, "%s/.%s.", dir, basename(copy));
	/* under the lock: what a killed backup left beside */
	st_remove_stale(dir, tmp + strlen(dir) + 1);
	strcat(tmp, "XXXXXX");
	/* a new file of no bytes (O_EXCL), which SQLite opens as empty; 0600:
	 * a backup holds every record of the park */
	if ((fd = mkstemp(tmp)) < 0) {
		st_diag_add(diag, "%s: 无法写入: %s", path, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		st_diag_add(diag, "%s: 无法写入: %s", path, dst ? st_store_errmsg(dst) : "内存不足");
		goto out;
	}
	sqlite3_extended_result_codes(dst, 1);
	if (copy_pages(dst, db, diag))
		goto out;
	/* one self-contained file: the copy of a WAL store is WAL too, and
	 * would want a -wal beside it */
	if (one_text(dst, "PRAGMA journal_mode = DELETE", mode, sizeof mode) || strcmp(mode, "delete")) {
		st_diag_add(diag, "%s: 无法写入: %s", path, st_store_errmsg(dst));
		goto out;
	}
	if (one_text(dst, "PRAGMA integrity_check", mode, sizeof mode) || strcmp(mode, "ok")) {
		st_diag_add(diag, "%s: 备份的完整性检查未通过: %s", path, mode);
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		st_diag_add(diag, "%s: 无法写入: %s", path, st_store_errmsg(dst));
		goto out;
	}
	dst = NULL;
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0 || st_fsync_fd(fd) != 0) {
		st_diag_add(diag, "%s: 无法同步到磁盘: %s", path, strerror(errno));
		goto out;
	}
	if (rename(tmp, path) != 0) {
		st_diag_add(diag, "%s: 无法写入: %s", path, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	rc = st_fsync_parent(path, diag);
out:
	if (fd >= 0)
		close(fd);
	sqlite3_close(dst);
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(copy);
	free(dir);
	st_lock_release(&lock);
	return rc;
}

/* open a backup file read-only, immutable (nobody writes it) */
static int open_backup(const char *path, sqlite3 **out, struct st_diag *diag)
{
	char *uri, wal[4096];
	struct stat sb;

	*out = NULL;
	if (stat(path, &sb) != 0)
		return st_diag_add(diag, "%s: 无法读取备份: %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return st_diag_add(diag, "%s: 不是普通文件", path);
	if (sb.st_size == 0)
		return st_diag_add(diag, "%s: 备份文件是空的", path);
	if (st_store_check_header(path, diag))
		return -1;
	/* a copy of a live WAL store with its -wal beside it is not one whole
	 * file: reading it alone would miss the latest commits */
	if (snprintf(wal, sizeof wal, "%s-wal", path) < (int)sizeof wal && stat(wal, &sb) == 0 &&
	    sb.st_size > 0)
		return st_diag_add(diag, "%s: 旁边有未合并的 %s，不是 safetrack backup 生成的完整备份",
				   path, wal);
	if (!(uri = st_store_ro_uri(path, 1)))
		return st_diag_add(diag, "内存不足");
	if (sqlite3_open_v2(uri, out, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		st_diag_add(diag, "%s: 无法读取备份: %s", path, *out ? st_store_errmsg(*out) : "内存不足");
		sqlite3_close(*out);
		*out = NULL;
	}
	sqlite3_free(uri);
	if (*out)
		sqlite3_extended_result_codes(*out, 1);
	return *out ? 0 : -1;
}

/* the backup's schema against the one this program builds for `version` */
static int same_schema(sqlite3 *b, int version, const char *path, struct st_diag *diag)
{
	static const char sql[] = "SELECT type, name, sql FROM sqlite_master"
				  " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
	sqlite3 *ref = NULL;
	sqlite3_stmt *x = NULL, *y = NULL;
	int rc = -1, rx, ry;

	if (sqlite3_open(":memory:", &ref) != SQLITE_OK || st_store_set_command(ref, NULL) ||
	    st_store_migrate(ref, version, diag)) {
		if (!diag->count)
			st_diag_add(diag, "内存不足");
		goto out;
	}
	if (sqlite3_prepare_v2(ref, sql, -1, &x, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b, sql, -1, &y, NULL) != SQLITE_OK) {
		st_diag_add(diag, "%s: 无法读取数据库结构: %s", path, st_store_errmsg(b));
		goto out;
	}
	for (;;) {
		rx = sqlite3_step(x);
		ry = sqlite3_step(y);
		if (rx != SQLITE_ROW || ry != SQLITE_ROW)
			break;
		for (int i = 0; i < 3; i++) {
			const char *a = (const char *)sqlite3_column_text(x, i);
			const char *c = (const char *)sqlite3_column_text(y, i);
			if (strcmp(a ? a : "", c ? c : "")) {
				st_diag_add(diag, "%s: 数据库结构与 safetrack 第 %d 版不符（%s %s）", path,
					    version, sqlite3_column_text(y, 0), sqlite3_column_text(y, 1));
				goto out;
			}
		}
	}
	if (rx == SQLITE_DONE && ry == SQLITE_DONE)
		rc = 0;
	else if (rx == SQLITE_ROW || ry == SQLITE_ROW)
		st_diag_add(diag, "%s: 数据库结构与 safetrack 第 %d 版不符（%s %s）", path, version,
			    sqlite3_column_text(rx == SQLITE_ROW ? x : y, 0),
			    rx == SQLITE_ROW ? "缺少" : "多出");
	else
		st_diag_add(diag, "%s: 无法读取数据库结构: %s", path, st_store_errmsg(b));
out:
	sqlite3_finalize(x);
	sqlite3_finalize(y);
	sqlite3_close(ref);
	return rc;
}

int st_backup_verify(const char *path, int *version, struct st_diag *diag)
{
	sqlite3 *b;
	sqlite3_stmt *st = NULL;
	size_t before = diag->count;
	int v = -1, n = 0;

	if (open_backup(path, &b, diag))
		return -1;
	if (sqlite3_prepare_v2(b, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		st_diag_add(diag, "%s: 无法读取备份: %s", path, st_store_errmsg(b));
	sqlite3_finalize(st);
	st = NULL;
	if (diag->count > before)
		goto out;
	if (v < 1 || v > ST_STORE_VERSION) {
		st_diag_add(diag, v == 0 ? "%s: 不是 safetrack 数据库（没有版本号）"
					 : "%s: 数据库版本为 %d，本程序只能恢复第 1 至 %d 版", path, v,
			    ST_STORE_VERSION);
		goto out;
	}
	/* every page read and checked: a torn or bit-flipped copy fails here */
	if (sqlite3_prepare_v2(b, "PRAGMA integrity_check(20)", -1, &st, NULL) != SQLITE_OK) {
		st_diag_add(diag, "%s: 无法读取备份: %s", path, st_store_errmsg(b));
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok"))
			st_diag_add(diag, "%s: 完整性检查未通过: %s", path, r);
	}
	if (sqlite3_errcode(b) != SQLITE_OK && sqlite3_errcode(b) != SQLITE_DONE &&
	    diag->count == before)
		st_diag_add(diag, "%s: 完整性检查未通过: %s", path, st_store_errmsg(b));
	sqlite3_finalize(st);
	st = NULL;
	if (diag->count > before || same_schema(b, v, path, diag))
		goto out;
	if (sqlite3_prepare_v2(b, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
		st_diag_add(diag, "%s: 无法读取备份: %s", path, st_store_errmsg(b));
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n++ < 5)
			st_diag_add(diag, "%s: %s 中有记录（rowid %lld）引用了不存在的 %s 记录", path,
				    sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
				    sqlite3_column_text(st, 2));
out:
	sqlite3_finalize(st);
	sqlite3_close(b);
	*version = v;
	return diag->count > before ? -1 : 0;
}

int st_backup_restore(sqlite3 *db, const char *path, struct st_diag *diag)
{
	sqlite3 *b, *mem = NULL;
	int v, rc;

	if (st_backup_verify(path, &v, diag) || open_backup(path, &b, diag))
		return -1;
	/* an older backup is brought forward in memory first, so that the
	 * live store is only ever replaced by a whole, current one */
	if (v < ST_STORE_VERSION) {
		rc = sqlite3_open(":memory:", &mem) != SQLITE_OK || st_store_set_command(mem, NULL) ||
		     copy_pages(mem, b, diag) || st_store_migrate(mem, ST_STORE_VERSION, diag) ? -1 : 0;
		if (rc && !diag->count)
			st_diag_add(diag, "内存不足");
	} else {
		rc = 0;
	}
	if (rc == 0)
		rc = copy_pages(db, mem ? mem : b, diag);
	sqlite3_close(mem);
	sqlite3_close(b);
	return rc;
}
