/*
 * durability.c — what synchronous=FULL costs a recording command.
 *
 *   durability DB REPS
 *
 * DB is a store with a park P1 (e.g. one imported from tests/data/dossier/
 * good).  Opens it as every writing command does (st_store_open: WAL,
 * synchronous=FULL), then records REPS meetings, each in its own
 * transaction through the recorder (what `safetrack add meeting` does
 * after start-up); then the same with synchronous=NORMAL, the setting
 * before issue #15.  Prints "mode median_ms p95_ms" lines.  FULL syncs the
 * WAL at every commit; NORMAL only at checkpoints, so a power cut could take
 * back a record the program had confirmed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "st_dossier.h"
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

static int record(sqlite3 *db, int n, struct st_diag *diag)
{
	char id[32], date[16];
	const char *v[ST_MAX_COLS] = { 0 };
	struct st_recorder *r = NULL;
	enum st_put res;

	snprintf(id, sizeof id, "BENCH-%d", n);
	snprintf(date, sizeof date, "2026-%02d-%02d", 1 + n % 12, 1 + n % 28);
	v[0] = id;
	v[1] = "P1";
	v[2] = date;
	v[3] = "joint";
	if (st_recorder_new(db, &r, diag) || st_store_begin(db, diag) ||
	    st_recorder_put(r, ST_MEETING, v, "bench", &res, diag) || res == ST_PUT_REJECTED) {
		st_recorder_free(r);
		st_store_rollback(db);
		return -1;
	}
	st_recorder_free(r);
	return st_store_commit(db, diag);
}

int main(int argc, char **argv)
{
	struct st_diag diag = ST_DIAG_INIT;
	sqlite3 *db;
	int reps, n = 0;
	double *t;

	if (argc != 3 || (reps = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: durability DB REPS\n");
		return 1;
	}
	if (st_store_open(argv[1], ST_STORE_WRITE, &db, &diag) || !(t = malloc(sizeof *t * reps))) {
		fprintf(stderr, "%s\n", diag.count ? diag.line[0] : "out of memory");
		return 1;
	}
	for (int mode = 0; mode < 2; mode++) {
		if (mode == 1)
			sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
		for (int i = 0; i < reps; i++) {
			double t0 = now_ms();
			if (record(db, n++, &diag)) {
				fprintf(stderr, "%s\n", diag.count ? diag.line[0] : "failed");
				return 1;
			}
			t[i] = now_ms() - t0;
		}
		qsort(t, (size_t)reps, sizeof *t, cmp_double);
		printf("%s\t%.3f\t%.3f\n", mode ? "NORMAL" : "FULL", t[reps / 2], t[reps * 95 / 100]);
	}
	free(t);
	st_store_close(db);
	return 0;
}
