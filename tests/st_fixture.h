/*
 * st_fixture.h — a scratch folder with a store imported from a dossier and
 * the rules folder's pack, for the unit tests that run the checker end to
 * end (test_compare, test_boundaries, test_result_cache).  Include after
 * st_test.h and with the real allocator (the library frees what it hands
 * out with free()).
 */
#ifndef ST_FIXTURE_H
#define ST_FIXTURE_H

#include <unistd.h>

#include "st_dossier.h"
#include "st_store.h"

struct st_fixture {
	char dir[64];              /* the scratch folder, removed by st_fixture_free */
	char db_path[96];
	sqlite3 *db;
	struct st_pack *pack;      /* rules/, untailored */
};

/* a new fixture with an empty scratch folder named after tag */
static inline struct st_fixture *st_fixture_new(const char *tag)
{
	struct st_fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/st-%s-XXXXXX", tag);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db_path, sizeof f->db_path, "%s/db", f->dir);
	return f;
}

/* load rules/ and import the dossier in dir into a new store */
static inline void st_fixture_import(struct st_fixture *f, const char *dir)
{
	struct st_diag d = ST_DIAG_INIT;
	struct st_import_stats stats;

	assert_int_equal(st_pack_load("rules", NULL, &f->pack, &d), 0);
	assert_int_equal(st_store_open(f->db_path, ST_STORE_WRITE, &f->db, &d), 0);
	assert_int_equal(st_dossier_import(f->db, dir, f->pack, &stats, NULL, NULL, &d), 0);
	assert_int_equal(d.count, 0);
	st_diag_release(&d);
}

static inline void st_fixture_free(struct st_fixture *f)
{
	char cmd[160];

	st_pack_free(f->pack);
	st_store_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
}

#endif
