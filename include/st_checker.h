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

#endif
