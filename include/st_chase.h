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
	const struct st_rule *rule;     /* borrowed from the pack; NULL for a major hazard */
	char *records;                  /* owned: the result's record ids, each followed by '\n' */
	char *hazard;                   /* owned: an open major hazard's id (rule NULL), or NULL */
	st_day found;                   /* the major hazard's discovery date */
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
	size_t major;                   /* how many of v are open major hazards */
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

/* The same in three steps, for a caller that runs the checker itself (the
 * web server, through its result cache): begin, pass st_chase_collect and
 * the list as the checker's sink and argument, then finish with the run's
 * return code (0: the list is sorted; else it is released and -1 returned,
 * with the reason in diag). */
void st_chase_begin(struct st_chase *out, st_day as_of, long within, st_chase_keep keep,
		    void *keep_arg);
int st_chase_collect(void *arg, const struct st_subject *s);
int st_chase_finish(struct st_chase *out, int rc, struct st_diag *diag);

/* The dashboard's list: add every open major hazard of the filter's scope
 * (found by as_of, not closed or voided by then; l->keep decides as for
 * subjects) as an item of its own (hazard set, rule NULL, status overdue
 * past its deadline, else due-soon), drop each obligation row whose records
 * are all such hazards (HAZ-RECTIFY-DEADLINE naming only major hazards:
 * they are listed once), and sort: overdue obligations and major hazards
 * first, by due date (a major hazard without a deadline after the overdue
 * ones), then what is due soon by date.  0, or -1 with a message. */
int st_chase_add_major_hazards(sqlite3 *db, const struct st_check_filter *filter,
			       struct st_chase *l, struct st_diag *diag);

#endif
