/*
 * st_compare — what-if (INTERCHANGE revision 2): the results of the store
 * under the current rules against another rules folder or another
 * tailoring, as of one date, keeping only the (subject, rule) pairs whose
 * status or due differ.
 */
#ifndef ST_COMPARE_H
#define ST_COMPARE_H

#include <sqlite3.h>

#include "st_checker.h"
#include "st_eval.h"

/* one differing pair; has_* is 0 where the rule is missing on that side */
struct st_compare_row {
	enum st_scope kind;
	const char *subject;          /* valid during the callback */
	const char *rule;
	int has, has_other;
	enum st_status status, other_status;
	st_day due, other_due;        /* ST_DAY_NONE when none */
};

/* called for each differing pair, in check-table order; non-zero stops */
typedef int (*st_compare_sink)(void *arg, const struct st_compare_row *row);

/* Judge every subject matching filter as of as_of under `pack` and under
 * `other` and call sink for each pair that differs.  The other run is kept
 * in memory as a few bytes per result.  Returns 0, the sink's non-zero
 * value, or -1 with a message in diag (store error, unknown subject, a rule
 * filter neither pack has). */
int st_compare_run(sqlite3 *db, const struct st_pack *pack, const struct st_pack *other,
		   st_day as_of, const struct st_check_filter *filter, unsigned jobs,
		   st_compare_sink sink, void *arg, struct st_diag *diag);

#endif
