/*
 * dossier_io.c — importing a dossier folder and exporting one (see
 * st_dossier.h and docs/dossier.md).
 *
 * Before anything else every file is scanned for its encoding (GBK that is
 * valid UTF-8 would import as gibberish; st_encoding.h).
 *
 * Import runs in two passes.  The first looks at the folder and at every
 * file's header only: an unknown file name or a bad header makes the rows
 * meaningless (every row of a file without its `enterprise` column would be
 * an error), so those are reported alone, before any row is read.  The
 * second pass feeds each row to st_recorder_put() in dependency order inside
 * one transaction, and keeps going after a bad row so that the user sees up
 * to ST_DIAG_KEEP problems at once; any problem rolls everything back.
 */
#include "st_dossier.h"
#include "st_msg.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <libgen.h>

#include "st_csv.h"
#include "st_encoding.h"
#include "st_outfile.h"
#include "st_idset.h"
#include "st_store.h"

/* the state of one file being imported */
struct file {
	enum st_kind kind;
	const struct st_kind_info *info;
	const char *name;                /* "inspections.csv", for messages */
	struct st_diag *diag;
	int map[ST_MAX_COLS * 2];        /* header position → column */
	size_t nmap;
	int header_only;                 /* first pass: stop after the header */
	/* second pass */
	struct st_recorder *w;
	struct st_idset ids;             /* id → line it was first seen on */
	const char *values[ST_MAX_COLS];
	struct st_import_stats *stats;
	st_progress_fn progress;
	void *ctx;
	int fatal;
};

static const char *trim_header(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static int read_header(struct file *f, long line, size_t n, char **fields)
{
	int seen[ST_MAX_COLS];
	size_t bad = f->diag->count;

	for (int i = 0; i < ST_MAX_COLS; i++)
		seen[i] = -1;
	if (n > sizeof f->map / sizeof f->map[0])
		return st_diag_msg(f->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_HEADER_TOO_WIDE), f->name,
				   line, n);
	f->nmap = n;
	for (size_t i = 0; i < n; i++) {
		const char *h = trim_header(fields[i]);
		int c = st_column_find(f->info, h);
		f->map[i] = c;
		if (!*h)
			st_diag_msg(f->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_HEADER_NO_NAME), f->name, line,
				    i + 1);
		else if (c < 0)
			st_diag_msg(f->diag, ST_MSG_AT("%s:%ld: column %s: ", ST_MSG_HEADER_UNKNOWN),
				    f->name, line, h);
		else if (seen[c] >= 0)
			st_diag_msg(f->diag, ST_MSG_AT("%s:%ld: column %s: ", ST_MSG_HEADER_TWICE),
				    f->name, line, h, seen[c] + 1, f->info->cols[c].name);
		else
			seen[c] = (int)i;
	}
	for (int c = 0; c < f->info->ncols; c++)
		if (f->info->cols[c].required && seen[c] < 0)
			st_diag_msg(f->diag, ST_MSG_AT("%s:%ld: column %s: ", ST_MSG_HEADER_MISSING),
				    f->name, line, f->info->cols[c].name);
	return f->diag->count > bad ? -1 : 0;
}

/* "FILE:LINE" into where (at least 64 bytes); by hand, because it is
 * built for every row and snprintf showed in profiles */
static void format_where(char *where, const char *name, long line)
{
	char digits[24];
	size_t n = strlen(name), k = 0;

	memcpy(where, name, n);
	where[n++] = ':';
	do
		digits[k++] = (char)('0' + line % 10);
	while ((line /= 10) > 0);
	while (k)
		where[n++] = digits[--k];
	where[n] = '\0';
}

static int read_row(struct file *f, long line, size_t n, char **fields)
{
	char where[64];
	const char *id;
	enum st_put res;

	format_where(where, f->name, line);
	if (n != f->nmap) {
		st_diag_msg(f->diag, ST_MSG_AT("%s: ", ST_MSG_ROW_WIDTH), where, n, f->nmap);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		f->values[f->map[i]] = fields[i];
	f->stats->rows[f->kind]++;
	id = f->values[ST_COL_id];
	if (*id) {
		long first = st_idset_get(&f->ids, id);
		if (first) {
			st_diag_msg(f->diag, ST_MSG_AT("%s: column id: ", ST_MSG_ID_TWICE), where, id,
				    first);
			return 0;
		}
		if (st_idset_put(&f->ids, id, line)) {
			f->fatal = 1;
			return st_diag_msg(f->diag, ST_MSG_AT("%s: ", ST_MSG_OUT_OF_MEMORY), where);
		}
	}
	if (st_recorder_put(f->w, f->kind, f->values, where, &res, f->diag)) {
		f->fatal = 1;
		return -1;
	}
	if (res == ST_PUT_INSERTED)
		f->stats->inserted[f->kind]++;
	else if (res == ST_PUT_UPDATED)
		f->stats->updated[f->kind]++;
	else if (res == ST_PUT_UNCHANGED)
		f->stats->unchanged[f->kind]++;
	if (f->progress && f->stats->rows[f->kind] % ST_PROGRESS_EVERY == 0)
		f->progress(f->ctx, f->name, f->stats->rows[f->kind]);
	return 0;
}

static int on_record(void *arg, long line, size_t n, char **fields)
{
	struct file *f = arg;

	if (f->header_only)
		return read_header(f, line, n, fields) ? -1 : 1;
	if (!f->nmap)
		return read_header(f, line, n, fields);
	return read_row(f, line, n, fields);
}

/* a file name ending in ext, ASCII case ignored */
static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && !strcasecmp(name + n - e, ext);
}

/* Look at the folder: which known files are there, and no unknown CSV. */
static int scan_dir(const char *dir, int present[ST_KIND_COUNT], struct st_diag *diag)
{
	size_t before = diag->count;
	struct dirent *e;
	DIR *d = opendir(dir);
	int any = 0;

	if (!d)
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_DOSSIER_UNREADABLE), dir,
				   strerror(errno));
	while ((e = readdir(d))) {
		const char *name = e->d_name;
		struct stat sb;
		char path[4096];
		int k;

		if (name[0] == '.')
			continue;
		if (has_ext(name, ".xlsx") || has_ext(name, ".xls") || has_ext(name, ".ods")) {
			st_diag_msg(diag, ST_MSG_AT("%s/%s: ", ST_MSG_NOT_CSV), dir, name);
			continue;
		}
		if (!has_ext(name, ".csv"))
			continue;
		if ((k = st_kind_find(name)) < 0 || strcmp(name, st_kind_info(k)->file)) {
			char names[2][512] = { "", "" };
			for (int i = 0; i < ST_KIND_COUNT; i++)
				for (int l = 0; l < 2; l++)
					snprintf(names[l] + strlen(names[l]),
						 sizeof names[l] - strlen(names[l]), "%s%s",
						 i ? l ? ", " : "、" : "", st_kind_info(i)->file);
			st_diag_msg(diag, ST_MSG_AT("%s/%s: ", ST_MSG_UNKNOWN_FILE), dir, name,
				    names[0], names[1]);
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_NOT_REGULAR), path);
			continue;
		}
		present[k] = 1;
		any = 1;
	}
	closedir(d);
	if (!any && diag->count == before)
		st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_NO_DOSSIER_FILE), dir);
	return diag->count > before ? -1 : 0;
}

int st_dossier_import(sqlite3 *db, const char *dir, const struct st_pack *pack,
		      struct st_import_stats *stats, st_progress_fn progress, void *ctx,
		      struct st_diag *diag)
{
	struct st_recorder *w = NULL;
	char path[4096];
	int rc = 0;

	memset(stats, 0, sizeof *stats);
	if (scan_dir(dir, stats->present, diag))
		return -1;

	/* pass 0: encoding, every file, so that every GBK file is named in one
	 * run (the reader would stop at the first) and none imports as
	 * gibberish because its GBK happened to be valid UTF-8 */
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		if (!stats->present[k])
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, st_kind_info(k)->file);
		if (st_encoding_scan(path, st_kind_info(k)->file, diag))
			rc = -1;
	}
	if (rc)
		return -1;

	/* pass 1: headers */
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		struct file f = { .kind = k, .info = st_kind_info(k), .diag = diag, .header_only = 1 };
		if (!stats->present[k])
			continue;
		f.name = f.info->file;
		snprintf(path, sizeof path, "%s/%s", dir, f.name);
		int r = st_csv_read(path, f.name, on_record, &f, diag);
		if (r == 0)
			st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_EMPTY_FILE), f.name);
		if (r != 1)
			rc = -1;
	}
	if (rc)
		return -1;

	/* pass 2: rows, in dependency order, one transaction */
	/* a big cache keeps a large import from spilling pages to the WAL
	 * mid-transaction (each spilled page is written twice) */
	sqlite3_exec(db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	if (st_recorder_new(db, &w, diag) || st_store_begin(db, diag)) {
		st_recorder_free(w);
		return -1;
	}
	st_recorder_set_pack(w, pack);
	for (int k = 0; k < ST_KIND_COUNT && !rc; k++) {
		struct file f = { .kind = k, .info = st_kind_info(k), .diag = diag, .w = w,
				  .stats = stats, .progress = progress, .ctx = ctx };
		if (!stats->present[k])
			continue;
		f.name = f.info->file;
		snprintf(path, sizeof path, "%s/%s", dir, f.name);
		if (st_csv_read(path, f.name, on_record, &f, diag) < 0 || f.fatal)
			rc = -1;
		st_idset_release(&f.ids);
	}
	st_recorder_free(w);
	if (rc || diag->count) {
		st_store_rollback(db);
		return -1;
	}
	return st_store_commit(db, diag);
}

/* ---- export ---- */

/* write one kind's file into the new folder tmpdir (fresh, ours alone) */
static int export_kind(sqlite3 *db, enum st_kind kind, const char *tmpdir, long *rows,
		       struct st_diag *diag)
{
	const struct st_kind_info *k = st_kind_info(kind);
	char path[4200];
	struct st_query *q = NULL;
	const char *const *v;
	FILE *f = NULL;
	int rc = 0, r, fd;

	snprintf(path, sizeof path, "%s/%s", tmpdir, k->file);
	if (st_query_new(db, kind, NULL, NULL, ST_ORDER_ID, &q, diag))
		return -1;
	/* O_EXCL | O_NOFOLLOW: nothing planted can redirect the write */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0 || !(f = fdopen(fd, "wb"))) {
		st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_CANNOT_WRITE), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		st_query_free(q);
		return -1;
	}
	for (int i = 0; i < k->ncols; i++)
		fprintf(f, "%s%s", i ? "," : "", k->cols[i].name);
	fputc('\n', f);
	*rows = 0;
	while ((r = st_query_next(q, &v, diag)) == 1) {
		for (int i = 0; i < k->ncols; i++) {
			if (i)
				fputc(',', f);
			st_csv_put_field(f, v[i]);
		}
		fputc('\n', f);
		++*rows;
	}
	st_query_free(q);
	if (r < 0)
		rc = -1;
	if (fflush(f) != 0 || ferror(f) || st_fsync_fd(fileno(f)) != 0) {
		if (!rc)
			st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_WRITE_FAILED), path, strerror(errno));
		rc = -1;
	}
	if (fclose(f) != 0 && !rc)
		rc = st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_WRITE_FAILED), path, strerror(errno));
	return rc;
}

/* An existing destination is replaced as a whole, so it may hold only
 * dossier files (an earlier export, or a dossier being edited): anything
 * else would be thrown away with it.  0, or -1 naming what is in the way. */
static int replaceable(const char *dir, struct st_diag *diag)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_CANNOT_OPEN_DIR), dir, strerror(errno));
	while ((e = readdir(d)) && !rc) {
		const char *n = e->d_name;
		int k;
		if (!strcmp(n, ".") || !strcmp(n, ".."))
			continue;
		if ((k = st_kind_find(n)) < 0 || strcmp(n, st_kind_info(k)->file))
			rc = st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_EXPORT_FOREIGN_FILE), dir, n);
	}
	closedir(d);
	return rc;
}

int st_dossier_export(sqlite3 *db, const char *dir_arg, const char *db_path,
		      long rows[ST_KIND_COUNT], struct st_diag *diag)
{
	long dummy[ST_KIND_COUNT];
	struct st_lock lock = { .fd = -1 };
	char *dir = NULL, *parent = NULL, *tmp = NULL;
	struct stat sb;
	int rc = -1, exists;
	mode_t um;

	if (!rows)
		rows = dummy;
	/* a link to a folder: replace the folder it leads to, not the link */
	exists = stat(dir_arg, &sb) == 0;
	if (exists && !S_ISDIR(sb.st_mode))
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_NOT_A_DIR), dir_arg);
	if (st_output_not_store(dir_arg, db_path, diag))
		return -1;
	if (!(dir = exists ? st_realpath(dir_arg) : strdup(dir_arg)))
		return st_diag_add(diag, "%s: %s", dir_arg, strerror(errno));
	if (st_lock_take(dir, &lock, diag))
		goto out;
	if (exists && replaceable(dir, diag))
		goto out;
	if (!(parent = st_dirname(dir)) || !(tmp = malloc(strlen(dir) + 32))) {
		st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
		goto out;
	}
	{
		char *copy = strdup(dir);
		if (!copy) {
			st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
			goto out;
		}
		sprintf(tmp, "%s/.%s.export-", parent, basename(copy));
		free(copy);
		/* under the lock: what a killed export left beside */
		st_remove_stale(parent, tmp + strlen(parent) + 1);
		strcat(tmp, "XXXXXX");
	}
	if (!mkdtemp(tmp)) {
		st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_CANNOT_MKDIR), dir_arg, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	/* one read transaction: the files show one state of the store */
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(db));
		goto out;
	}
	rc = 0;
	for (int k = 0; k < ST_KIND_COUNT && !rc; k++)
		rc = export_kind(db, k, tmp, &rows[k], diag);
	sqlite3_exec(db, rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
	if (rc)
		goto out;
	/* mkdtemp made it 0700; a folder from mkdir would have 0777 less
	 * the umask */
	um = umask(0);
	umask(um);
	rc = -1;
	if (chmod(tmp, 0777 & ~um) != 0) {
		st_diag_add(diag, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	/* every file is on disk (fsync'ed in export_kind), and so are their
	 * names, before the folder is swapped in; then the swap itself */
	if (st_fsync_dir(tmp, diag) || st_dir_swap_in(tmp, dir, exists, diag))
		goto out;
	free(tmp);
	tmp = NULL;
	rc = st_fsync_parent(dir, diag);
out:
	if (tmp)
		st_dir_remove(tmp);
	st_lock_release(&lock);
	free(tmp);
	free(parent);
	free(dir);
	return rc;
}
