/*
 * st_expr — rule expressions compiled at pack load into a small tree and
 * evaluated over the facts' C records (st_facts.h), without a document.
 *
 * The rule files stay the only source of the rules: every expression is
 * compiled here from its XPath text when the pack loads, after libxml2
 * has checked it (libxml2's compiled form is then kept only for the
 * expressions not compiled here; for the others it is made on the first
 * evaluation that needs XPath, st_param_xpath in st_rules.h).  The compiler covers the XPath 1.0 subset the rule
 * files use: relative location paths of child (name), self (.), parent (..)
 * and attribute (@name) steps with predicates (boolean, or a number: the
 * position); string and number literals; variables; or, and, = != < <= > >=,
 * + - * div mod, unary minus; the functions not, true, false, boolean,
 * string, number, concat, substring, contains, starts-with, string-length,
 * count, sum, floor, ceiling and st:days.  Anything else (absolute paths,
 * other axes, unions, other functions) is not compiled: st_expr_compile
 * returns NULL and the evaluator uses XPath on the facts document for that
 * expression.  Results follow XPath 1.0 (conversions, node-set comparisons,
 * NaN), with libxml2's own routines for number/string conversions and
 * substring, so that both ways give the same value.
 *
 * SAFETRACK_EVAL=xpath in the environment when a pack loads makes
 * st_expr_compile return NULL for every expression: the whole pack is then
 * evaluated by XPath (the reference the differential test compares with).
 */
#ifndef ST_EXPR_H
#define ST_EXPR_H

#include <stddef.h>

#include "st_facts.h"

struct st_expr;

enum st_xtype { ST_X_NODES, ST_X_STRING, ST_X_NUMBER, ST_X_BOOL };

/* a node of a node set: a record, or one of its attributes */
struct st_xitem {
	struct st_rec *rec;
	int col;                  /* the attribute's column, or -1: the element */
};

struct st_xval {
	enum st_xtype type;
	struct st_xitem *items;   /* ST_X_NODES, in document order, owned */
	size_t n, cap;
	const char *str;          /* ST_X_STRING */
	char *own;                /* str when owned (malloc'd), else NULL */
	double num;               /* ST_X_NUMBER; ST_X_BOOL: 0 or 1 */
	struct st_xitem one;      /* a node set of one node lives here (items ==
				     &one): no allocation; a copy of the
				     struct must point its items at its own */
};

#define ST_XVAL_INIT { .type = ST_X_BOOL }

/* the value of a variable: 0 with *out set, -1 when there is no such one */
struct st_xvars {
	int (*get)(void *arg, const char *name, struct st_xval *out);
	void *arg;
};

/* Compile src; NULL when it is outside the subset, when SAFETRACK_EVAL is
 * "xpath", or when memory runs out (the caller falls back to XPath). */
struct st_expr *st_expr_compile(const char *src);
void st_expr_free(struct st_expr *e);

/* Evaluate e with `ctx` as the context node.  Returns 0 with *out set (the
 * caller releases it), -1 when this evaluation needs what the compiled form
 * cannot do (e.g. a type error XPath reports: use XPath instead), -2 when
 * memory runs out. */
int st_expr_eval(const struct st_expr *e, struct st_rec *ctx, const struct st_xvars *vars,
		 struct st_xval *out);

void st_xval_release(struct st_xval *v);
int st_xval_boolean(const struct st_xval *v);
double st_xval_number(const struct st_xval *v);
/* the string value, malloc'd; NULL when memory runs out */
char *st_xval_string(const struct st_xval *v);
/* the string value of one node, malloc'd; NULL when memory runs out */
char *st_xitem_string(const struct st_xitem *it);
/* append a node to a node set; -1 when memory runs out */
int st_xval_push(struct st_xval *v, struct st_rec *rec, int col);

#endif
