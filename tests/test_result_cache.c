/*
 * test_result_cache.c — a cached check gives exactly what a fresh one gives.
 *
 * Differential: generated parks (st_generate, random records) are checked
 * fresh (st_checker_run, one thread) and through a result cache (cold and
 * warm, one thread and three) at several dates, and after writes to the
 * store — on the cache's connection with and without a forget call, and on
 * another connection.  Every subject's kind, id, name, park and every
 * result's rule, status, due date, Chinese and English detail and record
 * ids must be equal; the hit and miss counts show what was served from the
 * cache, so a cache that never served anything would fail too.
 */
#include "st_test.h"

#include <unistd.h>

/* The library allocates with the C library and these tests free what it
 * returns: use the real allocator throughout (leaks: make asan/valgrind). */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "st_buf.h"
#include "st_dossier.h"
#include "st_generate.h"
#include "st_result_cache.h"
#include "st_store.h"
#include "st_fixture.h"

/* the generated store's subjects: 14 enterprises in parks of 5 */
enum { NSUBJECTS = 3 + 14 };

static int serialize(void *arg, const struct st_subject *s)
{
	struct st_buf *b = arg;
	char day[11];

	st_buf_printf(b, "%d|%s|%s|%s\n", (int)s->kind, s->id, s->name ? s->name : "-",
		      s->park ? s->park : "-");
	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		st_buf_printf(b, "  %s %s %s [%s] [%s]", r->rule->id, st_status_name(r->status),
			      r->due == ST_DAY_NONE ? "-" : st_date_format(r->due, day),
			      r->detail_zh, r->detail_en);
		for (size_t k = 0; k < r->nrecords; k++)
			st_buf_printf(b, " %s", r->records[k]);
		st_buf_puts(b, "\n");
	}
	return 0;
}

static char *fresh(struct st_fixture *f, st_day as_of, const struct st_check_filter *filter)
{
	struct st_buf b = ST_BUF_INIT;
	struct st_diag d = ST_DIAG_INIT;

	assert_int_equal(st_checker_run(f->db, f->pack, as_of, filter, serialize, &b, &d), 0);
	return st_buf_steal(&b);
}

static char *cached(struct st_result_cache *c, st_day as_of,
		    const struct st_check_filter *filter, unsigned jobs)
{
	struct st_buf b = ST_BUF_INIT;
	struct st_diag d = ST_DIAG_INIT;

	assert_int_equal(st_result_cache_run(c, as_of, filter, jobs, serialize, &b, &d), 0);
	return st_buf_steal(&b);
}

/* the cached run equals the fresh one; returns its hits and misses */
static void same(struct st_fixture *f, struct st_result_cache *c, st_day as_of,
		 const struct st_check_filter *filter, unsigned jobs, size_t *hits,
		 size_t *misses)
{
	size_t h0, m0, h1, m1;
	char *want = fresh(f, as_of, filter);

	st_result_cache_stats(c, &h0, &m0);
	char *got = cached(c, as_of, filter, jobs);
	st_result_cache_stats(c, &h1, &m1);
	assert_true(strlen(want) > 100);
	assert_string_equal(got, want);
	*hits = h1 - h0;
	*misses = m1 - m0;
	free(want);
	free(got);
}

static void exec_ok(sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static char *one_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	assert_non_null(v);
	return v;
}

static int setup(void **state)
{
	struct st_fixture *f = st_fixture_new("rcache");
	struct st_generate_opts o;
	struct st_diag d = ST_DIAG_INIT;

	st_generate_opts_init(&o);
	o.enterprises = 14;
	o.years = 4;
	o.seed = 1414;
	o.park_size = 5;
	assert_int_equal(st_generate(f->dir, &o, NULL, &d), 0);
	st_fixture_import(f, f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	st_fixture_free(*state);
	return 0;
}

static void test_dates_and_jobs(void **state)
{
	struct st_fixture *f = *state;
	struct st_result_cache *c;
	const char *days[] = { "2023-03-31", "2024-12-31", "2026-11-28" };
	size_t hits, misses;

	assert_int_equal(st_result_cache_new(f->db, f->pack, 0, &c), 0);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < 3; i++) {
			st_day day;
			assert_int_equal(st_date_parse_iso(days[i], &day), 0);
			/* a new date empties the cache: cold, then warm */
			same(f, c, day, NULL, round ? 3 : 1, &hits, &misses);
			assert_int_equal(hits, 0);
			assert_int_equal(misses, NSUBJECTS);
			same(f, c, day, NULL, round ? 1 : 3, &hits, &misses);
			assert_int_equal(hits, NSUBJECTS);
			assert_int_equal(misses, 0);
		}
	st_result_cache_free(c);
}

static void test_filters(void **state)
{
	struct st_fixture *f = *state;
	struct st_result_cache *c;
	struct st_check_filter filter = { NULL, NULL, NULL };
	size_t hits, misses;
	st_day day;

	assert_int_equal(st_date_parse_iso("2026-06-30", &day), 0);
	assert_int_equal(st_result_cache_new(f->db, f->pack, 0, &c), 0);
	char *park = one_text(f->db, "SELECT id FROM parks ORDER BY id LIMIT 1 OFFSET 1");
	char *ent = one_text(f->db, "SELECT id FROM enterprises ORDER BY id LIMIT 1 OFFSET 7");
	filter.park = park;
	same(f, c, day, &filter, 2, &hits, &misses);
	assert_int_equal(hits, 0);
	assert_int_equal(misses, 6);   /* the park and its five enterprises */
	filter.park = NULL;
	same(f, c, day, NULL, 1, &hits, &misses);
	assert_int_equal(hits, 6);
	filter.enterprise = ent;
	same(f, c, day, &filter, 1, &hits, &misses);
	assert_int_equal(hits, 1);
	/* a rule filter goes around the cache */
	filter.enterprise = NULL;
	filter.rule = "INSP-QUARTERLY";
	same(f, c, day, &filter, 1, &hits, &misses);
	assert_int_equal(hits + misses, 0);
	free(park);
	free(ent);
	st_result_cache_free(c);
}

static void test_writes(void **state)
{
	struct st_fixture *f = *state;
	struct st_result_cache *c;
	size_t hits, misses;
	st_day day;
	char sql[256];
	sqlite3 *other;
	struct st_diag d = ST_DIAG_INIT;

	assert_int_equal(st_date_parse_iso("2026-11-28", &day), 0);
	assert_int_equal(st_result_cache_new(f->db, f->pack, 0, &c), 0);
	same(f, c, day, NULL, 1, &hits, &misses);
	char *before = fresh(f, day, NULL);

	/* a write on the cache's connection, accounted for: that enterprise and
	 * its park are judged again, nothing else */
	char *ent = one_text(f->db, "SELECT enterprise FROM hazards WHERE closed IS NOT NULL "
				    "ORDER BY enterprise LIMIT 1");
	snprintf(sql, sizeof sql,
		 "UPDATE hazards SET closed = NULL, verified_by = NULL WHERE enterprise = '%s'", ent);
	exec_ok(f->db, sql);
	st_result_cache_forget_enterprise(c, ent);
	same(f, c, day, NULL, 2, &hits, &misses);
	assert_int_equal(misses, 2);
	assert_int_equal(hits, NSUBJECTS - 2);
	char *after = fresh(f, day, NULL);
	assert_string_not_equal(before, after);   /* the write did change a result */

	/* a park's write forgets the park and its enterprises */
	char *park = one_text(f->db, "SELECT id FROM parks ORDER BY id LIMIT 1");
	snprintf(sql, sizeof sql, "UPDATE parks SET plan_filed = NULL WHERE id = '%s'", park);
	exec_ok(f->db, sql);
	st_result_cache_forget_park(c, park);
	same(f, c, day, NULL, 1, &hits, &misses);
	assert_int_equal(misses, 6);
	assert_int_equal(hits, NSUBJECTS - 6);

	/* a write in no subject's facts, told as such: nothing judged again */
	exec_ok(f->db, "CREATE TEMP TABLE scratch (x); INSERT INTO scratch VALUES (1)");
	st_result_cache_wrote_elsewhere(c);
	same(f, c, day, NULL, 1, &hits, &misses);
	assert_int_equal(misses, 0);
	assert_int_equal(hits, NSUBJECTS);

	/* a write on the cache's connection nobody told it about: all anew */
	snprintf(sql, sizeof sql,
		 "UPDATE equipment SET next_test = '2020-01-01' WHERE enterprise = '%s'", ent);
	exec_ok(f->db, sql);
	same(f, c, day, NULL, 1, &hits, &misses);
	assert_int_equal(hits, 0);
	assert_int_equal(misses, NSUBJECTS);

	/* a write on another connection: all anew */
	assert_int_equal(st_store_open(f->db_path, ST_STORE_WRITE, &other, &d), 0);
	exec_ok(other, "UPDATE workers SET level3 = NULL");
	st_store_close(other);
	same(f, c, day, NULL, 3, &hits, &misses);
	assert_int_equal(hits, 0);
	assert_int_equal(misses, NSUBJECTS);
	same(f, c, day, NULL, 1, &hits, &misses);
	assert_int_equal(hits, NSUBJECTS);

	free(before);
	free(after);
	free(ent);
	free(park);
	st_result_cache_free(c);
}

static void test_bounded(void **state)
{
	struct st_fixture *f = *state;
	struct st_result_cache *c;
	size_t hits, misses;
	st_day day;

	assert_int_equal(st_date_parse_iso("2025-06-30", &day), 0);
	assert_int_equal(st_result_cache_new(f->db, f->pack, 4, &c), 0);
	same(f, c, day, NULL, 1, &hits, &misses);
	same(f, c, day, NULL, 2, &hits, &misses);
	assert_int_equal(hits, 4);   /* only the first four were kept */
	assert_int_equal(misses, NSUBJECTS - 4);
	st_result_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_and_jobs),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_writes),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
