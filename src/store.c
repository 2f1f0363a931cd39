/* store.c — placeholder until the storage module lands. */
#include "st_store.h"

int st_store_open(const char *path, enum st_store_mode mode, sqlite3 **out, struct st_diag *diag)
{
	(void)mode;
	if (sqlite3_open(path, out) != SQLITE_OK)
		return st_diag_add(diag, "%s: cannot open", path);
	return 0;
}

void st_store_close(sqlite3 *db)
{
	sqlite3_close(db);
}
