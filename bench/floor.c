/*
 * floor.c — the insert floor of the benchmark: a dossier's rows inserted with
 * SQLite alone.
 *
 *   floor SCHEMA_DB NEW_DB DOSSIER_DIR
 *
 * Copies the schema (tables, indexes, triggers, user_version) of SCHEMA_DB, a
 * database that `safetrack import` made, into the new database NEW_DB, then
 * reads every CSV file of DOSSIER_DIR with libcsv and inserts each row with
 * one prepared INSERT per table, values bound as text (column affinity makes
 * integers of integer columns, as the store holds them), an empty cell as
 * NULL, a drill's participants as drill_participants rows, all in one
 * transaction, with the pragmas the store uses (foreign keys on, WAL,
 * synchronous NORMAL).  Nothing is validated beyond the schema's own
 * constraints, nothing read back, no history written: what is left is the
 * least any importer of these rows into this schema has to pay.
 *
 * Prints the number of rows inserted (drill participants not counted) on
 * stdout.  Exits 1 with a message on any SQLite or file error.
 */
#include <csv.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const files[] = {
	"parks", "enterprises", "inspections", "hazards", "evaluations", "projects",
	"workers", "certificates", "equipment", "accidents", "meetings", "drills", "letters",
};

#define MAX_FIELDS 64

struct loader {
	sqlite3 *db;
	const char *table;
	sqlite3_stmt *ins;          /* INSERT of this table's row */
	sqlite3_stmt *part;         /* INSERT INTO drill_participants, for drills */
	int participants_col;       /* header position of drills.participants, or -1 */
	int id_col;
	char *field[MAX_FIELDS];
	size_t len[MAX_FIELDS];
	int n_fields, n_header;
	long records;               /* header included */
	long rows;
	int failed;
};

static void die(const char *what, sqlite3 *db)
{
	fprintf(stderr, "floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "error");
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "floor: %s: %s\n", sql, err ? err : "error");
		exit(1);
	}
}

static void on_field(void *s, size_t n, void *arg)
{
	struct loader *l = arg;

	if (l->n_fields >= MAX_FIELDS) {
		fprintf(stderr, "floor: %s: too many fields\n", l->table);
		exit(1);
	}
	char *copy = realloc(l->field[l->n_fields], n + 1);
	if (!copy)
		die("out of memory", NULL);
	memcpy(copy, s, n);
	copy[n] = 0;
	l->field[l->n_fields] = copy;
	l->len[l->n_fields] = n;
	l->n_fields++;
}

/* the header row: prepare the INSERT naming its columns */
static void prepare(struct loader *l)
{
	char sql[4096];
	size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s(", l->table);
	int cols = 0;

	l->participants_col = -1;
	l->id_col = -1;
	for (int i = 0; i < l->n_fields; i++) {
		if (!strcmp(l->table, "drills") && !strcmp(l->field[i], "participants")) {
			l->participants_col = i;
			continue;
		}
		if (!strcmp(l->field[i], "id"))
			l->id_col = i;
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s\"%s\"", cols++ ? "," : "",
				      l->field[i]);
	}
	n += (size_t)snprintf(sql + n, sizeof sql - n, ") VALUES(");
	for (int i = 0; i < cols; i++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s?", i ? "," : "");
	snprintf(sql + n, sizeof sql - n, ")");
	if (sqlite3_prepare_v2(l->db, sql, -1, &l->ins, NULL) != SQLITE_OK)
		die(sql, l->db);
	if (l->participants_col >= 0 &&
	    sqlite3_prepare_v2(l->db, "INSERT INTO drill_participants(drill, enterprise, pos)"
			       " VALUES(?, ?, ?)", -1, &l->part, NULL) != SQLITE_OK)
		die("drill_participants", l->db);
	l->n_header = l->n_fields;
}

static void insert_participants(struct loader *l)
{
	const char *p = l->field[l->participants_col];
	int pos = 0;

	while (*p) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		sqlite3_bind_text(l->part, 1, l->field[l->id_col], (int)l->len[l->id_col],
				  SQLITE_STATIC);
		sqlite3_bind_text(l->part, 2, p, (int)n, SQLITE_STATIC);
		sqlite3_bind_int(l->part, 3, ++pos);
		if (sqlite3_step(l->part) != SQLITE_DONE)
			die("drill_participants", l->db);
		sqlite3_reset(l->part);
		p += n + (end != NULL);
	}
}

static void on_record(int c, void *arg)
{
	struct loader *l = arg;
	(void)c;

	if (l->records++ == 0) {
		prepare(l);
	} else {
		int k = 0;
		if (l->n_fields != l->n_header) {
			fprintf(stderr, "floor: %s: record %ld has %d fields\n", l->table,
				l->records, l->n_fields);
			exit(1);
		}
		for (int i = 0; i < l->n_fields; i++) {
			if (i == l->participants_col)
				continue;
			k++;
			if (l->len[i])
				sqlite3_bind_text(l->ins, k, l->field[i], (int)l->len[i], SQLITE_STATIC);
			else
				sqlite3_bind_null(l->ins, k);
		}
		if (sqlite3_step(l->ins) != SQLITE_DONE)
			die(l->table, l->db);
		sqlite3_reset(l->ins);
		if (l->participants_col >= 0)
			insert_participants(l);
		l->rows++;
	}
	l->n_fields = 0;
}

static long load(sqlite3 *db, const char *dir, const char *table)
{
	struct loader l;
	struct csv_parser p;
	char path[4096], buf[1 << 16];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s.csv", dir, table);
	f = fopen(path, "rb");
	if (!f)
		return 0;
	memset(&l, 0, sizeof l);
	l.db = db;
	l.table = table;
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		die("csv_init", NULL);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, &l) != n) {
			fprintf(stderr, "floor: %s: %s\n", path, csv_strerror(csv_error(&p)));
			exit(1);
		}
	csv_fini(&p, on_field, on_record, &l);
	csv_free(&p);
	fclose(f);
	sqlite3_finalize(l.ins);
	sqlite3_finalize(l.part);
	for (int i = 0; i < MAX_FIELDS; i++)
		free(l.field[i]);
	return l.rows;
}

static void copy_schema(sqlite3 *from, sqlite3 *to)
{
	sqlite3_stmt *st;

	/* creation order: tables before the indexes and triggers on them */
	if (sqlite3_prepare_v2(from, "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL"
			       " AND name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		die("reading the schema", from);
	while (sqlite3_step(st) == SQLITE_ROW)
		exec(to, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(from, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		die("user_version", from);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", sqlite3_column_int(st, 0));
	sqlite3_finalize(st);
	exec(to, sql);
}

int main(int argc, char **argv)
{
	sqlite3 *from, *to;
	long rows = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: floor SCHEMA_DB NEW_DB DOSSIER_DIR\n");
		return 1;
	}
	if (sqlite3_open_v2(argv[1], &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(argv[1], from);
	remove(argv[2]);
	if (sqlite3_open(argv[2], &to) != SQLITE_OK)
		die(argv[2], to);
	exec(to, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
	copy_schema(from, to);
	sqlite3_close(from);

	exec(to, "BEGIN IMMEDIATE");
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		rows += load(to, argv[3], files[i]);
	exec(to, "COMMIT");
	if (sqlite3_close(to) != SQLITE_OK)
		die("close", to);
	printf("%ld\n", rows);
	return 0;
}
