/*
 * directory.c — parks and enterprises as lists (see st_directory.h).
 */
#include "st_directory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_store.h"

static char *dup_col(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? strdup((const char *)t) : NULL;
}

void st_directory_free(struct st_dir_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].park);
		free(v[i].status);
	}
	free(v);
}

int st_directory_list(sqlite3 *db, int parks, struct st_dir_entry **out, size_t *n,
		      struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	struct st_dir_entry *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc = sqlite3_prepare_v2(db, parks ? "SELECT id, name, NULL, NULL FROM parks ORDER BY id"
					      : "SELECT id, name, park, status FROM enterprises ORDER BY id",
				    -1, &st, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			size_t c = cap ? cap * 2 : 64;
			struct st_dir_entry *nv = realloc(v, c * sizeof *nv);
			if (!nv) {
				rc = SQLITE_NOMEM;
				break;
			}
			v = nv;
			cap = c;
		}
		v[cnt].id = dup_col(st, 0);
		v[cnt].name = dup_col(st, 1);
		v[cnt].park = dup_col(st, 2);
		v[cnt].status = dup_col(st, 3);
		cnt++;
		if (!v[cnt - 1].id || !v[cnt - 1].name) {
			rc = SQLITE_NOMEM;
			break;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		st_directory_free(v, cnt);
		return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
	}
	*out = v;
	*n = cnt;
	return 0;
}

int st_directory_enterprise_park(sqlite3 *db, const char *id, char *park, size_t size,
				 struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT park FROM enterprises WHERE id = ?", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(park, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
}
