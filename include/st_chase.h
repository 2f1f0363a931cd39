/*
 * st_chase — the chase list: every overdue and due-soon obligation, most
 * late first, then the due-soon ones by date.  What `safetrack overdue`
 * prints, the web dashboard shows and /api/v1/overdue returns.
 */
#ifndef ST_CHASE_H
#define ST_CHASE_H

#include <stddef.h>
#include <sqlite3.h>

#include "st_checker.h"
#include "st_date.h"
#include "st_diag.h"
#include "st_eval.h"
#include "st_rules.h"

struct st_chase_item {
	enum st_status status;          /* ST_OVERDUE or ST_DUE_SOON */
	st_day due;
	enum st_scope kind;             /* a park's or an enterprise's obligation */
	char *subject, *name, *park, *detail;   /* owned; park "" for a park */
	const struct st_rule *rule;     /* borrowed from the pack */
};

/* keep a subject in the list? (e.g. what an account may see); NULL keeps all */
typedef int (*st_chase_keep)(void *arg, const struct st_subject *s);

struct st_chase {
	struct st_chase_item *v;
	size_t n, cap;
	size_t overdue;                 /* how many of v are overdue */
	st_day as_of;
	long within;                    /* -1: each rule's own warning window */
	st_chase_keep keep;
	void *keep_arg;
	int oom;
};

/* Collect and sort the chase list as of as_of.  within: -1 for each rule's
 * warning window, else every dated obligation not failed due within that
 * many days.  Returns 0 with the list in *out (st_chase_release it), or -1
 * with a message in diag. */
int st_chase_run(sqlite3 *db, const struct st_pack *pack, st_day as_of, long within,
		 const struct st_check_filter *filter, st_chase_keep keep, void *keep_arg,
		 struct st_chase *out, struct st_diag *diag);
void st_chase_release(struct st_chase *c);

#endif
