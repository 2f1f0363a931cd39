/*
 * st_diag — a bounded list of diagnostics.
 *
 * Library code never prints.  A function that can fail on user input takes a
 * `struct st_diag *` and adds one line per problem, already formatted for the
 * user ("inspections.csv:17: column item5: 'passs' is not one of pass, fail, na").
 * Only the first ST_DIAG_KEEP lines are kept; `count` still counts them all so
 * that a caller can say "and 312 more".
 */
#ifndef ST_DIAG_H
#define ST_DIAG_H

#include <stddef.h>

#define ST_DIAG_KEEP 20

struct st_diag {
	size_t count;                /* problems reported, kept or not */
	char *line[ST_DIAG_KEEP];    /* the first ones; owned by the diag */
	char *line_en[ST_DIAG_KEEP]; /* their English text where the message
				      * has one (st_diag_msg), else NULL */
};

#define ST_DIAG_INIT { 0, { 0 }, { 0 } }

/* make an empty diag */
void st_diag_init(struct st_diag *d);
/* free every kept line and empty the diag; safe on an empty one */
void st_diag_release(struct st_diag *d);
/* add one printf-formatted line; always returns -1 so that callers can
 * `return st_diag_add(d, ...)`.  A NULL diag is allowed and ignored. */
int st_diag_add(struct st_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* add one message of st_msg.h, its Chinese text as the line and its
 * English text beside it: st_diag_msg(d, ST_MSG_REQUIRED).  Returns -1. */
int st_diag_msg(struct st_diag *d, const char *zh, const char *en, ...)
	__attribute__((format(printf, 2, 4), format(printf, 3, 4)));
/* the English text of kept line i, NULL if it has none */
const char *st_diag_line_en(const struct st_diag *d, size_t i);
/* drop every line added after the diag held count lines */
void st_diag_truncate(struct st_diag *d, size_t count);
/* number of kept lines: min(count, ST_DIAG_KEEP) */
size_t st_diag_kept(const struct st_diag *d);

#endif
