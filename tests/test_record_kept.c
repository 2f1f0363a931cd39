/*
 * test_record_kept.c — a recorder kept between changes (st_change.recorder,
 * as the web server keeps one on its write connection) records exactly
 * what a recorder made per change records: the same sequence of changes,
 * valid and refused ones mixed (a refused id then recorded validly; a
 * hazard's lifecycle), on two stores, gives the same statuses, messages,
 * records and history; ids rejected before a change do not leak into it.
 */
#include "st_test.h"

#include <unistd.h>

/* The library allocates with the C library and this test frees what it
 * returns: the real allocator throughout (leaks: make asan/valgrind). */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "st_buf.h"
#include "st_dossier.h"
#include "st_record.h"
#include "st_store.h"

#define E1 "91654200MA7A1B2C3W"
#define N(a) (sizeof(a) / sizeof((a)[0]))

struct store {
	char dir[64], path[128];
	sqlite3 *db;
	struct st_recorder *kept;   /* NULL: one per change */
};

static void open_store(struct store *s, int keep)
{
	struct st_diag d = ST_DIAG_INIT;

	strcpy(s->dir, "/tmp/st-kept-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	snprintf(s->path, sizeof s->path, "%s/park.db", s->dir);
	assert_int_equal(st_store_open(s->path, ST_STORE_WRITE, &s->db, &d), 0);
	s->kept = NULL;
	if (keep)
		assert_int_equal(st_recorder_new(s->db, &s->kept, &d), 0);
}

static void close_store(struct store *s)
{
	char p[200];

	st_recorder_free(s->kept);
	st_store_close(s->db);
	snprintf(p, sizeof p, "%s-wal", s->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", s->path);
	unlink(p);
	unlink(s->path);
	rmdir(s->dir);
}

/* one change on s; its status and messages appended to log */
enum op { CREATE, EDIT, CLOSE };
static void change(struct store *s, struct st_buf *log, enum op op, enum st_kind kind,
		   const char *id, const struct st_field *f, size_t n)
{
	struct st_change ch = { "wang", "test", "web", 0, "2026-06-30", NULL, s->kept };
	struct st_record_result r = ST_RECORD_RESULT_INIT;
	int rc = op == CREATE ? st_record_create(s->db, kind, f, n, &ch, &r) :
		 op == EDIT ? st_record_edit(s->db, kind, id, f, n, &ch, &r) :
			      st_hazard_close(s->db, id, "2026-06-20", "李四", &ch, &r);

	st_buf_printf(log, "%d:", rc);
	for (size_t i = 0; i < r.nerrors; i++)
		st_buf_printf(log, " [%s] %s", r.errors[i].column ? r.errors[i].column : "-",
			      r.errors[i].message);
	st_buf_puts(log, "\n");
	st_record_result_release(&r);
}

static int dump_row(void *arg, int n, char **v, char **names)
{
	struct st_buf *b = arg;
	(void)names;
	for (int i = 0; i < n; i++)
		st_buf_printf(b, "%s|", v[i] ? v[i] : "NULL");
	st_buf_puts(b, "\n");
	return 0;
}

static char *dump(struct store *s)
{
	struct st_buf b = ST_BUF_INIT;
	static const char *const sql[] = {
		"SELECT * FROM parks ORDER BY id", "SELECT * FROM enterprises ORDER BY id",
		"SELECT * FROM inspections ORDER BY id", "SELECT * FROM hazards ORDER BY id",
		"SELECT tbl, id, action, command, who, why, old FROM history ORDER BY rowid",
	};
	for (size_t i = 0; i < N(sql); i++)
		assert_int_equal(sqlite3_exec(s->db, sql[i], dump_row, &b, NULL), SQLITE_OK);
	return st_buf_steal(&b);
}

static char *run(struct store *s, char **records)
{
	struct st_buf log = ST_BUF_INIT;
	const struct st_field park[] = {
		{ "id", "P1" }, { "name", "塔城经济技术开发区" }, { "established", "2019-05-01" },
	};
	const struct st_field ent[] = {
		{ "id", E1 }, { "name", "塔城化工有限公司" }, { "park", "P1" },
		{ "employees", "420" }, { "hazchem", "hazardous" }, { "status", "operating" },
		{ "operating_since", "2020-03-01" },
	};
	/* refused: a checklist value that is none; then the same id, valid */
	const struct st_field bad[] = {
		{ "id", "INSP-1" }, { "enterprise", E1 }, { "date", "2026-03-10" },
		{ "kind", "quarterly" },
		{ "item1", "pass" }, { "item2", "pass" }, { "item3", "pass" }, { "item4", "pass" },
		{ "item5", "maybe" }, { "item6", "pass" }, { "item7", "pass" }, { "item8", "pass" },
		{ "item9", "pass" }, { "item10", "pass" }, { "item11", "pass" }, { "item12", "pass" },
		{ "item13", "pass" },
	};
	const struct st_field good[] = {
		{ "id", "INSP-1" }, { "enterprise", E1 }, { "date", "2026-03-10" },
		{ "kind", "quarterly" },
		{ "item1", "pass" }, { "item2", "pass" }, { "item3", "pass" }, { "item4", "pass" },
		{ "item5", "fail" }, { "item6", "pass" }, { "item7", "pass" }, { "item8", "pass" },
		{ "item9", "pass" }, { "item10", "pass" }, { "item11", "pass" }, { "item12", "pass" },
		{ "item13", "pass" },
	};
	const struct st_field unknown_ent[] = {
		{ "id", "HAZ-0" }, { "enterprise", "91654200MA7A1B2XXX" }, { "found", "2026-03-10" },
		{ "description", "无主" }, { "grade", "general" },
	};
	const struct st_field haz[] = {
		{ "id", "HAZ-1" }, { "enterprise", E1 }, { "inspection", "INSP-1" }, { "item", "5" },
		{ "found", "2026-03-10" }, { "description", "消防通道堵塞" }, { "grade", "major" },
	};
	const struct st_field four[] = {
		{ "measures", "清理通道" }, { "funds", "2000" }, { "owner", "赵强" },
		{ "deadline", "2026-03-20" },
	};
	const struct st_field second[] = {
		{ "enterprise", E1 }, { "date", "2026-04-10" }, { "kind", "special" },
		{ "item1", "pass" }, { "item2", "pass" }, { "item3", "pass" }, { "item4", "pass" },
		{ "item5", "pass" }, { "item6", "pass" }, { "item7", "pass" }, { "item8", "pass" },
		{ "item9", "pass" }, { "item10", "pass" }, { "item11", "pass" }, { "item12", "pass" },
		{ "item13", "pass" },
	};

	/* what an earlier user of the recorder rejected (an import's row) is
	 * not this change's business: the hazard below naming it must still be
	 * told that the enterprise does not exist */
	if (s->kept)
		assert_int_equal(st_recorder_reject(s->kept, ST_ENTERPRISE, "91654200MA7A1B2XXX"), 0);
	change(s, &log, CREATE, ST_PARK, NULL, park, N(park));
	change(s, &log, CREATE, ST_ENTERPRISE, NULL, ent, N(ent));
	change(s, &log, CREATE, ST_INSPECTION, NULL, bad, N(bad));
	change(s, &log, CREATE, ST_INSPECTION, NULL, good, N(good));
	change(s, &log, CREATE, ST_INSPECTION, NULL, good, N(good));   /* duplicate id */
	change(s, &log, CREATE, ST_HAZARD, NULL, unknown_ent, N(unknown_ent));
	change(s, &log, CREATE, ST_HAZARD, NULL, haz, N(haz));
	change(s, &log, CLOSE, ST_HAZARD, "HAZ-1", NULL, 0);           /* 四落实 missing */
	change(s, &log, EDIT, ST_HAZARD, "HAZ-1", four, N(four));
	change(s, &log, CLOSE, ST_HAZARD, "HAZ-1", NULL, 0);
	change(s, &log, CREATE, ST_INSPECTION, NULL, second, N(second)); /* generated id */
	*records = dump(s);
	return st_buf_steal(&log);
}

static void test_kept_recorder_records_the_same(void **state)
{
	struct store fresh, kept;
	char *rec_fresh, *rec_kept, *log_fresh, *log_kept;
	(void)state;

	open_store(&fresh, 0);
	open_store(&kept, 1);
	log_fresh = run(&fresh, &rec_fresh);
	log_kept = run(&kept, &rec_kept);
	assert_string_equal(log_kept, log_fresh);
	assert_string_equal(rec_kept, rec_fresh);
	/* the sequence did what it says: refusals and successes both */
	assert_non_null(strstr(log_fresh, "[item5]"));
	assert_non_null(strstr(rec_fresh, "INSP-1|" E1 "|2026-03-10|quarterly|"));
	assert_non_null(strstr(rec_fresh, "|2026-06-20|李四|"));
	assert_null(strstr(rec_fresh, "HAZ-0"));
	{
		int refused = 0;
		for (const char *p = log_fresh; (p = strchr(p, '\n')); p++)
			refused += p[1] && p[1] != '0';
		assert_true(refused >= 3);
	}
	free(rec_fresh);
	free(rec_kept);
	free(log_fresh);
	free(log_kept);
	close_store(&fresh);
	close_store(&kept);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_recorder_records_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
