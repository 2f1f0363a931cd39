/*
 * fuzz_dossier.c — dossier import (st_dossier_import) and the round trip.
 *
 * The input is a whole dossier folder in one file: sections that each start
 * with a line "== NAME" and hold the bytes of file NAME (names are reduced
 * to [a-z0-9_.], so the fuzzer can also try unknown files but never leave
 * the folder).  It is imported into a fresh store.  An import
 * that fails must have written nothing and said why; one that succeeds must
 * survive the spec's round trip: export, import into an empty store,
 * export again gives byte-identical files (INTERCHANGE §1).
 */
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

#include "st_dossier.h"
#include "st_store.h"

/* remove every file in dir (it holds no subdirectories), create it if
 * missing */
static void dossier_clear(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[600];

	if (!d) {
		FUZZ_CHECK(mkdir(dir, 0700) == 0);
		return;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			FUZZ_CHECK(unlink(path) == 0);
		}
	closedir(d);
}

/* Write the sections of the input as files in dir.  A section is a line
 * "== NAME" and every line after it up to the next such line; bytes before
 * the first header are ignored. */
static void dossier_unpack(const char *dir, const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size, *p = data;

	if (size < 3 || memcmp(data, "== ", 3)) {
		p = fuzz_find(data, size, "\n== ", 4);
		if (!p)
			return;
		p++;
	}
	while (p && p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		const uint8_t *body = nl ? nl + 1 : end;
		const uint8_t *hdr = nl ? fuzz_find(nl, (size_t)(end - nl), "\n== ", 4) : NULL;
		const uint8_t *stop = hdr ? hdr + 1 : end;
		char name[64], path[600];
		size_t k = 0;

		for (const uint8_t *c = p + 3; c < (nl ? nl : end) && k < sizeof name - 1; c++)
			if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' ||
			    *c == '.')
				name[k++] = (char)*c;
		name[k] = '\0';
		if (k && name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, name);
			fuzz_write(path, body, stop > body ? (size_t)(stop - body) : 0);
		}
		p = hdr ? hdr + 1 : NULL;
	}
}

/* A fresh store.  Creating the schema costs more than most imports, so a
 * migrated empty store is made once and each run opens a copy of it (with
 * st_store_open, which then finds the schema current). */
static sqlite3 *dossier_open(const char *name)
{
	static char template[300];
	struct st_diag diag = ST_DIAG_INIT;
	char path[320], side[330];
	sqlite3 *db = NULL;

	if (!template[0]) {
		snprintf(template, sizeof template, "%s/template.db", fuzz_dir());
		FUZZ_CHECK(st_store_open(template, ST_STORE_WRITE, &db, &diag) == 0);
		/* back out of WAL so that the template is one self-contained file */
		FUZZ_CHECK(sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) ==
			   SQLITE_OK);
		st_store_close(db);
	}
	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	fuzz_copy(template, path);
	FUZZ_CHECK(st_store_open(path, ST_STORE_WRITE, &db, &diag) == 0);
	st_diag_release(&diag);
	return db;
}

static long dossier_rows(sqlite3 *db)
{
	sqlite3_stmt *st;
	long n = 0;

	for (int k = 0; k < ST_KIND_COUNT; k++) {
		char sql[100];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", st_kind_info(k)->table);
		FUZZ_CHECK(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
		FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
		n += sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

static void dossier_same_files(const char *a, const char *b)
{
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		char pa[600], pb[600];
		FILE *fa, *fb;
		int ca, cb;

		snprintf(pa, sizeof pa, "%s/%s", a, st_kind_info(k)->file);
		snprintf(pb, sizeof pb, "%s/%s", b, st_kind_info(k)->file);
		fa = fopen(pa, "rb");
		fb = fopen(pb, "rb");
		FUZZ_CHECK(!fa == !fb);
		if (!fa)
			continue;
		do {
			ca = fgetc(fa);
			cb = fgetc(fb);
			FUZZ_CHECK(ca == cb);
		} while (ca != EOF);
		fclose(fa);
		fclose(fb);
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static char in[300], e1[300], e2[300];
	struct st_diag diag = ST_DIAG_INIT;
	struct st_import_stats stats;
	sqlite3 *db, *db2;

	if (!in[0]) {
		snprintf(in, sizeof in, "%s/dossier", fuzz_dir());
		snprintf(e1, sizeof e1, "%s/export1", fuzz_dir());
		snprintf(e2, sizeof e2, "%s/export2", fuzz_dir());
	}
	dossier_clear(in);
	dossier_unpack(in, data, size);
	db = dossier_open("a.db");
	if (st_dossier_import(db, in, NULL, &stats, NULL, NULL, &diag) != 0) {
		FUZZ_CHECK(diag.count > 0 && diag.line[0] != NULL);
		FUZZ_CHECK(dossier_rows(db) == 0);
		FUZZ_CHECK(sqlite3_get_autocommit(db));
	} else {
		FUZZ_CHECK(diag.count == 0);
		dossier_clear(e1);
		dossier_clear(e2);
		FUZZ_CHECK(st_dossier_export(db, e1, NULL, NULL, &diag) == 0);
		db2 = dossier_open("b.db");
		if (st_dossier_import(db2, e1, NULL, &stats, NULL, NULL, &diag) != 0) {
			fprintf(stderr, "re-import of the export failed: %s\n",
				diag.line[0] ? diag.line[0] : "?");
			abort();
		}
		FUZZ_CHECK(dossier_rows(db2) == dossier_rows(db));
		FUZZ_CHECK(st_dossier_export(db2, e2, NULL, NULL, &diag) == 0);
		dossier_same_files(e1, e2);
		st_store_close(db2);
	}
	st_store_close(db);
	st_diag_release(&diag);
	return 0;
}
