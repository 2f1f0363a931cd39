/*
 * test_boundaries.c — revision 2's day boundaries end to end: a dossier is
 * imported into a store and the checker judges it (store -> facts -> eval),
 * one table row per day either side of each edge.
 *
 * test_eval.c and test_facts.c test the same edges inside one module each
 * (a waiver already in the facts, a record's void date in the facts
 * builder); here the dates travel the whole way: a waiver is absent the day
 * before its approval and applies on it, holds on its expiry day and not the
 * day after, and stops on the day it is voided; a record voided on A still
 * counts as of A - 1 and is ignored as of A.
 */
#include "st_test.h"

/* the library allocates with the C library and frees what these tests
 * hand it: use the real allocator throughout (leaks: make asan/valgrind) */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "st_checker.h"
#include "st_fixture.h"

#define E "91654200MA7A1B2C3W"

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* the small dossier of tests/data/dossier/good, with HAZ-2 (a major hazard
 * without its four implementations) voided on 2026-10-01 and two waivers:
 * WV-1 for HAZ-FOUR-IMPLEMENTATIONS from 2026-05-01 to 2026-08-31, WV-2 for
 * EQUIP-PERIODIC-TEST (EQ-1 expired 2026-06-01) voided on 2026-09-15 */
static int setup(void **state)
{
	struct st_fixture *f = st_fixture_new("bounds");
	char cmd[256];

	snprintf(cmd, sizeof cmd, "cp tests/data/dossier/good/*.csv '%s'/", f->dir);
	assert_int_equal(system(cmd), 0);
	write_file(f->dir, "hazards.csv",
		   "id,enterprise,inspection,item,found,description,grade,measures,funds,owner,"
		   "deadline,closed,verified_by,voided,void_reason\n"
		   "HAZ-1," E ",INSP-1,5,2026-03-10,消防通道堵塞,general,清理通道,2000,赵强,"
		   "2026-03-20,2026-03-18,张三,,\n"
		   "HAZ-2," E ",,,2026-04-02,储罐区防火堤开裂,major,,,,,,,2026-10-01,重复登记\n");
	write_file(f->dir, "waivers.csv",
		   "id,subject,rule,reason,approved_by,approved,expires,voided,void_reason\n"
		   "WV-1," E ",HAZ-FOUR-IMPLEMENTATIONS,防火堤改造方案待专家论证,园区管委会,"
		   "2026-05-01,2026-08-31,,\n"
		   "WV-2," E ",EQUIP-PERIODIC-TEST,检验机构排期,园区管委会,2026-05-01,2027-04-30,"
		   "2026-09-15,录错\n");
	st_fixture_import(f, f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	st_fixture_free(*state);
	return 0;
}

struct got {
	int n;
	enum st_status status;
	st_day due;
};

static int keep(void *arg, const struct st_subject *s)
{
	struct got *g = arg;

	for (size_t i = 0; i < s->nresults; i++, g->n++) {
		g->status = s->results[i].status;
		g->due = s->results[i].due;
	}
	return 0;
}

static void test_day_edges(void **state)
{
	struct st_fixture *f = *state;
	static const struct {
		const char *as_of, *rule;
		enum st_status status;
		const char *due;          /* NULL: none */
	} rows[] = {
		/* a waiver: the day before its approval, the day of it */
		{ "2026-04-30", "HAZ-FOUR-IMPLEMENTATIONS", ST_FAIL, NULL },
		{ "2026-05-01", "HAZ-FOUR-IMPLEMENTATIONS", ST_WAIVED, "2026-08-31" },
		/* its expiry day and the day after */
		{ "2026-08-31", "HAZ-FOUR-IMPLEMENTATIONS", ST_WAIVED, "2026-08-31" },
		{ "2026-09-01", "HAZ-FOUR-IMPLEMENTATIONS", ST_FAIL, NULL },
		/* a waiver voided on 2026-09-15: holds the day before, not on it */
		{ "2026-09-14", "EQUIP-PERIODIC-TEST", ST_WAIVED, "2027-04-30" },
		{ "2026-09-15", "EQUIP-PERIODIC-TEST", ST_OVERDUE, "2026-06-01" },
		/* a hazard voided on A = 2026-10-01: as of A - 1 it is voided
		 * the next day and still counts; as of A it is ignored */
		{ "2026-09-30", "HAZ-FOUR-IMPLEMENTATIONS", ST_FAIL, NULL },
		{ "2026-10-01", "HAZ-FOUR-IMPLEMENTATIONS", ST_PASS, NULL },
	};

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct st_check_filter filter = { E, NULL, rows[i].rule };
		struct st_diag d = ST_DIAG_INIT;
		struct got g = { 0, ST_ERROR, ST_DAY_NONE };
		st_day as_of, due = ST_DAY_NONE;

		assert_int_equal(st_date_parse(rows[i].as_of, &as_of), 0);
		if (rows[i].due)
			assert_int_equal(st_date_parse(rows[i].due, &due), 0);
		assert_int_equal(st_checker_run(f->db, f->pack, as_of, &filter, keep, &g, &d), 0);
		if (g.n != 1 || g.status != rows[i].status || g.due != due)
			fail_msg("row %zu (%s %s): %d result(s), status %s due %ld; expected %s due %s",
				 i, rows[i].as_of, rows[i].rule, g.n, st_status_name(g.status),
				 (long)g.due, st_status_name(rows[i].status),
				 rows[i].due ? rows[i].due : "none");
		st_diag_release(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_edges),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
