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
	rc = sqlite3_prepare_v2(db, "SELECT 1 FROM hazards WHERE id = ?", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, hazard, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return st_diag_add(diag, "没有隐患 '%s'", hazard);
	if (rc != SQLITE_ROW)
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
