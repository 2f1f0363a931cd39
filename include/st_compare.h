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

/* The other side of a what-if: rules_dir (with the current pack's own
 * tailoring, so that only the rules differ), or else the current pack's
 * folder under the proposed tailoring file.  Returns 0 with a new pack in
 * *out (caller frees with st_pack_free), or -1 with the loader's messages
 * in diag. */
int st_compare_load_other(const struct st_pack *pack, const char *rules_dir,
			  const char *tailoring, struct st_pack **out, struct st_diag *diag);

/* ---- the summary: how many results each rule changes ---------------------- */

/* a side without a result for the rule (missing from that pack, deselected
 * by its tailoring, or informational): the index after the statuses */
#define ST_COMPARE_NONE ST_STATUS__COUNT

/* one rule of either pack and the pairs it changed */
struct st_compare_rule {
	const char *id;                     /* borrowed from pack or other */
	const struct st_rule *rule;         /* in the current pack, or NULL */
	const struct st_rule *other_rule;   /* in the other pack, or NULL */
	size_t changed;                     /* differing (subject, rule) pairs */
	/* n[a][b]: pairs with status a here and b there (ST_COMPARE_NONE for
	 * no result); n[a][a] counts pairs whose due alone differs */
	size_t n[ST_STATUS__COUNT + 1][ST_STATUS__COUNT + 1];
};

struct st_compare_summary {
	struct st_compare_rule *rules;      /* both packs' rules, by id; owned */
	size_t nrules;
	size_t changed;                     /* differing pairs in all */
	size_t subjects;                    /* subjects with at least one */
	size_t subjects_of[2];              /* ... of them, parks and enterprises
					       (indexed by enum st_scope) */
	size_t rules_changed;               /* rules with at least one */
	char *last;                         /* the last subject counted; owned */
	enum st_scope last_kind;
};

/* Start a summary over the rules of pack and other (both borrowed, and
 * kept alive until st_compare_summary_release).  Returns 0, or -1 with
 * "内存不足" in diag. */
int st_compare_summary_init(struct st_compare_summary *sum, const struct st_pack *pack,
			    const struct st_pack *other, struct st_diag *diag);
/* Count one differing pair, as a st_compare_sink hands it over (rows of one
 * subject come together).  Returns 0, or 1 when out of memory. */
int st_compare_summary_add(struct st_compare_summary *sum, const struct st_compare_row *row);
/* the summary's entry of rule id, or NULL */
const struct st_compare_rule *st_compare_summary_find(const struct st_compare_summary *sum,
						      const char *id);
/* free what the summary owns (not the packs) */
void st_compare_summary_release(struct st_compare_summary *sum);

#endif
