/*
 * st_backup — a consistent copy of a live store, and putting one back.
 *
 * Both go through SQLite's online backup API, never through a file copy:
 *   - backup copies every page in one step inside one read transaction, so
 *     in WAL mode writers (the server, recording commands) carry on while
 *     it runs, and the copy is the store as of one commit.  The copy is
 *     written to a temporary beside FILE under FILE's lock, switched to a
 *     rollback journal (one self-contained file), integrity-checked,
 *     fsync'ed and renamed into place (st_outfile.h).
 *   - restore first checks the backup on its own (SQLite header, integrity
 *     check, foreign keys, a safetrack schema of a version this program can
 *     read); only then copies it over the live store in one write
 *     transaction, which readers see all at once.
 */
#ifndef ST_BACKUP_H
#define ST_BACKUP_H

#include <sqlite3.h>

#include "st_diag.h"

/* Copy the open store db to path (not the store at db_path itself, which
 * may be NULL).  Returns 0, or -1 with a message and path as it was. */
int st_backup_to(sqlite3 *db, const char *db_path, const char *path, struct st_diag *diag);

/* Check that the file at path is a whole safetrack store: *version receives
 * its schema version.  Returns 0, or -1 with every problem in diag. */
int st_backup_verify(const char *path, int *version, struct st_diag *diag);

/* Replace every record of the open store db by those of the verified backup
 * at path (one transaction), then bring the schema forward if the backup is
 * older (in memory, before db is touched).  Returns 0, or -1 with a
 * message and db unchanged. */
int st_backup_restore(sqlite3 *db, const char *path, struct st_diag *diag);

#endif
