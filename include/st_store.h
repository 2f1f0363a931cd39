/*
 * st_store — the park's records in SQLite.
 *
 * One table per record kind of the dossier (INTERCHANGE §1), named like its
 * CSV file without ".csv" (parks, enterprises, inspections, hazards,
 * evaluations, projects, workers, certificates, equipment, accidents,
 * meetings, drills, letters), with columns named exactly like the CSV
 * columns; drills' participants live in drill_participants(drill,
 * enterprise, pos).  Values are stored in their canonical export form: NULL
 * for empty, 'yes'/'no', 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM', integers as
 * INTEGER.  NOT NULL, CHECK and FOREIGN KEY constraints mirror the spec.
 *
 * Every UPDATE or DELETE of a record keeps the earlier version in `history`
 * (triggers), with the time and the command that replaced it; the command is
 * whatever st_store_set_command() last set on the connection.
 *
 * The schema version is PRAGMA user_version; st_store_open() runs forward
 * migrations in one transaction.
 */
#ifndef ST_STORE_H
#define ST_STORE_H

#include <sqlite3.h>

#include "st_diag.h"

#define ST_STORE_VERSION 2   /* the schema version this program writes */

enum st_store_mode { ST_STORE_READ, ST_STORE_WRITE };

/* Open (creating if needed and mode is ST_STORE_WRITE) and migrate the store
 * at path.  Foreign keys on, WAL, busy timeout.  Returns 0 and a connection
 * the caller closes with st_store_close(), or -1 with a message in diag. */
int st_store_open(const char *path, enum st_store_mode mode, sqlite3 **out,
		  struct st_diag *diag);
/* close a connection; NULL is fine */
void st_store_close(sqlite3 *db);

/* name the command that the next changes are made by, for the history */
int st_store_set_command(sqlite3 *db, const char *command);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; return 0 or -1 with a message */
int st_store_begin(sqlite3 *db, struct st_diag *diag);
int st_store_commit(sqlite3 *db, struct st_diag *diag);
void st_store_rollback(sqlite3 *db);

#endif
