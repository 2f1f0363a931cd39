/*
 * store.c — the SQLite schema, its migrations and the history (see st_store.h).
 *
 * The schema is written out as SQL, version by version, and never edited
 * once released: a database at version N is brought forward by running the
 * steps N+1 .. ST_STORE_VERSION in one transaction, so an old file and a new
 * one end up with the same schema.  The constraints repeat the dossier
 * validation on purpose: dossier.c gives the user a precise message, the
 * schema guarantees that nothing else (a bug, another program) can store a
 * value the checker would misread.
 *
 * History triggers are generated from the tables' actual columns when the
 * migration runs, so that the JSON of an old row always names every column
 * the table had; a later migration that adds a column must drop and
 * recreate them (create_history_triggers does both).
 */
#include "st_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Constraint fragments: a column is either NULL or in canonical form.
 * The '+0 days' modifier makes SQLite normalise the date: without it,
 * date('2026-02-30') returns '2026-02-30' unchanged. */
#define DATE(c) " CHECK (date(" c ", '+0 days') IS " c ")"
#define TIME(c) " CHECK (strftime('%Y-%m-%dT%H:%M', " c ", '+0 days') IS " c ")"
/* x = 'a' OR x = 'b' rather than x IN ('a', 'b', 'c'): SQLite builds an
 * ephemeral index for an IN list of three or more values every time the
 * statement runs, which made each inserted inspection build 28 of them */
#define IS(c, v) c " = '" v "'"
#define ONE_OF2(c, a, b) " CHECK (" IS(c, a) " OR " IS(c, b) ")"
#define ONE_OF3(c, a, b, d) " CHECK (" IS(c, a) " OR " IS(c, b) " OR " IS(c, d) ")"
#define YESNO(c) ONE_OF2(c, "yes", "no")
#define COUNT(c) " CHECK (" c " IS NULL OR (typeof(" c ") = 'integer' AND " c " >= 0))"
#define ID " id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
#define ENTERPRISE " enterprise TEXT NOT NULL REFERENCES enterprises(id),"
#define PARK " park TEXT NOT NULL REFERENCES parks(id),"
#define ITEM(n) " item" #n " TEXT NOT NULL" ONE_OF3("item" #n, "pass", "fail", "na") ","

/* each statement one string: C99 only promises 4095-byte literals */
static const char *const schema_v1[] = {
	"CREATE TABLE parks ("
	ID
	" name TEXT NOT NULL,"
	" established TEXT NOT NULL" DATE("established") ","
	" director TEXT,"
	" safety_staff INTEGER" COUNT("safety_staff") ","
	" plan_signed TEXT" DATE("plan_signed") ","
	" plan_filed TEXT" DATE("plan_filed") ");",

	"CREATE TABLE enterprises ("
	" id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 18),"
	" name TEXT NOT NULL,"
	PARK
	" principal TEXT,"
	" employees INTEGER NOT NULL" COUNT("employees") ","
	" hazchem TEXT NOT NULL" ONE_OF3("hazchem", "none", "hazardous", "highly-toxic") ","
	" major_hazard TEXT" YESNO("major_hazard") ","
	" major_hazard_owner TEXT,"
	" status TEXT NOT NULL" ONE_OF3("status", "construction", "operating", "closed") ","
	" operating_since TEXT" DATE("operating_since") ","
	" committee_member TEXT" YESNO("committee_member") ","
	" CHECK (status <> 'operating' OR operating_since IS NOT NULL));",

	"CREATE TABLE inspections ("
	ID ENTERPRISE
	" date TEXT NOT NULL" DATE("date") ","
	" kind TEXT NOT NULL CHECK (" IS("kind", "quarterly") " OR " IS("kind", "mid-year") " OR "
	IS("kind", "year-end") " OR " IS("kind", "joint") " OR " IS("kind", "special") "),"
	" inspectors TEXT,"
	ITEM(1) ITEM(2) ITEM(3) ITEM(4) ITEM(5) ITEM(6) ITEM(7)
	ITEM(8) ITEM(9) ITEM(10) ITEM(11) ITEM(12) ITEM(13)
	" notes TEXT,"
	/* the parent key of hazards' (inspection, enterprise), and the
	 * per-enterprise index the checker reads through */
	" UNIQUE (enterprise, id));",

	"CREATE TABLE hazards ("
	ID ENTERPRISE
	" inspection TEXT,"
	" item INTEGER CHECK (item IS NULL OR (typeof(item) = 'integer' AND item BETWEEN 1 AND 13)),"
	" found TEXT NOT NULL" DATE("found") ","
	" description TEXT NOT NULL,"
	" grade TEXT NOT NULL" ONE_OF2("grade", "general", "major") ","
	" measures TEXT,"
	" funds INTEGER" COUNT("funds") ","
	" owner TEXT,"
	" deadline TEXT" DATE("deadline") ","
	" closed TEXT" DATE("closed") ","
	" verified_by TEXT,"
	" CHECK (closed IS NULL OR closed >= found),"
	" FOREIGN KEY (inspection, enterprise) REFERENCES inspections(id, enterprise));",

	"CREATE TABLE evaluations ("
	ID ENTERPRISE
	" kind TEXT NOT NULL" ONE_OF3("kind", "pre", "status", "periodic") ","
	" date TEXT NOT NULL" DATE("date") ","
	" agency TEXT,"
	" expert_passed TEXT" YESNO("expert_passed") ","
	" rectify_deadline TEXT" DATE("rectify_deadline") ","
	" rectified TEXT" DATE("rectified") ");",

	"CREATE TABLE projects ("
	ID ENTERPRISE
	" name TEXT NOT NULL,"
	" kind TEXT NOT NULL" ONE_OF3("kind", "new", "rebuild", "expand") ","
	" hazchem TEXT" YESNO("hazchem") ","
	" design_qualified TEXT" YESNO("design_qualified") ","
	" design_approved TEXT" DATE("design_approved") ","
	" installer_qualified TEXT" YESNO("installer_qualified") ","
	" three_simultaneity TEXT" YESNO("three_simultaneity") ","
	" construction_start TEXT" DATE("construction_start") ","
	" contractor_letter TEXT" DATE("contractor_letter") ","
	" pre_evaluation_filed TEXT" DATE("pre_evaluation_filed") ","
	" accepted TEXT" DATE("accepted") ","
	" production_start TEXT" DATE("production_start") ");",

	"CREATE TABLE workers ("
	ID ENTERPRISE
	" name TEXT NOT NULL,"
	" hired TEXT" DATE("hired") ","
	" level1 TEXT" DATE("level1") ","
	" level2 TEXT" DATE("level2") ","
	" level3 TEXT" DATE("level3") ","
	" assigned TEXT" DATE("assigned") ","
	" special_operation TEXT,"
	" UNIQUE (enterprise, id));",

	"CREATE TABLE certificates ("
	ID ENTERPRISE
	" worker TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" number TEXT,"
	" issued TEXT" DATE("issued") ","
	" expires TEXT NOT NULL" DATE("expires") ","
	" FOREIGN KEY (worker, enterprise) REFERENCES workers(id, enterprise));",

	"CREATE TABLE equipment ("
	ID ENTERPRISE
	" kind TEXT NOT NULL CHECK (" IS("kind", "boiler") " OR " IS("kind", "pressure-vessel") " OR "
	IS("kind", "pressure-pipe") " OR " IS("kind", "elevator") " OR " IS("kind", "crane") " OR "
	IS("kind", "forklift") " OR " IS("kind", "other") "),"
	" registration TEXT,"
	" last_test TEXT" DATE("last_test") ","
	" next_test TEXT NOT NULL" DATE("next_test") ");",

	"CREATE TABLE accidents ("
	ID ENTERPRISE
	" occurred TEXT NOT NULL" TIME("occurred") ","
	" deaths INTEGER" COUNT("deaths") ","
	" injuries INTEGER" COUNT("injuries") ","
	" description TEXT,"
	" reported TEXT" TIME("reported") ","
	" form_filed TEXT" DATE("form_filed") ","
	" investigation_closed TEXT" DATE("investigation_closed") ");",

	"CREATE TABLE meetings ("
	ID PARK
	" date TEXT NOT NULL" DATE("date") ","
	" kind TEXT NOT NULL" ONE_OF2("kind", "quarterly", "joint") ","
	" minutes TEXT);",

	"CREATE TABLE drills ("
	ID PARK
	" date TEXT NOT NULL" DATE("date") ");",

	"CREATE TABLE drill_participants ("
	" drill TEXT NOT NULL REFERENCES drills(id) ON DELETE CASCADE,"
	" enterprise TEXT NOT NULL REFERENCES enterprises(id),"
	" pos INTEGER NOT NULL CHECK (typeof(pos) = 'integer' AND pos >= 1),"
	" PRIMARY KEY (drill, pos),"
	" UNIQUE (drill, enterprise));",

	"CREATE TABLE letters ("
	ID PARK
	" enterprise TEXT NOT NULL REFERENCES enterprises(id),"
	" year INTEGER NOT NULL CHECK (typeof(year) = 'integer' AND year BETWEEN 1 AND 9999),"
	" signed TEXT NOT NULL" DATE("signed") ");",
	NULL,
};

static const char *const schema_v2[] = {
	"CREATE TABLE history ("
	" seq INTEGER PRIMARY KEY,"
	" tbl TEXT NOT NULL,"
	" id TEXT NOT NULL,"
	" action TEXT NOT NULL CHECK (action IN ('update', 'delete')),"
	" at TEXT NOT NULL,"
	" command TEXT,"
	" old TEXT NOT NULL CHECK (json_valid(old)));"
	"CREATE INDEX history_record ON history(tbl, id);"
	/* (owner, id): the checker reads "WHERE enterprise = ? ORDER BY id";
	 * inspections and workers have UNIQUE (enterprise, id) since v1 */
	"CREATE INDEX enterprises_park ON enterprises(park, id);"
	"CREATE INDEX hazards_enterprise ON hazards(enterprise, id);"
	"CREATE INDEX hazards_inspection ON hazards(inspection, enterprise);"
	"CREATE INDEX evaluations_enterprise ON evaluations(enterprise, id);"
	"CREATE INDEX projects_enterprise ON projects(enterprise, id);"
	"CREATE INDEX certificates_enterprise ON certificates(enterprise, id);"
	"CREATE INDEX certificates_worker ON certificates(worker, enterprise);"
	"CREATE INDEX equipment_enterprise ON equipment(enterprise, id);"
	"CREATE INDEX accidents_enterprise ON accidents(enterprise, id);"
	"CREATE INDEX meetings_park ON meetings(park, id);"
	"CREATE INDEX drills_park ON drills(park, id);"
	"CREATE INDEX drill_participants_enterprise ON drill_participants(enterprise);"
	"CREATE INDEX letters_park ON letters(park, id);"
	"CREATE INDEX letters_enterprise ON letters(enterprise, id);",
	NULL,
};

/* Revision 2 (CATALOGUE.md): voided records, the enterprise's hazchem
 * activities, licences and waivers.  Additive only: new nullable columns and
 * new tables.  A waiver's subject is a park id or an enterprise code and its
 * rule an id of the rule pack, so neither can be a foreign key: dossier.c
 * checks them. */
#define VOID_COLS(t) \
	"ALTER TABLE " t " ADD COLUMN voided TEXT" DATE("voided") ";" \
	"ALTER TABLE " t " ADD COLUMN void_reason TEXT" \
	" CHECK ((voided IS NULL) = (void_reason IS NULL));"

static const char *const schema_v3[] = {
	VOID_COLS("inspections") VOID_COLS("hazards") VOID_COLS("evaluations")
	VOID_COLS("projects") VOID_COLS("workers") VOID_COLS("certificates"),
	VOID_COLS("equipment") VOID_COLS("accidents") VOID_COLS("meetings")
	VOID_COLS("drills") VOID_COLS("letters"),

	/* produce;store;use;trade, any of them, in that order (the 15
	 * canonical forms dossier.c writes) */
	"ALTER TABLE enterprises ADD COLUMN hazchem_activity TEXT"
	" CHECK (hazchem_activity IS NULL OR (hazchem <> 'none' AND hazchem_activity IN ("
	"'produce', 'store', 'use', 'trade', 'produce;store', 'produce;use', "
		"'produce;trade', 'store;use', 'store;trade', 'use;trade', 'produce;store;use', "
		"'produce;store;trade', 'produce;use;trade', 'store;use;trade', "
		"'produce;store;use;trade')));",

	"CREATE TABLE licences ("
	ID ENTERPRISE
	" kind TEXT NOT NULL CHECK (" IS("kind", "safety-production") " OR "
	IS("kind", "hazchem-trade") " OR " IS("kind", "hazchem-use") " OR " IS("kind", "other") "),"
	" number TEXT,"
	" issued TEXT NOT NULL" DATE("issued") ","
	" expires TEXT NOT NULL" DATE("expires") ","
	" renewal_applied TEXT" DATE("renewal_applied") ","
	" voided TEXT" DATE("voided") ","
	" void_reason TEXT CHECK ((voided IS NULL) = (void_reason IS NULL)),"
	" CHECK (expires >= issued),"
	" CHECK (renewal_applied IS NULL OR renewal_applied >= issued));"
	"CREATE INDEX licences_enterprise ON licences(enterprise, id);",

	"CREATE TABLE waivers ("
	ID
	" subject TEXT NOT NULL CHECK (subject <> ''),"
	" rule TEXT NOT NULL CHECK (rule <> ''),"
	" reason TEXT NOT NULL CHECK (reason <> ''),"
	" approved_by TEXT NOT NULL CHECK (approved_by <> ''),"
	" approved TEXT NOT NULL" DATE("approved") ","
	" expires TEXT NOT NULL" DATE("expires") ","
	" voided TEXT" DATE("voided") ","
	" void_reason TEXT CHECK ((voided IS NULL) = (void_reason IS NULL)),"
	" CHECK (expires >= approved));"
	"CREATE INDEX waivers_subject ON waivers(subject, id);",
	NULL,
};

/* Version 4: the web front end's accounts, sessions, login failures and
 * hazards' evidence photos (src/account.c, src/session.c, src/evidence.c
 * own their SQL).  Sessions and calendar tokens are stored as hashes of the
 * secret the browser holds, so a copy of the database opens no session. */
static const char *const schema_v4[] = {
	"CREATE TABLE accounts ("
	" name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),"
	" role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'enterprise', 'viewer')),"
	" enterprise TEXT REFERENCES enterprises(id),"
	" hash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	" created TEXT NOT NULL,"
	" calendar TEXT,"
	" CHECK ((role = 'enterprise') = (enterprise IS NOT NULL)));"
	"CREATE TABLE account_parks ("
	" account TEXT NOT NULL REFERENCES accounts(name),"
	" park TEXT NOT NULL REFERENCES parks(id),"
	" PRIMARY KEY (account, park));"
	"CREATE TABLE sessions ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" account TEXT NOT NULL REFERENCES accounts(name),"
	" csrf TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" seen INTEGER NOT NULL);"
	"CREATE INDEX sessions_account ON sessions(account);"
	"CREATE TABLE login_failures ("
	" name TEXT NOT NULL,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX login_failures_name ON login_failures(name, at);"
	"CREATE TABLE evidence ("
	" id INTEGER PRIMARY KEY,"
	" hazard TEXT NOT NULL REFERENCES hazards(id),"
	" type TEXT NOT NULL CHECK (type IN ('image/jpeg', 'image/png')),"
	" caption TEXT,"
	" data BLOB NOT NULL,"
	" added TEXT NOT NULL,"
	" added_by TEXT);"
	"CREATE INDEX evidence_hazard ON evidence(hazard);",
	NULL,
};

/* who changed a record and why (st_store_set_author), the creation of a
 * record made through the recording layer (st_record.h), and the hazard
 * lifecycle's rectification by the enterprise */
static const char *const schema_v5[] = {
	"ALTER TABLE history ADD COLUMN who TEXT;"
	"ALTER TABLE history ADD COLUMN why TEXT;"
	"CREATE TABLE created ("
	" tbl TEXT NOT NULL,"
	" id TEXT NOT NULL,"
	" at TEXT NOT NULL,"
	" command TEXT,"
	" who TEXT,"
	" why TEXT,"
	" PRIMARY KEY (tbl, id));"
	"ALTER TABLE hazards ADD COLUMN rectified TEXT" DATE("rectified") ";"
	"ALTER TABLE hazards ADD COLUMN rectification TEXT;",
	NULL,
};

/* the record tables that keep history; drill_participants is part of its
 * drill's record and recorded with it */
static const char *const history_tables[] = {
	"parks", "enterprises", "inspections", "hazards", "evaluations", "projects",
	"workers", "certificates", "equipment", "accidents", "meetings", "drills", "letters",
	"licences", "waivers",
};

static int exec(sqlite3 *db, const char *sql, struct st_diag *diag)
{
	/* st_store_errmsg, not sqlite3_exec's message: SQLite's English text
	 * ("database is locked") only after the Chinese words */
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
}

/* append table's columns as json_object arguments of OLD to s, through
 * cols ("SELECT name FROM pragma_table_info(?) ORDER BY cid"); the caller
 * checks sqlite3_str_errcode once */
static void json_args(sqlite3_str *s, sqlite3_stmt *cols, const char *table, int *rc)
{
	int first = 1;

	if (sqlite3_bind_text(cols, 1, table, -1, SQLITE_STATIC) != SQLITE_OK) {
		*rc = -1;
		return;
	}
	while (sqlite3_step(cols) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(cols, 0);
		/* column names come from our own schema, never from input */
		sqlite3_str_appendf(s, "%s'%q', OLD.\"%w\"", first ? "" : ", ", col, col);
		first = 0;
	}
	if (sqlite3_reset(cols) != SQLITE_OK || first)
		*rc = -1;
	if (!strcmp(table, "drills"))
		sqlite3_str_appendall(s, ", 'participants', (SELECT group_concat(enterprise, ';')"
					 " FROM (SELECT enterprise FROM drill_participants"
					 " WHERE drill = OLD.id ORDER BY pos))");
}

/* 1 if table has a column called name, 0 if not, -1 on error */
static int has_column(sqlite3 *db, const char *table, const char *name)
{
	sqlite3_stmt *st = NULL;
	int r = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return r;
}

/* 1 if the table exists, 0 if not, -1 on error */
static int table_exists(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) == SQLITE_OK) {
		int step = sqlite3_step(st);
		rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* (Re)create the history triggers of every record table from its columns.
 * The delete trigger runs BEFORE the delete so that a drill's participants
 * (deleted by cascade) are still there to be recorded.  Once the history
 * has who and why (version 5), the triggers fill them from st_who() and
 * st_why(), whichever migration step recreates them. */
static int make_history_triggers(sqlite3 *db, int temp, struct st_diag *diag)
{
	int author = has_column(db, "history", "who"), rc = 0;
	sqlite3_stmt *cols = NULL, *exists = NULL;
	sqlite3_str *s;
	char *sql;

	if (author < 0 ||
	    sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid", -1, &cols,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT 1 FROM main.sqlite_master WHERE type = 'table'"
			       " AND name = ?", -1, &exists, NULL) != SQLITE_OK) {
		st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
		sqlite3_finalize(cols);
		sqlite3_finalize(exists);
		return -1;
	}
	/* one script for every table: a connection's TEMP triggers come in
	 * one savepoint, all or none */
	s = sqlite3_str_new(db);
	if (temp)
		sqlite3_str_appendall(s, "SAVEPOINT st_history;");
	for (size_t i = 0; i < sizeof history_tables / sizeof history_tables[0] && !rc; i++) {
		const char *t = history_tables[i];
		int step;

		if (sqlite3_bind_text(exists, 1, t, -1, SQLITE_STATIC) != SQLITE_OK ||
		    ((step = sqlite3_step(exists)) != SQLITE_ROW && step != SQLITE_DONE)) {
			rc = -1;
			break;
		}
		sqlite3_reset(exists);
		if (step == SQLITE_DONE)   /* a later version creates it, and its triggers */
			continue;
		if (!temp)
			sqlite3_str_appendf(s,
				"DROP TRIGGER IF EXISTS \"%w_history_update\";"
				"DROP TRIGGER IF EXISTS \"%w_history_delete\";", t, t);
		for (int del = 0; del <= 1; del++) {
			sqlite3_str_appendf(s,
				"CREATE%s TRIGGER \"%w_history_%s\" %s ON %s\"%w\" BEGIN"
				" INSERT INTO history(tbl, id, action, at, command, %s old) VALUES"
				" ('%q', OLD.id, '%s', strftime('%%Y-%%m-%%dT%%H:%%M:%%S', 'now', 'localtime'),"
				" st_command(), %s json_object(",
				temp ? " TEMP" : "", t, del ? "delete" : "update",
				del ? "BEFORE DELETE" : "AFTER UPDATE", temp ? "main." : "",
				t, author ? "who, why," : "", t, del ? "delete" : "update",
				author ? "st_who(), st_why()," : "");
			json_args(s, cols, t, &rc);
			sqlite3_str_appendall(s, ")); END;");
		}
	}
	if (temp)
		sqlite3_str_appendall(s, "RELEASE st_history;");
	sqlite3_finalize(cols);
	sqlite3_finalize(exists);
	sql = sqlite3_str_finish(s);
	if (!sql || rc) {
		sqlite3_free(sql);
		return st_diag_add(diag, "数据库错误: 无法生成历史触发器");
	}
	rc = exec(db, sql, diag);
	sqlite3_free(sql);
	if (rc && temp && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK TO st_history; RELEASE st_history", NULL, NULL, NULL);
	return rc ? -1 : 0;
}

/* the persistent history triggers of versions 2 to 5 */
static int create_history_triggers(sqlite3 *db, struct st_diag *diag)
{
	return make_history_triggers(db, 0, diag);
}

static int exec_all(sqlite3 *db, const char *const *sql, struct st_diag *diag)
{
	for (; *sql; sql++)
		if (exec(db, *sql, diag))
			return -1;
	return 0;
}

static int migrate_v1(sqlite3 *db, struct st_diag *diag)
{
	return exec_all(db, schema_v1, diag);
}

static int migrate_v2(sqlite3 *db, struct st_diag *diag)
{
	if (exec_all(db, schema_v2, diag))
		return -1;
	return create_history_triggers(db, diag);
}

/* the tables of v3 exist before their history triggers are made */
static int migrate_v3(sqlite3 *db, struct st_diag *diag)
{
	if (exec_all(db, schema_v3, diag))
		return -1;
	return create_history_triggers(db, diag);
}

static int migrate_v4(sqlite3 *db, struct st_diag *diag)
{
	return exec_all(db, schema_v4, diag);
}

/* the history's who and why exist before the triggers are remade */
static int migrate_v5(sqlite3 *db, struct st_diag *diag)
{
	if (exec_all(db, schema_v5, diag))
		return -1;
	return create_history_triggers(db, diag);
}

/* Version 6: the history triggers leave the file.  Every connection parses
 * the whole schema at its first statement, and the thirty history triggers
 * were two thirds of that for a reader that never writes.  They become TEMP
 * triggers that a connection creates when it is going to write
 * (st_store_history_on: a write open, st_store_begin), generated from the
 * same columns as before; the file keeps only a guard per table and action
 * that calls st_history(), a function a connection defines only once its
 * history triggers are in place.  So a change through another SQLite client,
 * or through a safetrack connection that did not set up its history, still
 * fails ("no such function: st_history") rather than leave a gap.  Also
 * the enterprises' and parks' names indexed. */
static int migrate_v6(sqlite3 *db, struct st_diag *diag)
{
	for (size_t i = 0; i < sizeof history_tables / sizeof history_tables[0]; i++) {
		const char *t = history_tables[i];
		int rc = table_exists(db, t);
		char *sql;

		if (rc < 0)
			return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
		if (rc == 0)
			continue;
		sql = sqlite3_mprintf(
			"DROP TRIGGER IF EXISTS \"%w_history_update\";"
			"DROP TRIGGER IF EXISTS \"%w_history_delete\";"
			"CREATE TRIGGER \"%w_history_guard_update\" BEFORE UPDATE ON \"%w\""
			" BEGIN SELECT st_history(); END;"
			"CREATE TRIGGER \"%w_history_guard_delete\" BEFORE DELETE ON \"%w\""
			" BEGIN SELECT st_history(); END;", t, t, t, t, t, t);
		if (!sql)
			return st_diag_add(diag, "内存不足");
		rc = exec(db, sql, diag);
		sqlite3_free(sql);
		if (rc)
			return -1;
	}
	/* a command names an enterprise or park by id or by its full name
	 * (st_record_resolve): without these, every such start read the
	 * whole table */
	return exec(db, "CREATE INDEX enterprises_name ON enterprises(name);"
			"CREATE INDEX parks_name ON parks(name);", diag);
}

/* step i brings a database from version i to i + 1 */
static int (*const steps[ST_STORE_VERSION])(sqlite3 *, struct st_diag *) = {
	migrate_v1,
	migrate_v2,
	migrate_v3,
	migrate_v4,
	migrate_v5,
	migrate_v6,
};

/* PRAGMA user_version into *v; 0, or -1 on a database error (the
 * connection's error says which) */
static int read_version(sqlite3 *db, int *v)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);   /* keeps the connection's error */
	return rc;
}

int st_store_version(sqlite3 *db)
{
	int v;

	return read_version(db, &v) == 0 && v >= 0 ? v : -1;
}

/* a version that is neither ours nor a future one: some other program set
 * user_version, or the header is damaged */
static int bad_version(int v, struct st_diag *diag)
{
	return st_diag_add(diag, "数据库版本号为 %d，不是有效的 safetrack 数据库版本（文件可能已损坏，"
			   "或是其他程序的数据库）", v);
}

/* 1 if the database holds any schema object, 0 if none, -1 on error */
static int has_objects(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int r = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return r;
}

int st_store_migrate(sqlite3 *db, int version, struct st_diag *diag)
{
	int from;
	char sql[64];

	if (version < 1 || version > ST_STORE_VERSION)
		return st_diag_add(diag, "数据库错误: 没有版本 %d 的数据库结构", version);
	/* not st_store_begin: the history triggers follow the schema that
	 * comes out of this */
	if (exec(db, "BEGIN IMMEDIATE", diag))
		return -1;
	/* read the version inside the transaction: another process may have
	 * migrated the file since we opened it */
	if (read_version(db, &from)) {
		st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
		goto fail;
	}
	if (from < 0) {
		bad_version(from, diag);
		goto fail;
	}
	if (from > ST_STORE_VERSION) {
		st_diag_add(diag, "数据库版本为 %d，高于本程序支持的版本 %d，请升级 safetrack", from,
			    ST_STORE_VERSION);
		goto fail;
	}
	if (from == 0 && has_objects(db) != 0) {
		st_diag_add(diag, "数据库中已有其他表，不是 safetrack 数据库");
		goto fail;
	}
	for (int v = from; v < version; v++)
		if (steps[v](db, diag))
			goto fail;
	if (from < version) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
		if (exec(db, sql, diag))
			goto fail;
	}
	return st_store_commit(db, diag);
fail:
	st_store_rollback(db);
	return -1;
}

/* st_command(), st_who(), st_why(): the text set by st_store_set_command
 * or st_store_set_author, or NULL */
static void command_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	if (name)
		sqlite3_result_text(ctx, name, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

const char *st_store_errmsg(sqlite3 *db)
{
	static char buf[512];
	const char *what;

	switch (sqlite3_errcode(db) & 0xff) {
	case SQLITE_READONLY: what = "数据库文件只读，无法写入（请检查文件和所在目录的权限）"; break;
	case SQLITE_FULL: what = "磁盘已满，无法写入"; break;
	case SQLITE_IOERR: what = "读写磁盘失败（磁盘已满、超出文件大小限制或设备出错）"; break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: what = "数据库正被另一个程序写入，请稍后再试"; break;
	case SQLITE_CANTOPEN: what = "无法打开数据库文件（目录不存在或没有权限）"; break;
	case SQLITE_NOTADB: what = "这不是数据库文件"; break;
	case SQLITE_CORRUPT: what = "数据库文件已损坏"; break;
	case SQLITE_NOMEM: what = "内存不足"; break;
	/* asked after a later statement succeeded: the cause is gone, and
	 * SQLite's "not an error" would contradict the line it ends */
	case SQLITE_OK: return "原因未知";
	default: return sqlite3_errmsg(db);
	}
	snprintf(buf, sizeof buf, "%s（%s）", what, sqlite3_errmsg(db));
	return buf;
}

static int set_text_fn(sqlite3 *db, const char *fn, const char *text)
{
	char *copy = NULL;

	if (text && !(copy = sqlite3_mprintf("%s", text)))
		return -1;
	/* redefining the function hands the previous copy to sqlite3_free */
	return sqlite3_create_function_v2(db, fn, 0, SQLITE_UTF8, copy, command_fn,
					  NULL, NULL, sqlite3_free) == SQLITE_OK ? 0 : -1;
}

int st_store_set_command(sqlite3 *db, const char *command)
{
	return set_text_fn(db, "st_command", command);
}

int st_store_set_author(sqlite3 *db, const char *who, const char *why)
{
	return set_text_fn(db, "st_who", who) || set_text_fn(db, "st_why", why) ? -1 : 0;
}

/* What the first bytes of an existing file say: 0 a SQLite database, or a
 * file of no bytes yet (a new store; a WAL store whose pages are all still
 * in the -wal file); -1 anything else, with the message in diag.  SQLite
 * itself takes a file shorter than its 100-byte header for an empty
 * database, so a truncated store would read as "empty" and be written over
 * by the next import. */
int st_store_check_header(const char *path, struct st_diag *diag)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct stat sb;
	sqlite3 *db = NULL;
	sqlite3_file *file = NULL;
	size_t n = 0;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)
		return 0;   /* missing, or not a file: sqlite3_open says why */
	/* Read through SQLite's own file object, never fopen/fclose: closing
	 * any descriptor of the database file drops every POSIX lock this
	 * process holds on it, so that another process (the sqlite3 shell, a
	 * second safetrack) takes the WAL for unused, checkpoints it and
	 * deletes it under the connections still writing to it — a server
	 * opening a connection per worker lost its commits that way.  SQLite
	 * shares one descriptor per file within the process and closes it
	 * only when no connection holds a lock. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK &&
	    file && file->pMethods &&
	    file->pMethods->xRead(file, head, (int)sizeof head, 0) == SQLITE_OK)
		n = sizeof head;
	sqlite3_close(db);
	if (sb.st_size < 512 || n != sizeof head || memcmp(head, magic, sizeof magic))
		return st_diag_add(diag, "数据库 %s 已损坏或不是数据库文件（%lld 字节，没有 SQLite "
				   "数据库的文件头），未作任何修改", path, (long long)sb.st_size);
	return 0;
}

/* Switch the file to WAL.
 * Changing the journal mode takes an exclusive lock without calling the
 * busy handler: two first imports into a new file raced on it and one
 * failed at once with "database is locked".  So the mode is changed only if
 * it is not WAL already (once, at creation, in practice), and retried while
 * another connection holds the lock, for as long as the busy timeout. */
static int set_wal(sqlite3 *db, struct st_diag *diag)
{
	for (int waited = 0;; waited += 10) {
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
		const char *mode = NULL;

		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
			mode = (const char *)sqlite3_column_text(st, 0);
		if (mode && !strcmp(mode, "wal")) {
			sqlite3_finalize(st);
			break;
		}
		sqlite3_finalize(st);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED && rc != SQLITE_ROW)
			return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
		if (waited >= ST_STORE_BUSY_MS)
			return st_diag_add(diag, "数据库错误: %s",
					   rc == SQLITE_ROW ? "无法切换到 WAL 日志模式"
							    : st_store_errmsg(db));
		sqlite3_sleep(10);
	}
	return 0;
}

/* 1 if this process may not write the store at path or its folder
 * (read-only media, an evidence archive, an auditor's account).  Reading
 * then opens it read-only and immutable: SQLite would otherwise fail to
 * create the -shm file it needs for a WAL database.  Writing is refused
 * before SQLite says "attempt to write a readonly database" about a read. */
static int read_only_media(const char *path)
{
	char *dir = strdup(path), *slash;
	int ro;

	if (!dir)
		return 0;
	if ((slash = strrchr(dir, '/')))
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		strcpy(dir, ".");
	/* a missing folder is not read-only media: sqlite3_open says so */
	ro = access(dir, F_OK) == 0 &&
	     (access(dir, W_OK) != 0 || (access(path, F_OK) == 0 && access(path, W_OK) != 0));
	free(dir);
	return ro;
}

/* "file:PATH?mode=ro[&immutable=1]" with '%', '?' and '#' of the path
 * escaped (they would end it early); freed with sqlite3_free */
char *st_store_ro_uri(const char *path, int immutable)
{
	sqlite3_str *s = sqlite3_str_new(NULL);

	sqlite3_str_appendall(s, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			sqlite3_str_appendf(s, "%%%02X", (unsigned char)*p);
		else
			sqlite3_str_appendchar(s, 1, *p);
	sqlite3_str_appendf(s, "?mode=ro%s", immutable ? "&immutable=1" : "");
	return sqlite3_str_finish(s);
}

int st_store_open(const char *path, enum st_store_mode mode, sqlite3 **out,
		  struct st_diag *diag)
{
	return st_store_open_flags(path, mode, 0, out, diag);
}

int st_store_open_flags(const char *path, enum st_store_mode mode, int how, sqlite3 **out,
			struct st_diag *diag)
{
	/* ST_STORE_ONE_THREAD: SQLite's own mutex on the connection (taken by
	 * every sqlite3_* call in its default serialized mode) guards against
	 * two threads using it at once; a connection that one thread uses at
	 * a time does not need it (SQLITE_OPEN_NOMUTEX: SQLite's multi-thread
	 * mode for this connection only; its global mutexes stay). */
	int extra = how & ST_STORE_ONE_THREAD ? SQLITE_OPEN_NOMUTEX : 0;
	int flags = SQLITE_OPEN_READWRITE;
	const char *name = path;
	char *uri = NULL;
	sqlite3 *db = NULL;
	int v;

	*out = NULL;
	if (mode == ST_STORE_WRITE)
		flags |= SQLITE_OPEN_CREATE;
	else if (access(path, F_OK) != 0)
		return st_diag_add(diag, "数据库 %s 不存在（请先用 import 导入园区档案）", path);
	if (st_store_check_header(path, diag))
		return -1;
	if (mode == ST_STORE_WRITE && read_only_media(path))
		return st_diag_add(diag, "数据库 %s 或其所在文件夹不可写入（只读介质或没有权限），只能查看，"
				   "不能导入或登记；数据库未作任何修改", path);
	if (mode == ST_STORE_READ && read_only_media(path)) {
		/* immutable only when no -wal file holds pages the main file
		 * lacks; otherwise SQLite's read-only WAL open reads them */
		char wal[4096];
		struct stat sb;
		int has_wal = snprintf(wal, sizeof wal, "%s-wal", path) < (int)sizeof wal &&
			      stat(wal, &sb) == 0 && sb.st_size > 0;
		uri = st_store_ro_uri(path, !has_wal);
		if (!uri)
			return st_diag_add(diag, "内存不足");
		name = uri;
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	}
	if (sqlite3_open_v2(name, &db, flags | extra, NULL) != SQLITE_OK) {
		st_diag_add(diag, "无法打开数据库 %s: %s", path,
			    db ? st_store_errmsg(db) : "内存不足");
		goto fail;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, ST_STORE_BUSY_MS);
	if (st_store_set_command(db, NULL) != 0 || st_store_set_author(db, NULL, NULL) != 0) {
		st_diag_add(diag, "无法打开数据库 %s: %s", path, st_store_errmsg(db));
		goto fail;
	}
	/* synchronous FULL on every connection, the server's included (it
	 * opens for reading and records through the same connection): a WAL
	 * commit is synced before the program says it is recorded, so that a
	 * power cut cannot take back a confirmed record (NORMAL syncs only at
	 * checkpoints); one fsync per transaction, see tests/RELIABILITY.md */
	if (exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", diag))
		goto fail;
	if (read_version(db, &v)) {
		st_diag_add(diag, "无法读取数据库 %s: %s", path, st_store_errmsg(db));
		goto fail;
	}
	if (v < 0) {
		bad_version(v, diag);
		goto fail;
	}
	/* reading never creates: an empty file is not a store yet */
	if (mode == ST_STORE_READ && v == 0) {
		st_diag_add(diag, "数据库 %s 是空的（请先用 import 导入园区档案）", path);
		goto fail;
	}
	if (mode == ST_STORE_READ && v != ST_STORE_VERSION && (flags & SQLITE_OPEN_READONLY)) {
		if (v > ST_STORE_VERSION)
			st_diag_add(diag, "数据库版本为 %d，高于本程序支持的版本 %d，请升级 safetrack", v,
				    ST_STORE_VERSION);
		else
			st_diag_add(diag, "数据库 %s 的版本为 %d，需要升级到版本 %d，但它在只读位置，"
				    "无法升级（请复制到可写的位置后再打开）", path, v, ST_STORE_VERSION);
		goto fail;
	}
	/* WAL lets readers (report, check) run while an import writes; it is a
	 * property of the file, so a read-only open leaves it as it is */
	if (mode == ST_STORE_WRITE && set_wal(db, diag))
		goto fail;
	if (v != ST_STORE_VERSION && st_store_migrate(db, ST_STORE_VERSION, diag))
		goto fail;
	/* a writer records history from its first statement; a reader never
	 * parses the triggers (st_store_begin sets them up if it writes) */
	if (mode == ST_STORE_WRITE && st_store_history_on(db, diag))
		goto fail;
	sqlite3_free(uri);
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	sqlite3_free(uri);
	return -1;
}

void st_store_close(sqlite3 *db)
{
	sqlite3_close(db);
}

/* st_history(): defined on a connection once its history triggers are */
static void history_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_null(ctx);
}

int st_store_history_on(sqlite3 *db, struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int on;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'"
			       " AND name = 'parks_history_update'", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
	}
	on = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (on)
		return 0;
	/* an old file (tests build them) keeps its own triggers: no second set */
	if (st_store_version(db) < 6)
		return 0;
	if (make_history_triggers(db, 1, diag))
		return -1;
	if (sqlite3_create_function(db, "st_history", 0, SQLITE_UTF8, NULL, history_fn, NULL,
				    NULL) != SQLITE_OK)
		return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
	return 0;
}

int st_store_begin(sqlite3 *db, struct st_diag *diag)
{
	if (st_store_history_on(db, diag))
		return -1;
	return exec(db, "BEGIN IMMEDIATE", diag);
}

int st_store_commit(sqlite3 *db, struct st_diag *diag)
{
	if (exec(db, "COMMIT", diag)) {
		st_store_rollback(db);
		return -1;
	}
	return 0;
}

void st_store_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}
