/*
 * evidence.c — photos of a hazard's rectification (see st_evidence.h).
 *
 * The type of an upload is decided by its bytes, never by its name or the
 * type the browser claims: a PNG starts with its signature and an IHDR
 * chunk, a JPEG with SOI and a marker and ends with EOI.  What is served
 * back is then served with that type only.
 */
#include "st_evidence.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st_csv.h"
#include "st_store.h"

const char *st_evidence_sniff(const void *data, size_t len)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const unsigned char *d = data;

	if (len >= 33 && !memcmp(d, png, 8) && !memcmp(d + 12, "IHDR", 4))
		return "image/png";
	if (len >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) {
		size_t e = len;
		while (e > 4 && d[e - 1] == 0)   /* some cameras pad the end */
			e--;
		if (d[e - 2] == 0xff && d[e - 1] == 0xd9)
			return "image/jpeg";
	}
	return NULL;
}

static long utf8_len(const char *s)
{
	long n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int db_error(sqlite3 *db, struct st_diag *diag)
{
	return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
}

/* 1 when hazard exists (0 not, -1 error) */
static int hazard_exists(sqlite3 *db, const char *hazard)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT 1 FROM hazards WHERE id = ?", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, hazard, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int st_evidence_add(sqlite3 *db, const char *hazard, const void *data, size_t len,
		    const char *caption, const char *who, time_t now, long long *id,
		    struct st_diag *diag)
{
	const char *type;
	sqlite3_stmt *st = NULL;
	char added[32];
	struct tm tm;
	int rc;

	if (!len)
		return st_diag_add(diag, "没有选择照片");
	if (len > ST_EVIDENCE_MAX)
		return st_diag_add(diag, "照片超过 10 MiB");
	if (!(type = st_evidence_sniff(data, len)))
		return st_diag_add(diag, "文件不是 JPEG 或 PNG 图片");
	if (caption && utf8_len(caption) > ST_CAPTION_MAX)
		return st_diag_add(diag, "说明过长（最多 %d 个字符）", ST_CAPTION_MAX);
	if ((rc = hazard_exists(db, hazard)) == 0)
		return st_diag_add(diag, "没有隐患 '%s'", hazard);
	if (rc < 0)
		return db_error(db, diag);
	localtime_r(&now, &tm);
	strftime(added, sizeof added, "%Y-%m-%dT%H:%M:%S", &tm);
	st = NULL;
	rc = sqlite3_prepare_v2(db, "INSERT INTO evidence (hazard, type, caption, data, added, added_by)"
				    " VALUES (?, ?, ?, ?, ?, ?)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, hazard, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, caption && *caption ? caption : NULL, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_blob64(st, 4, data, len, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 5, added, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 6, who, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, diag);
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

long st_evidence_list(sqlite3 *db, const char *hazard, st_evidence_fn fn, void *arg,
		      struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	long n = 0;
	int rc = sqlite3_prepare_v2(db,
		"SELECT id, hazard, type, caption, added, added_by, length(data) FROM evidence"
		" WHERE ?1 IS NULL OR hazard = ?1 ORDER BY id", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, hazard, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct st_evidence_info e = {
			sqlite3_column_int64(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5),
			(size_t)sqlite3_column_int64(st, 6),
		};
		n++;
		if (fn(arg, &e)) {
			rc = SQLITE_DONE;
			break;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, diag);
	return n;
}

int st_evidence_get(sqlite3 *db, long long id, char *hazard, size_t hsize, char *type,
		    size_t tsize, void **data, size_t *len, struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT hazard, type, data FROM evidence WHERE id = ?", -1,
				    &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 2);
		const void *b = sqlite3_column_blob(st, 2);
		snprintf(hazard, hsize, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(type, tsize, "%s", (const char *)sqlite3_column_text(st, 1));
		*data = malloc(n ? n : 1);
		if (*data && n)
			memcpy(*data, b, n);
		*len = n;
		sqlite3_finalize(st);
		return *data ? 0 : st_diag_add(diag, "内存不足");
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	return db_error(db, diag);
}

/* a CSV field, quoted when it needs to be */
static void csv_field(FILE *f, const char *s, int last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

struct export_ctx {
	sqlite3 *db;
	const char *dir;
	FILE *index;
	struct st_diag *diag;
	int failed;
};

static int export_one(void *arg, const struct st_evidence_info *e)
{
	struct export_ctx *x = arg;
	char name[300], path[4400], hazard[200], type[32];
	void *data = NULL;
	size_t len = 0;
	FILE *f;
	int ok;

	/* the file name from the hazard id and the photo's number only */
	snprintf(name, sizeof name, "%s-%lld.%s", e->hazard, e->id,
		 strcmp(e->type, "image/png") ? "jpg" : "png");
	for (char *p = name; *p; p++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20)
			*p = '_';
	snprintf(path, sizeof path, "%s/evidence/%s", x->dir, name);
	if (st_evidence_get(x->db, e->id, hazard, sizeof hazard, type, sizeof type, &data, &len,
			    x->diag)) {
		x->failed = 1;
		return 1;
	}
	f = fopen(path, "wb");
	ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f))
		ok = 0;
	free(data);
	if (!ok) {
		st_diag_add(x->diag, "%s: 无法写出照片", path);
		x->failed = 1;
		return 1;
	}
	csv_field(x->index, name, 0);
	csv_field(x->index, e->hazard, 0);
	csv_field(x->index, e->caption, 0);
	csv_field(x->index, e->added, 0);
	csv_field(x->index, e->added_by, 1);
	return 0;
}

static int count_one(void *arg, const struct st_evidence_info *e)
{
	(void)arg;
	(void)e;
	return 1;   /* one is enough to know */
}

long st_evidence_export(sqlite3 *db, const char *dir, struct st_diag *diag)
{
	struct export_ctx x = { db, dir, NULL, diag, 0 };
	char path[4200];
	long n = st_evidence_list(db, NULL, count_one, NULL, diag);

	if (n <= 0)
		return n;
	snprintf(path, sizeof path, "%s/evidence", dir);
	if (mkdir(path, 0777) && errno != EEXIST)
		return st_diag_add(diag, "%s: 无法建立文件夹: %s", path, strerror(errno));
	snprintf(path, sizeof path, "%s/evidence/index.csv", dir);
	if (!(x.index = fopen(path, "w")))
		return st_diag_add(diag, "%s: 无法写出: %s", path, strerror(errno));
	fputs("file,hazard,caption,added,added_by\n", x.index);
	n = st_evidence_list(db, NULL, export_one, &x, diag);
	if (fclose(x.index) && !x.failed) {
		st_diag_add(diag, "%s: 无法写出: %s", path, strerror(errno));
		x.failed = 1;
	}
	return n < 0 || x.failed ? -1 : n;
}

/* ---- import: the photos beside an imported dossier ---- */

struct import_ctx {
	sqlite3 *db;
	const char *dir;
	int store;                 /* 0: check only */
	struct st_diag *diag;
	long added;
	int failed;
};

static const char *const index_cols[] = { "file", "hazard", "caption", "added", "added_by" };

/* the bytes of DIR/evidence/NAME (at most ST_EVIDENCE_MAX + 1 read), or
 * NULL with *len 0 when it cannot be read */
static void *read_photo(const char *dir, const char *name, size_t *len)
{
	char path[4400];
	FILE *f;
	void *data;

	*len = 0;
	snprintf(path, sizeof path, "%s/evidence/%s", dir, name);
	if (!(f = fopen(path, "rb")))
		return NULL;
	if ((data = malloc(ST_EVIDENCE_MAX + 1)))
		*len = fread(data, 1, ST_EVIDENCE_MAX + 1, f);
	if (ferror(f)) {
		free(data);
		data = NULL;
		*len = 0;
	}
	fclose(f);
	return data;
}

/* store one photo unless the hazard has the same bytes already: 1 added,
 * 0 kept, -1 error */
static int import_store(sqlite3 *db, char **v, const char *type, const void *data, size_t len)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT 1 FROM evidence WHERE hazard = ?1 AND data = ?2",
				    -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, v[1], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_blob64(st, 2, data, len, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return -1;
	st = NULL;
	rc = sqlite3_prepare_v2(db, "INSERT INTO evidence (hazard, type, caption, data, added, added_by)"
				    " VALUES (?, ?, ?, ?, ?, ?)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, v[1], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, *v[2] ? v[2] : NULL, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_blob64(st, 4, data, len, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 5, v[3], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 6, *v[4] ? v[4] : NULL, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 1 : -1;
}

static int import_row(void *arg, long line, size_t n, char **v)
{
	struct import_ctx *x = arg;
	const char *type;
	void *data;
	size_t len;
	int rc;

	if (line == 1 && x->added == 0 && !x->failed && n == 5 && !strcmp(v[0], "file")) {
		for (size_t i = 0; i < 5; i++)
			if (strcmp(v[i], index_cols[i])) {
				st_diag_add(x->diag, "evidence/index.csv: 表头应为 file,hazard,caption,added,added_by");
				return x->failed = 1;
			}
		return 0;
	}
	if (line == 1) {
		st_diag_add(x->diag, "evidence/index.csv: 表头应为 file,hazard,caption,added,added_by");
		return x->failed = 1;
	}
#define ROW_ERROR(...) do { \
		st_diag_add(x->diag, "evidence/index.csv 第 %ld 行：" __VA_ARGS__); \
		x->failed = 1; \
		return 0; \
	} while (0)
	if (n != 5)
		ROW_ERROR("应有 5 列，实有 %zu 列", line, n);
	/* a plain file name in evidence/: nothing that leaves the folder */
	if (!*v[0] || strchr(v[0], '/') || strchr(v[0], '\\') || v[0][0] == '.')
		ROW_ERROR("文件名 '%s' 无效（应为 evidence/ 中的文件名）", line, v[0]);
	if (!*v[1])
		ROW_ERROR("缺少隐患编号（hazard）", line);
	if (!*v[3])
		ROW_ERROR("缺少上传时间（added）", line);
	if (utf8_len(v[2]) > ST_CAPTION_MAX)
		ROW_ERROR("说明过长（最多 %d 个字符）", line, ST_CAPTION_MAX);
	if (!(data = read_photo(x->dir, v[0], &len)))
		ROW_ERROR("无法读取照片 evidence/%s", line, v[0]);
	if (len > ST_EVIDENCE_MAX) {
		free(data);
		ROW_ERROR("照片 evidence/%s 超过 10 MiB", line, v[0]);
	}
	if (!(type = st_evidence_sniff(data, len))) {
		free(data);
		ROW_ERROR("evidence/%s 不是 JPEG 或 PNG 图片", line, v[0]);
	}
	if (!x->store) {
		free(data);
		return 0;
	}
	if ((rc = hazard_exists(x->db, v[1])) == 0) {
		free(data);
		ROW_ERROR("没有隐患 '%s'", line, v[1]);
	}
	if (rc > 0)
		rc = import_store(x->db, v, type, data, len);
	free(data);
	if (rc < 0) {
		db_error(x->db, x->diag);
		return x->failed = 1;
	}
	x->added += rc;
	return 0;
#undef ROW_ERROR
}

long st_evidence_import(sqlite3 *db, const char *dir, int store, struct st_diag *diag)
{
	struct import_ctx x = { db, dir, store, diag, 0, 0 };
	char path[4200];
	int rc;

	snprintf(path, sizeof path, "%s/evidence/index.csv", dir);
	if (access(path, F_OK) != 0)
		return 0;
	if (store && st_store_begin(db, diag))
		return -1;
	rc = st_csv_read(path, "evidence/index.csv", import_row, &x, diag);
	if (rc < 0 || x.failed) {
		if (store)
			st_store_rollback(db);
		return -1;
	}
	if (store && st_store_commit(db, diag))
		return -1;
	return x.added;
}
