/*
 * st_checker — run the evaluator over the subjects of the store.
 *
 * The one loop that `check`, `overdue` and `report` share: for each subject
 * (parks, then enterprises, each by id), build its facts as of a day, call
 * the pure evaluator, hand the results to a sink, release them.  Memory is
 * bounded by one subject at a time, whatever the size of the park.
 */
#ifndef ST_CHECKER_H
#define ST_CHECKER_H

#include <sqlite3.h>

#include "st_date.h"
#include "st_diag.h"
#include "st_eval.h"
#include "st_rules.h"

struct st_check_filter {
	const char *enterprise;   /* only this enterprise (and no park), or NULL */
	const char *park;         /* only this park and its enterprises, or NULL */
	const char *rule;         /* only this rule, or NULL */
};

/* called once per subject; return 0 to go on, non-zero to stop (returned) */
typedef int (*st_check_sink)(void *arg, const struct st_subject *subject);

/* Evaluate every subject matching filter as of as_of, calling sink for each.
 * Returns 0; the sink's non-zero value if it stopped the run; -1 on a store
 * error (message in diag) or when the filter names an unknown enterprise
 * ("企业 ID 不存在"). */
int st_checker_run(sqlite3 *db, const struct st_pack *pack, st_day as_of,
		   const struct st_check_filter *filter, st_check_sink sink, void *arg,
		   struct st_diag *diag);

/* called once per subject and date; `date` indexes the caller's dates */
typedef int (*st_check_dates_sink)(void *arg, size_t date, const struct st_subject *subject);

/* Like st_checker_run, for several evaluation dates at once (a trend): each
 * subject's facts are read once, as of the latest date, and reduced in place
 * for the earlier ones (st_facts_restrict).  `dates` may be in any order;
 * for each subject the sink sees the dates latest first. */
int st_checker_run_dates(sqlite3 *db, const struct st_pack *pack, const st_day *dates,
			 size_t ndates, const struct st_check_filter *filter,
			 st_check_dates_sink sink, void *arg, struct st_diag *diag);

/* The same runs over `jobs` threads (0: one per online core; 1: this
 * thread alone, as the functions above).  Each thread opens its own
 * read-only connection to db's file and keeps its own facts reader and
 * evaluator state; subjects are handed out in order and their results
 * reach the sink in exactly the order, and on the thread, of a one-thread
 * run, so any output is byte-identical whatever the number of jobs.  At
 * most 4 × jobs subjects are in flight, so memory stays flat.  Falls back
 * to fewer threads (down to this one alone) when db has no file (in
 * memory) or a connection cannot be opened, and to one for an
 * --enterprise filter (a single subject).  Each thread reads in one read
 * transaction; a write committed while the run goes on may be seen by
 * some threads' later subjects and not by others (each subject is still
 * read from one snapshot). */
int st_checker_run_jobs(sqlite3 *db, const struct st_pack *pack, st_day as_of,
			const struct st_check_filter *filter, unsigned jobs, st_check_sink sink,
			void *arg, struct st_diag *diag);
int st_checker_run_dates_jobs(sqlite3 *db, const struct st_pack *pack, const st_day *dates,
			      size_t ndates, const struct st_check_filter *filter, unsigned jobs,
			      st_check_dates_sink sink, void *arg, struct st_diag *diag);

/* the default for jobs: $SAFETRACK_JOBS when it is a number from 1 to 64,
 * else the number of online cores (1 to 64) */
unsigned st_checker_default_jobs(void);

#endif
