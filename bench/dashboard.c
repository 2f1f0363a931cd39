/*
 * dashboard.c — a park's check inside one process, the way a web dashboard
 * asks for it: fresh on one thread and on JOBS threads, then through a
 * result cache (st_result_cache.h) cold, warm, and after one enterprise was
 * written to.
 *
 *   dashboard DB RULES_DIR AS_OF PARK REPS JOBS
 *
 * The pack is loaded and the store opened once.  Each measured run feeds
 * every subject of the park to a sink that counts results by status (the
 * dashboard's figures); the counts of all runs must agree, or the program
 * fails.  Prints tab-separated "name median_ms min_ms median_cpu_ms" lines,
 * CPU being the process's (all threads) during the run: fresh_1, fresh_N,
 * cached_cold, cached_warm, cached_after_write, and "subjects N".
 * The write is an UPDATE of one enterprise's row inside a transaction that
 * is rolled back, followed by st_result_cache_forget_enterprise(): the
 * cache then judges that enterprise and its park again, as after a real
 * edit, and the database is left as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "st_result_cache.h"
#include "st_store.h"

static double clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct counts {
	size_t subjects;
	size_t status[ST_STATUS__COUNT];
};

static int count(void *arg, const struct st_subject *s)
{
	struct counts *c = arg;
	c->subjects++;
	for (size_t i = 0; i < s->nresults; i++)
		c->status[s->results[i].status]++;
	return 0;
}

static void die(const char *what, struct st_diag *diag)
{
	fprintf(stderr, "dashboard: %s\n", what);
	for (size_t i = 0; diag && i < st_diag_kept(diag); i++)
		fprintf(stderr, "  %s\n", diag->line[i]);
	exit(1);
}

struct probe {
	sqlite3 *db;
	const struct st_pack *pack;
	st_day as_of;
	const char *park;
	struct st_result_cache *cache;
	struct counts first;
	int have_first;
};

/* one run: fresh with `jobs` threads, or through the cache */
static void run_once(struct probe *p, unsigned jobs, int cached, double *wall, double *cpu)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_check_filter filter = { NULL, p->park, NULL };
	struct counts c;
	int rc;

	memset(&c, 0, sizeof c);
	double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	if (cached)
		rc = st_result_cache_run(p->cache, p->as_of, &filter, jobs, count, &c, &diag);
	else
		rc = st_checker_run_jobs(p->db, p->pack, p->as_of, &filter, jobs, count, &c, &diag);
	*wall = clock_ms(CLOCK_MONOTONIC) - w0;
	*cpu = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
	if (rc != 0)
		die("check", &diag);
	if (!p->have_first) {
		p->first = c;
		p->have_first = 1;
	} else if (memcmp(&c, &p->first, sizeof c) != 0) {
		die("two runs gave different results", NULL);
	}
}

static void print_stat(const char *name, double *wall, double *cpu, int n)
{
	qsort(wall, (size_t)n, sizeof *wall, cmp_double);
	qsort(cpu, (size_t)n, sizeof *cpu, cmp_double);
	printf("%s\t%.3f\t%.3f\t%.3f\n", name, wall[n / 2], wall[0], cpu[n / 2]);
}

/* an edit of one enterprise, undone, then told to the cache */
static void touch(struct probe *p, const char *enterprise)
{
	sqlite3_stmt *s;

	if (sqlite3_exec(p->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(p->db, "UPDATE enterprises SET employees = employees + 1 "
			       "WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(p->db), NULL);
	sqlite3_bind_text(s, 1, enterprise, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		die(sqlite3_errmsg(p->db), NULL);
	sqlite3_finalize(s);
	sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
	st_result_cache_forget_enterprise(p->cache, enterprise);
}

int main(int argc, char **argv)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_pack *pack;
	struct probe p;
	int reps;
	unsigned jobs;

	if (argc != 7) {
		fprintf(stderr, "usage: dashboard DB RULES_DIR AS_OF PARK REPS JOBS\n");
		return 1;
	}
	memset(&p, 0, sizeof p);
	reps = atoi(argv[5]);
	jobs = (unsigned)atoi(argv[6]);
	if (reps < 1 || jobs < 1 || st_date_parse_iso(argv[3], &p.as_of) != 0)
		die("bad AS_OF, REPS or JOBS", NULL);
	xmlInitParser();
	if (st_pack_load(argv[2], NULL, &pack, &diag) != 0)
		die("rules", &diag);
	/* written to (and rolled back) by touch() */
	if (st_store_open(argv[1], ST_STORE_WRITE, &p.db, &diag) != 0)
		die("store", &diag);
	p.pack = pack;
	p.park = argv[4];

	double *wall = calloc((size_t)reps, sizeof *wall), *cpu = calloc((size_t)reps, sizeof *cpu);
	if (!wall || !cpu)
		die("memory", NULL);

	/* warm SQLite's page cache and the OS's */
	run_once(&p, 1, 0, &wall[0], &cpu[0]);
	for (int i = 0; i < reps; i++)
		run_once(&p, 1, 0, &wall[i], &cpu[i]);
	print_stat("fresh_1", wall, cpu, reps);
	for (int i = 0; i < reps; i++)
		run_once(&p, jobs, 0, &wall[i], &cpu[i]);
	print_stat("fresh_N", wall, cpu, reps);

	if (st_result_cache_new(p.db, pack, 0, &p.cache) != 0)
		die("memory", NULL);
	for (int i = 0; i < reps; i++) {
		st_result_cache_clear(p.cache);
		run_once(&p, jobs, 1, &wall[i], &cpu[i]);
	}
	print_stat("cached_cold", wall, cpu, reps);
	for (int i = 0; i < reps; i++)
		run_once(&p, jobs, 1, &wall[i], &cpu[i]);
	print_stat("cached_warm", wall, cpu, reps);

	/* the enterprise in the middle of the park */
	sqlite3_stmt *s;
	char *ent = NULL;
	if (sqlite3_prepare_v2(p.db, "SELECT id FROM enterprises WHERE park = ?1 ORDER BY id "
			       "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM enterprises WHERE park = ?1)",
			       -1, &s, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(p.db), NULL);
	sqlite3_bind_text(s, 1, p.park, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		ent = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (!ent)
		die("the park has no enterprise", NULL);
	for (int i = 0; i < reps; i++) {
		touch(&p, ent);
		run_once(&p, jobs, 1, &wall[i], &cpu[i]);
	}
	print_stat("cached_after_write", wall, cpu, reps);
	printf("subjects\t%zu\n", p.first.subjects);

	free(ent);
	free(wall);
	free(cpu);
	st_result_cache_free(p.cache);
	st_store_close(p.db);
	st_pack_free(pack);
	xmlCleanupParser();
	return 0;
}
