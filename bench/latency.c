/*
 * latency.c — one enterprise's check and report, timed inside one process.
 *
 *   latency DB RULES_DIR AS_OF ENTERPRISE REPS
 *
 * The command-line latency of `safetrack check --enterprise` includes
 * starting a process (exec, dynamic linking of libxml2, libxslt, SQLite,
 * jansson) and loading the rule pack, which no implementation of the check
 * can avoid paying per command.  This program separates them: it loads the
 * pack and opens the store once (timed), then runs the same library calls
 * the commands make — st_checker_run() with an enterprise filter feeding the
 * tsv writer, and st_report_render() of the enterprise report — REPS times
 * each, writing to /dev/null.  Prints tab-separated "name median_ms min_ms"
 * lines: pack_load, store_open, check_first, check, report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "st_checker.h"
#include "st_output.h"
#include "st_report.h"
#include "st_store.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void print_stat(const char *name, double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	printf("%s\t%.3f\t%.3f\n", name, v[n / 2], v[0]);
}

static void die(const char *what, struct st_diag *diag)
{
	fprintf(stderr, "latency: %s\n", what);
	for (size_t i = 0; i < st_diag_kept(diag); i++)
		fprintf(stderr, "  %s\n", diag->line[i]);
	exit(1);
}

static int sink(void *arg, const struct st_subject *s)
{
	return st_writer_subject(arg, s) != 0;
}

/* one check of one enterprise, as `check --enterprise ID --format tsv` */
static void check_once(sqlite3 *db, const struct st_pack *pack, st_day as_of,
		       const char *enterprise, FILE *out)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_check_filter filter = { enterprise, NULL, NULL };
	struct st_run_meta meta;
	struct st_writer *w;

	st_run_meta_init(&meta, pack, as_of);
	if (st_writer_new(out, ST_FORMAT_TSV, &meta, 0, &w) != 0)
		die("writer", &diag);
	if (st_checker_run(db, pack, as_of, &filter, sink, w, &diag) != 0 ||
	    st_writer_finish(w) != 0)
		die("check", &diag);
	st_writer_free(w);
}

int main(int argc, char **argv)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_pack *pack;
	sqlite3 *db;
	st_day as_of;
	double t, one;

	if (argc != 6) {
		fprintf(stderr, "usage: latency DB RULES_DIR AS_OF ENTERPRISE REPS\n");
		return 1;
	}
	int reps = atoi(argv[5]);
	if (reps < 1 || st_date_parse_iso(argv[3], &as_of) != 0) {
		fprintf(stderr, "latency: bad AS_OF or REPS\n");
		return 1;
	}
	double *v = calloc((size_t)reps, sizeof *v);
	FILE *out = fopen("/dev/null", "w");
	if (!v || !out)
		return 1;
	xmlInitParser();

	t = now_ms();
	if (st_pack_load(argv[2], NULL, &pack, &diag) != 0)
		die("rules", &diag);
	one = now_ms() - t;
	print_stat("pack_load", &one, 1);
	t = now_ms();
	if (st_store_open(argv[1], ST_STORE_READ, &db, &diag) != 0)
		die("store", &diag);
	one = now_ms() - t;
	print_stat("store_open", &one, 1);

	/* the first run reads the pages from the OS cache into SQLite's */
	t = now_ms();
	check_once(db, pack, as_of, argv[4], out);
	one = now_ms() - t;
	print_stat("check_first", &one, 1);
	for (int i = 0; i < reps; i++) {
		t = now_ms();
		check_once(db, pack, as_of, argv[4], out);
		v[i] = now_ms() - t;
	}
	print_stat("check", v, reps);

	struct st_report_input in = { db, pack, as_of, NULL, "2026-01-01T00:00:00" };
	for (int i = 0; i < reps; i++) {
		t = now_ms();
		if (st_report_render(&in, ST_REPORT_ENTERPRISE, argv[4], NULL, out, &diag) != 0)
			die("report", &diag);
		v[i] = now_ms() - t;
	}
	print_stat("report", v, reps);

	st_store_close(db);
	st_pack_free(pack);
	fclose(out);
	free(v);
	xmlCleanupParser();
	return 0;
}
