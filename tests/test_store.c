/*
 * test_store.c — the SQLite store: opening, schema constraints, history,
 * migration from version 1.
 */
#include "st_test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "st_dossier.h"
#include "st_store.h"

#define E1 "91654200MA7A1B2C3W"
#define E2 "91654200MA7A1B2C40"

struct fx {
	char dir[64];
	char path[128];
	sqlite3 *db;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	strcpy(f->dir, "/tmp/st-store-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/park.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[200];

	st_store_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* the extended result code of running sql */
static int exec_rc(sqlite3 *db, const char *sql)
{
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	return sqlite3_extended_errcode(db);
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* the first column of the first row of sql, in a static buffer ("" if none) */
static const char *text(sqlite3 *db, const char *sql)
{
	static char buf[1000];
	sqlite3_stmt *st;

	buf[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static void seed(sqlite3 *db)
{
	exec_ok(db, "INSERT INTO parks (id, name, established) VALUES ('P1', '园区', '2020-01-01');"
		    "INSERT INTO enterprises (id, name, park, employees, hazchem, status,"
		    " operating_since) VALUES ('" E1 "', '甲', 'P1', 10, 'none', 'operating',"
		    " '2021-01-01');"
		    "INSERT INTO enterprises (id, name, park, employees, hazchem, status)"
		    " VALUES ('" E2 "', '乙', 'P1', 5, 'none', 'construction');");
}

static void test_open_read_missing(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;

	assert_int_equal(st_store_open(f->path, ST_STORE_READ, &f->db, &d), -1);
	assert_null(f->db);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.line[0], "不存在"));
	assert_int_equal(access(f->path, F_OK), -1);
	st_diag_release(&d);
}

static void test_open_write_creates(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;

	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	assert_int_equal(st_store_version(f->db), ST_STORE_VERSION);
	assert_int_equal(count(f->db, "PRAGMA foreign_keys"), 1);
	assert_string_equal(text(f->db, "PRAGMA journal_mode"), "wal");
	/* a confirmed commit survives a power cut (issue #15 item 13) */
	assert_int_equal(count(f->db, "PRAGMA synchronous"), 2);
	st_store_close(f->db);
	/* reopening for reading finds it, at the current version */
	assert_int_equal(st_store_open(f->path, ST_STORE_READ, &f->db, &d), 0);
	assert_int_equal(st_store_version(f->db), ST_STORE_VERSION);
	assert_int_equal(count(f->db, "PRAGMA synchronous"), 2);
	assert_non_null(sqlite3_db_mutex(f->db));   /* shareable: SQLite's mutex */
	st_store_close(f->db);
	/* one thread at a time: the same store, set up the same, no mutex */
	assert_int_equal(st_store_open_flags(f->path, ST_STORE_READ, ST_STORE_ONE_THREAD, &f->db, &d),
			 0);
	assert_null(sqlite3_db_mutex(f->db));
	assert_int_equal(st_store_version(f->db), ST_STORE_VERSION);
	assert_int_equal(count(f->db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(count(f->db, "PRAGMA synchronous"), 2);
	assert_int_equal(d.count, 0);
}

static void test_constraints(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	sqlite3 *db;

	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	db = f->db;
	seed(db);
	/* enum, date shape, yes/no, integer type, conditional requirement */
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET hazchem = 'toxic'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE parks SET established = '2020-1-1'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE parks SET established = '2020-02-30'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET major_hazard = '是'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET employees = 1.5"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET employees = -1"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET operating_since = NULL"
				     " WHERE status = 'operating'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "INSERT INTO accidents (id, enterprise, occurred)"
				     " VALUES ('A', '" E1 "', '2026-01-01 10:00')"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "INSERT INTO accidents (id, enterprise, occurred)"
				     " VALUES ('A', '" E1 "', '2026-01-01T10:00')"),
			 SQLITE_OK);
	assert_int_equal(exec_rc(db, "UPDATE parks SET name = NULL"), SQLITE_CONSTRAINT_NOTNULL);
	/* references, including the same-enterprise rule of hazards */
	assert_int_equal(exec_rc(db, "INSERT INTO meetings (id, park, date, kind)"
				     " VALUES ('M', 'P9', '2026-01-01', 'quarterly')"),
			 SQLITE_CONSTRAINT_FOREIGNKEY);
	exec_ok(db, "INSERT INTO inspections VALUES ('I1', '" E1 "', '2026-03-01', 'quarterly',"
		    " NULL, 'pass', 'pass', 'pass', 'pass', 'fail', 'pass', 'pass', 'na', 'pass',"
		    " 'pass', 'pass', 'pass', 'na', NULL, NULL, NULL)");
	assert_int_equal(exec_rc(db, "INSERT INTO hazards (id, enterprise, inspection, item, found,"
				     " description, grade) VALUES ('H', '" E2 "', 'I1', 5,"
				     " '2026-03-01', 'x', 'general')"),
			 SQLITE_CONSTRAINT_FOREIGNKEY);
	assert_int_equal(exec_rc(db, "INSERT INTO hazards (id, enterprise, inspection, item, found,"
				     " description, grade) VALUES ('H', '" E1 "', 'I1', 14,"
				     " '2026-03-01', 'x', 'general')"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "INSERT INTO hazards (id, enterprise, inspection, item, found,"
				     " description, grade, closed) VALUES ('H', '" E1 "', 'I1', 5,"
				     " '2026-03-01', 'x', 'general', '2026-02-01')"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "INSERT INTO hazards (id, enterprise, inspection, item, found,"
				     " description, grade) VALUES ('H', '" E1 "', 'I1', 5,"
				     " '2026-03-01', 'x', 'general')"),
			 SQLITE_OK);
	/* revision 2: a void date and its reason go together */
	assert_int_equal(exec_rc(db, "UPDATE hazards SET voided = '2026-04-01'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE hazards SET void_reason = '重复'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE hazards SET voided = '2026-04-31', void_reason = '重复'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE hazards SET voided = '2026-04-01', void_reason = '重复'"),
			 SQLITE_OK);
	/* hazchem activities only for an enterprise with hazardous chemicals */
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET hazchem = 'none',"
				     " hazchem_activity = 'store' WHERE id = '" E1 "'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET hazchem = 'hazardous',"
				     " hazchem_activity = 'store;produce' WHERE id = '" E1 "'"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET hazchem = 'hazardous',"
				     " hazchem_activity = 'produce;store' WHERE id = '" E1 "'"),
			 SQLITE_OK);
	/* licences and waivers: expiry not before issue/approval */
	assert_int_equal(exec_rc(db, "INSERT INTO licences (id, enterprise, kind, issued, expires)"
				     " VALUES ('L', '" E1 "', 'safety-production', '2026-01-01',"
				     " '2025-12-31')"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "INSERT INTO licences (id, enterprise, kind, issued, expires)"
				     " VALUES ('L', '" E1 "', 'driving', '2026-01-01', '2029-01-01')"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "INSERT INTO licences (id, enterprise, kind, issued, expires)"
				     " VALUES ('L', 'nope', 'other', '2026-01-01', '2029-01-01')"),
			 SQLITE_CONSTRAINT_FOREIGNKEY);
	assert_int_equal(exec_rc(db, "INSERT INTO waivers (id, subject, rule, reason, approved_by,"
				     " approved, expires) VALUES ('WV', 'P1', 'ORG-STAFFING', 'x', 'y',"
				     " '2026-02-01', '2026-01-31')"),
			 SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(exec_rc(db, "INSERT INTO waivers (id, subject, rule, reason, approved_by,"
				     " approved, expires) VALUES ('WV', 'P1', 'ORG-STAFFING', 'x', 'y',"
				     " '2026-02-01', '2026-02-01')"),
			 SQLITE_OK);
}

/* the query plan of sql uses an index (no full scan of the table) */
static void assert_indexed(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int indexed = 0;
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);

	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(st, 3), "USING"))
			indexed = 1;
	sqlite3_finalize(st);
	sqlite3_free(q);
	if (!indexed)
		fail_msg("not indexed: %s", sql);
}

static void test_indexes(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	static const char *const refs[][2] = {
		{ "enterprises", "park" }, { "inspections", "enterprise" },
		{ "hazards", "enterprise" }, { "hazards", "inspection" },
		{ "evaluations", "enterprise" }, { "projects", "enterprise" },
		{ "workers", "enterprise" }, { "certificates", "enterprise" },
		{ "certificates", "worker" }, { "equipment", "enterprise" },
		{ "accidents", "enterprise" }, { "meetings", "park" }, { "drills", "park" },
		{ "drill_participants", "enterprise" }, { "letters", "park" },
		{ "letters", "enterprise" }, { "licences", "enterprise" }, { "waivers", "subject" },
	};

	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s = 'x'", refs[i][0], refs[i][1]);
		assert_indexed(f->db, sql);
	}
	/* version 6: a command names an enterprise or a park by its full name */
	assert_indexed(f->db, "SELECT * FROM enterprises WHERE name = 'x'");
	assert_indexed(f->db, "SELECT * FROM parks WHERE name = 'x'");
}

/* every table's columns are the dossier's columns, in the same order */
static void test_tables_match_dossier(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;

	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		const struct st_kind_info *info = st_kind_info(k);
		sqlite3_stmt *st;
		int i = 0;

		assert_int_equal(sqlite3_prepare_v2(f->db, "SELECT name FROM pragma_table_info(?)"
						    " ORDER BY cid", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, info->table, -1, SQLITE_STATIC);
		/* by name, not position: a later migration appends its columns
		 * (hazards' rectified after revision 2's voided), while the
		 * dossier keeps voided and void_reason last; every statement
		 * names its columns */
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(st, 0);
			int c = st_column_find(info, name);
			if (c < 0 || strcmp(info->cols[c].name, name))
				fail_msg("%s.%s is not a dossier column", info->table, name);
			assert_int_not_equal(info->cols[c].type, ST_COL_REFLIST);
			i++;
		}
		sqlite3_finalize(st);
		for (int c = 0; c < info->ncols; c++)
			i += info->cols[c].type == ST_COL_REFLIST;
		assert_int_equal(i, info->ncols);
	}
}

static void test_history(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	sqlite3 *db;
	const char *s;

	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	db = f->db;
	seed(db);
	assert_int_equal(count(db, "SELECT count(*) FROM history"), 0);
	assert_int_equal(st_store_set_command(db, "add enterprise"), 0);
	exec_ok(db, "UPDATE enterprises SET employees = 12 WHERE id = '" E1 "'");
	s = text(db, "SELECT tbl || '|' || id || '|' || action || '|' || command || '|' ||"
		     " json_extract(old, '$.employees') || '|' || json_extract(old, '$.name')"
		     " FROM history");
	assert_string_equal(s, "enterprises|" E1 "|update|add enterprise|10|甲");
	s = text(db, "SELECT at FROM history");
	assert_int_equal(strlen(s), 19);

	/* a drill's old version carries its participants, also on delete */
	exec_ok(db, "INSERT INTO drills (id, park, date) VALUES ('D1', 'P1', '2026-05-01');"
		    "INSERT INTO drill_participants VALUES ('D1', '" E2 "', 1), ('D1', '" E1 "', 2)");
	assert_int_equal(st_store_set_command(db, "test"), 0);
	exec_ok(db, "DELETE FROM drills WHERE id = 'D1'");
	s = text(db, "SELECT action || '|' || command || '|' || json_extract(old, '$.participants')"
		     " FROM history WHERE tbl = 'drills'");
	assert_string_equal(s, "delete|test|" E2 ";" E1);
	assert_int_equal(count(db, "SELECT count(*) FROM drill_participants"), 0);
}

/* Version 6: the history triggers live in the connections that write; the
 * file keeps guards only, so that a reader parses no trigger and nothing
 * writes without history */
static void test_history_readers(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	sqlite3 *db;

	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	seed(f->db);
	assert_int_equal(count(f->db, "SELECT count(*) FROM temp.sqlite_master"
				      " WHERE type = 'trigger'"), 30);
	st_store_close(f->db);
	f->db = NULL;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
				   " AND sql LIKE '%INSERT INTO history%'"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
				   " AND sql LIKE '%SELECT st_history(); END'"), 30);
	sqlite3_close(db);

	/* a reader: no history triggers; a change without them is refused */
	assert_int_equal(st_store_open(f->path, ST_STORE_READ, &f->db, &d), 0);
	db = f->db;
	assert_int_equal(count(db, "SELECT count(*) FROM temp.sqlite_master"), 0);
	assert_int_equal(exec_rc(db, "UPDATE enterprises SET employees = 12 WHERE id = '" E1 "'"),
			 SQLITE_ERROR);
	assert_string_equal(sqlite3_errmsg(db), "no such function: st_history");
	assert_int_equal(exec_rc(db, "DELETE FROM enterprises WHERE id = '" E2 "'"), SQLITE_ERROR);
	assert_int_equal(count(db, "SELECT employees FROM enterprises WHERE id = '" E1 "'"), 10);
	assert_int_equal(count(db, "SELECT count(*) FROM enterprises"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM history"), 0);

	/* ... until it begins a write: then it records like any writer */
	assert_int_equal(st_store_set_command(db, "serve"), 0);
	assert_int_equal(st_store_begin(db, &d), 0);
	exec_ok(db, "UPDATE enterprises SET employees = 12 WHERE id = '" E1 "'");
	assert_int_equal(st_store_commit(db, &d), 0);
	assert_string_equal(text(db, "SELECT command || '|' || json_extract(old, '$.employees')"
				     " FROM history"), "serve|10");
	/* every column of the row, as the triggers of version 5 wrote it */
	assert_int_equal(count(db, "SELECT count(*) FROM json_each((SELECT old FROM history))"),
			 count(db, "SELECT count(*) FROM pragma_table_info('enterprises')"));
	/* once per connection */
	assert_int_equal(st_store_history_on(db, &d), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM temp.sqlite_master"
				   " WHERE type = 'trigger'"), 30);
	assert_int_equal(d.count, 0);
}

static void test_migrate_from_v1(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	sqlite3 *raw;

	/* a version-1 file as an earlier release left it, with records */
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	exec_ok(raw, "PRAGMA foreign_keys = ON");
	assert_int_equal(st_store_migrate(raw, 1, &d), 0);
	assert_int_equal(st_store_version(raw), 1);
	seed(raw);
	assert_int_equal(count(raw, "SELECT count(*) FROM sqlite_master WHERE name = 'history'"), 0);
	sqlite3_close(raw);

	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	assert_int_equal(st_store_version(f->db), ST_STORE_VERSION);
	/* version 3 (revision 2): the new columns are empty on old records */
	assert_int_equal(count(f->db, "SELECT count(*) FROM enterprises"
				      " WHERE hazchem_activity IS NULL"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM licences"), 0);
	/* version 4: the web server's tables, empty */
	assert_int_equal(count(f->db, "SELECT count(*) FROM accounts"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM enterprises"), 2);
	assert_int_equal(count(f->db, "SELECT employees FROM enterprises WHERE id = '" E1 "'"), 10);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sqlite_master"
				      " WHERE type = 'index' AND name = 'enterprises_park'"), 1);
	/* version 6: the file's history triggers replaced by guards */
	assert_int_equal(count(f->db, "SELECT count(*) FROM main.sqlite_master WHERE type = 'trigger'"
				      " AND name LIKE '%_history_guard_%'"), 30);
	assert_int_equal(count(f->db, "SELECT count(*) FROM main.sqlite_master WHERE type = 'trigger'"
				      " AND name NOT LIKE '%_history_guard_%'"), 0);
	/* the history works on the migrated records */
	st_store_set_command(f->db, "import");
	exec_ok(f->db, "UPDATE enterprises SET name = '丙' WHERE id = '" E2 "'");
	assert_int_equal(count(f->db, "SELECT count(*) FROM history WHERE id = '" E2 "'"), 1);
	assert_int_equal(d.count, 0);
}

static void test_newer_version_refused(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	exec_ok(raw, "PRAGMA user_version = 99");
	sqlite3_close(raw);
	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), -1);
	assert_non_null(strstr(d.line[0], "版本为 99"));
	st_diag_release(&d);
}

static void test_foreign_database_refused(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	sqlite3 *raw;

	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	exec_ok(raw, "CREATE TABLE other (x)");
	sqlite3_close(raw);
	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), -1);
	assert_non_null(strstr(d.line[0], "不是 safetrack 数据库"));
	st_diag_release(&d);
}

static void test_not_sqlite_refused(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	FILE *fp = fopen(f->path, "w");

	fputs("id,name\nthis is a CSV file, not a database\n", fp);
	fclose(fp);
	assert_int_equal(st_store_open(f->path, ST_STORE_READ, &f->db, &d), -1);
	assert_non_null(strstr(d.line[0], f->path));
	st_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_read_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_write_creates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indexes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tables_match_dossier, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_readers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_database_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_sqlite_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
