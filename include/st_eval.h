/*
 * st_eval — the pure evaluator: facts in, results out, no I/O.
 *
 * st_eval_subject() judges one subject (a park or an enterprise) against
 * every selected, non-informational rule of the pack whose scope matches the
 * subject, as of the end of day `as_of`.  The facts document must already be
 * "as of" that day (st_facts.h): records dated later left out, other later
 * dates blanked.  Statuses and date conventions are those of the catalogue.
 */
#ifndef ST_EVAL_H
#define ST_EVAL_H

#include <stddef.h>
#include <libxml/tree.h>

#include "st_date.h"
#include "st_rules.h"

/* The closed set of statuses, in the order of severity used to combine
 * several findings into one: a later value is worse.  ST_WAIVED never
 * comes out of a check: st_eval_subject sets it last (CATALOGUE revision 2). */
enum st_status {
	ST_NOT_APPLICABLE,
	ST_PASS,
	ST_WAIVED,          /* revision 2: an active waiver replaced the status */
	ST_DUE_SOON,
	ST_NOT_CHECKED,
	ST_FAIL,
	ST_OVERDUE,
	ST_ERROR,
	ST_STATUS__COUNT
};

struct st_result {
	const struct st_rule *rule;   /* borrowed from the pack */
	enum st_status status;
	st_day due;                   /* ST_DAY_NONE when the rule has no date here */
	char *detail_zh;              /* one line, Chinese, owned */
	char *detail_en;              /* one line, English, owned (tsv output) */
	char **records;               /* ids of the records that decided it, owned */
	size_t nrecords;
};

struct st_subject {
	enum st_scope kind;
	char *id, *name;              /* owned */
	char *park;                   /* enterprise: its park id; owned, NULL for a park */
	struct st_result *results;    /* owned, in rule id order */
	size_t nresults;
};

/* Evaluate one subject.  `facts` is the subject's facts document; `only`
 * limits evaluation to the rule with that id (NULL: all).  Fills *out, which
 * the caller releases with st_subject_release().  Returns 0, or -1 only when
 * memory runs out; a rule that cannot be evaluated gives status ST_ERROR. */
int st_eval_subject(const struct st_pack *pack, xmlDocPtr facts, st_day as_of,
		    const char *only, struct st_subject *out);
/* The same on facts read from the store (st_facts_read), the checker's
 * way: expressions the pack compiled for records (st_expr.h) run on the
 * records; any other is evaluated with XPath on the facts' document, made
 * for the subject when first needed. */
struct st_facts;
int st_eval_facts(const struct st_pack *pack, struct st_facts *facts, st_day as_of,
		  const char *only, struct st_subject *out);
/* free what a subject owns and zero it */
void st_subject_release(struct st_subject *s);

/* "pass", "due-soon", ... as in the catalogue */
const char *st_status_name(enum st_status s);
/* 合格, 即将到期, ... */
const char *st_status_name_zh(enum st_status s);
/* the status by its catalogue name; returns 0 or -1 */
int st_status_parse(const char *name, enum st_status *out);
/* 1 for fail, overdue and error: the statuses that make a subject non-compliant
 * (waived is not one: it counts like pass for exit codes) */
int st_status_is_finding(enum st_status s);

/* The attribute names the pack's rules can read (issue #14): every word of
 * its expressions and parameters and the names the check kinds read
 * themselves, for st_facts_reader_columns.  Returns 0 with a malloc'd
 * array in *names (free with st_eval_columns_free), 1 when any column may
 * be read (an expression evaluated by XPath: SAFETRACK_EVAL=xpath, or one
 * the records' form does not cover), -1 when memory runs out. */
int st_eval_columns(const struct st_pack *pack, char ***names, size_t *n);
void st_eval_columns_free(char **names, size_t n);

#endif
