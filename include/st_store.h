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
 * A hazard's inspection and a certificate's worker must belong to the same
 * enterprise as the hazard or certificate (composite foreign keys).
 *
 * Every UPDATE or DELETE of a record keeps the earlier version in `history`
 * (triggers), with the time and the command that replaced it; the command is
 * whatever st_store_set_command() last set on the connection:
 *
 *   history(seq, tbl, id, action 'update'|'delete', at 'YYYY-MM-DDTHH:MM:SS'
 *           local time, command, old: the old row as a JSON object; a
 *           drill's old row includes its "participants" as "A;B")
 *
 * Since version 6 the history triggers are TEMP triggers of the connections
 * that write (st_store_history_on: every ST_STORE_WRITE open, and
 * st_store_begin on any connection), so that a reader does not parse them;
 * the file keeps one guard trigger per table and action calling
 * st_history(), which a connection defines only once its history triggers
 * are in place: changing records with another SQLite client, or on a
 * connection without its history triggers, fails with "no such function:
 * st_history" rather than losing history.
 *
 * The schema version is PRAGMA user_version; st_store_open() runs forward
 * migrations in one transaction.  Version 1: the record tables.  Version 2:
 * the history table and triggers, and an index on every enterprise and park
 * reference column (the checker reads enterprise by enterprise).  Version 3:
 * revision 2's voided records, hazchem activities, licences and waivers.
 * Version 4: the web server's accounts, account_parks, sessions,
 * login_failures and evidence (photos of a hazard's rectification).
 * Version 5: the history's who and why (st_store_set_author), the table
 * created(tbl, id, at, command, who, why) where the recording layer notes
 * who created a record, and the hazards' rectified and rectification.
 * Version 6: the history triggers replaced by guards (above); the
 * enterprises' and parks' names indexed (commands name them).
 */
#ifndef ST_STORE_H
#define ST_STORE_H

#include <sqlite3.h>

#include "st_diag.h"

#define ST_STORE_VERSION 6   /* the schema version this program writes */
#define ST_STORE_BUSY_MS 5000 /* how long a connection waits for another writer */

enum st_store_mode { ST_STORE_READ, ST_STORE_WRITE };

/* Open (creating if needed and mode is ST_STORE_WRITE) and migrate the store
 * at path.  Foreign keys on, WAL with synchronous=FULL when writing (a
 * confirmed commit survives a power cut), busy timeout.  In ST_STORE_READ
 * mode a missing file is an error ("数据库 X 不存在") and nothing is
 * created; when the file or its folder cannot be written (read-only media)
 * it is opened read-only and immutable.  A non-empty file without SQLite's
 * header is refused as damaged, whatever the mode.
 * Returns 0 and a connection the caller closes with st_store_close(), or -1
 * with a message in diag. */
int st_store_open(const char *path, enum st_store_mode mode, sqlite3 **out,
		  struct st_diag *diag);
/* st_store_open_flags: the connection is used by one thread at a time
 * (never by two at once): opened without SQLite's per-connection mutex
 * (SQLITE_OPEN_NOMUTEX), which every sqlite3_* call on it would otherwise
 * take — about 8% of a whole-store check.  A connection shared by threads
 * (even under the caller's own lock, to be safe) keeps the mutex. */
#define ST_STORE_ONE_THREAD 0x1

/* st_store_open with how = 0 or ST_STORE_ONE_THREAD */
int st_store_open_flags(const char *path, enum st_store_mode mode, int how, sqlite3 **out,
			struct st_diag *diag);

/* 0 if the file at path is missing, empty or starts with SQLite's header
 * and is at least one page long; -1 with "已损坏或不是数据库文件" in diag */
int st_store_check_header(const char *path, struct st_diag *diag);

/* the URI that opens path read-only ("file:PATH?mode=ro", with
 * "&immutable=1" if immutable: nobody writes it, no lock, no -shm), for
 * sqlite3_open_v2 with SQLITE_OPEN_URI; freed with sqlite3_free, NULL if
 * out of memory */
char *st_store_ro_uri(const char *path, int immutable);

/* close a connection; NULL is fine */
void st_store_close(sqlite3 *db);

/* name the command that the next changes are made by, for the history (the
 * string is copied); returns 0 or -1 if SQLite is out of memory */
int st_store_set_command(sqlite3 *db, const char *command);

/* name who makes the next changes (account or OS user) and why (may be
 * NULL), for the history's who and why; returns 0 or -1 if out of memory */
int st_store_set_author(sqlite3 *db, const char *who, const char *why);

/* The last error on db in Chinese words a safety officer can act on (a
 * read-only file, a full disk, a database locked by another writer, ...),
 * with SQLite's own text after it for the rest.  Valid until the next call
 * on db or on this function. */
const char *st_store_errmsg(sqlite3 *db);

/* Create this connection's history triggers (TEMP, from the tables'
 * columns) and define st_history(), unless done already; a database older
 * than version 6 keeps its own.  0, or -1 with a message. */
int st_store_history_on(sqlite3 *db, struct st_diag *diag);

/* BEGIN IMMEDIATE (after st_store_history_on) / COMMIT / ROLLBACK; return 0
 * or -1 with a message */
int st_store_begin(sqlite3 *db, struct st_diag *diag);
int st_store_commit(sqlite3 *db, struct st_diag *diag);
void st_store_rollback(sqlite3 *db);

/* Bring an open connection's schema forward to `version` (1 ..
 * ST_STORE_VERSION) in one transaction.  st_store_open() calls it with
 * ST_STORE_VERSION; tests call it with 1 to build an old database.
 * Returns 0 or -1 with a message in diag. */
int st_store_migrate(sqlite3 *db, int version, struct st_diag *diag);

/* the schema version of an open connection, or -1 on error */
int st_store_version(sqlite3 *db);

#endif
