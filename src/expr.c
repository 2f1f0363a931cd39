/*
 * expr.c — rule expressions compiled to a tree, evaluated over records
 * (st_expr.h).
 *
 * A recursive-descent parser for the XPath subset the header names builds
 * a tree of `struct node`; anything outside the subset makes the whole
 * expression fail to compile, and the evaluator then uses XPath for it.
 * Evaluation follows XPath 1.0 section by section: node sets are arrays of
 * (record, column) in document order, conversions use libxml2's own
 * functions (xmlXPathCastNumberToString, xmlXPathCastStringToNumber,
 * xmlUTF8Strsub) so that values print and compare as XPath's do.
 */
#include "st_expr.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>
#include <libxml/xpath.h>

#include "st_date.h"

enum op {
	O_OR, O_AND, O_EQ, O_NE, O_LT, O_LE, O_GT, O_GE, O_ADD, O_SUB, O_MUL, O_DIV, O_MOD,
	O_NEG, O_LIT, O_NUM, O_VAR, O_FN, O_PATH
};

enum fn {
	F_NOT, F_TRUE, F_FALSE, F_BOOLEAN, F_STRING, F_NUMBER, F_CONCAT, F_SUBSTRING,
	F_CONTAINS, F_STARTS_WITH, F_STRING_LENGTH, F_COUNT, F_SUM, F_FLOOR, F_CEILING, F_DAYS
};

static const struct {
	const char *name;
	enum fn fn;
	int min, max;
} fns[] = {
	{ "not", F_NOT, 1, 1 },           { "true", F_TRUE, 0, 0 },
	{ "false", F_FALSE, 0, 0 },       { "boolean", F_BOOLEAN, 1, 1 },
	{ "string", F_STRING, 0, 1 },     { "number", F_NUMBER, 0, 1 },
	{ "concat", F_CONCAT, 2, 64 },    { "substring", F_SUBSTRING, 2, 3 },
	{ "contains", F_CONTAINS, 2, 2 }, { "starts-with", F_STARTS_WITH, 2, 2 },
	{ "string-length", F_STRING_LENGTH, 0, 1 },
	{ "count", F_COUNT, 1, 1 },       { "sum", F_SUM, 1, 1 },
	{ "floor", F_FLOOR, 1, 1 },       { "ceiling", F_CEILING, 1, 1 },
	{ "st:days", F_DAYS, 1, 1 },
};

enum step_kind { S_SELF, S_PARENT, S_CHILD, S_ATTR };

struct node;

struct step {
	enum step_kind kind;
	char *name;                /* S_CHILD, S_ATTR */
	struct node **preds;
	size_t npreds;
};

struct node {
	enum op op;
	struct node *a, *b;        /* operands */
	char *str;                 /* O_LIT, O_VAR */
	double num;                /* O_NUM */
	enum fn fn;
	struct node **args;        /* O_FN */
	size_t nargs;
	struct step *steps;        /* O_PATH, relative to the context node */
	size_t nsteps;
};

struct st_expr {
	struct node *root;
};

/* ---- tree ------------------------------------------------------------------- */

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	free(n->str);
	for (size_t i = 0; i < n->nargs; i++)
		node_free(n->args[i]);
	free(n->args);
	for (size_t i = 0; i < n->nsteps; i++) {
		free(n->steps[i].name);
		for (size_t k = 0; k < n->steps[i].npreds; k++)
			node_free(n->steps[i].preds[k]);
		free(n->steps[i].preds);
	}
	free(n->steps);
	free(n);
}

void st_expr_free(struct st_expr *e)
{
	if (e) {
		node_free(e->root);
		free(e);
	}
}

/* ---- parser ------------------------------------------------------------------ */

struct parser {
	const char *s;
	int bad;                   /* outside the subset, or out of memory */
};

static void skip_ws(struct parser *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')
		p->s++;
}

static int name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static int name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

/* an NCName at p->s, or 0 */
static size_t name_len(const char *s)
{
	size_t n = 0;

	if (!name_start(s[0]))
		return 0;
	while (name_char(s[n]))
		n++;
	return n;
}

static int accept(struct parser *p, const char *tok)
{
	size_t n = strlen(tok);

	skip_ws(p);
	if (strncmp(p->s, tok, n))
		return 0;
	/* an operator name must not run on into a longer name */
	if (name_start(tok[0]) && name_char(p->s[n]))
		return 0;
	p->s += n;
	return 1;
}

static struct node *new_node(struct parser *p, enum op op)
{
	struct node *n = calloc(1, sizeof *n);

	if (!n)
		p->bad = 1;
	else
		n->op = op;
	return n;
}

static struct node *binary(struct parser *p, enum op op, struct node *a, struct node *b)
{
	struct node *n = a && b ? new_node(p, op) : NULL;

	if (!n) {
		node_free(a);
		node_free(b);
		p->bad = 1;
		return NULL;
	}
	n->a = a;
	n->b = b;
	return n;
}

static struct node *parse_or(struct parser *p);

static int push_ptr(void ***v, size_t *n, void *x)
{
	void **nv = realloc(*v, (*n + 1) * sizeof *nv);

	if (!nv)
		return -1;
	nv[(*n)++] = x;
	*v = nv;
	return 0;
}

/* Step ::= '.' | '..' | '@' NCName | NCName Predicate* */
static int parse_step(struct parser *p, struct node *path)
{
	struct step st = { S_SELF, NULL, NULL, 0 };
	size_t n;

	skip_ws(p);
	if (p->s[0] == '.' && p->s[1] == '.') {
		st.kind = S_PARENT;
		p->s += 2;
	} else if (p->s[0] == '.') {
		st.kind = S_SELF;
		p->s++;
	} else if (p->s[0] == '@' && (n = name_len(p->s + 1)) && p->s[1 + n] != ':') {
		st.kind = S_ATTR;
		if (!(st.name = strndup(p->s + 1, n)))
			return -1;
		p->s += 1 + n;
	} else if ((n = name_len(p->s)) && p->s[n] != ':' && p->s[n] != '(') {
		/* not an axis (name::), a QName or a node test like text() */
		const char *after = p->s + n;
		while (*after == ' ')
			after++;
		if (*after == '(' || (after[0] == ':' && after[1] == ':'))
			return -1;
		st.kind = S_CHILD;
		if (!(st.name = strndup(p->s, n)))
			return -1;
		p->s += n;
		while (accept(p, "[")) {
			struct node *pred = parse_or(p);
			if (!pred || push_ptr((void ***)&st.preds, &st.npreds, pred) != 0 ||
			    !accept(p, "]")) {
				if (pred && (!st.npreds || st.preds[st.npreds - 1] != pred))
					node_free(pred);
				goto bad;
			}
		}
		if (st.npreds > 1)
			goto bad;   /* positions among the survivors of the first: not here */
	} else {
		return -1;
	}
	struct step *v = realloc(path->steps, (path->nsteps + 1) * sizeof *v);
	if (!v)
		goto bad;
	path->steps = v;
	path->steps[path->nsteps++] = st;
	return 0;
bad:
	free(st.name);
	for (size_t i = 0; i < st.npreds; i++)
		node_free(st.preds[i]);
	free(st.preds);
	return -1;
}

static struct node *parse_path(struct parser *p)
{
	struct node *n = new_node(p, O_PATH);

	if (!n)
		return NULL;
	do {
		if (parse_step(p, n) != 0 ||
		    (n->nsteps > 1 && n->steps[n->nsteps - 2].kind == S_ATTR)) {
			node_free(n);
			p->bad = 1;
			return NULL;
		}
		skip_ws(p);
		if (p->s[0] == '/' && p->s[1] == '/') {   /* descendants: not here */
			node_free(n);
			p->bad = 1;
			return NULL;
		}
	} while (accept(p, "/"));
	return n;
}

static struct node *parse_primary(struct parser *p)
{
	struct node *n;
	size_t len;

	skip_ws(p);
	if (p->bad)
		return NULL;
	if (*p->s == '(') {
		p->s++;
		n = parse_or(p);
		if (!n || !accept(p, ")")) {
			node_free(n);
			p->bad = 1;
			return NULL;
		}
		return n;
	}
	if (*p->s == '\'' || *p->s == '"') {
		const char *end = strchr(p->s + 1, *p->s);
		if (!end || !(n = new_node(p, O_LIT)) || !(n->str = strndup(p->s + 1, (size_t)(end - p->s - 1)))) {
			if (end)
				free(n);
			p->bad = 1;
			return NULL;
		}
		p->s = end + 1;
		return n;
	}
	if (isdigit((unsigned char)*p->s) || (*p->s == '.' && isdigit((unsigned char)p->s[1]))) {
		const char *start = p->s;
		while (isdigit((unsigned char)*p->s))
			p->s++;
		if (*p->s == '.')
			for (p->s++; isdigit((unsigned char)*p->s);)
				p->s++;
		if (!(n = new_node(p, O_NUM)))
			return NULL;
		char buf[64];
		snprintf(buf, sizeof buf, "%.*s", (int)(p->s - start), start);
		n->num = strtod(buf, NULL);
		return n;
	}
	if (*p->s == '$') {
		if (!(len = name_len(p->s + 1)) || p->s[1 + len] == ':' || !(n = new_node(p, O_VAR))) {
			p->bad = 1;
			return NULL;
		}
		if (!(n->str = strndup(p->s + 1, len))) {
			free(n);
			p->bad = 1;
			return NULL;
		}
		p->s += 1 + len;
		return n;
	}
	/* a function call: NCName or st:NCName, then '(' */
	len = name_len(p->s);
	size_t full = len;
	if (len && p->s[len] == ':' && p->s[len + 1] != ':' && name_len(p->s + len + 1))
		full = len + 1 + name_len(p->s + len + 1);
	const char *after = p->s + full;
	while (*after == ' ')
		after++;
	if (full && *after == '(') {
		size_t i;
		for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
			if (strlen(fns[i].name) == full && !strncmp(fns[i].name, p->s, full))
				break;
		if (i == sizeof fns / sizeof fns[0] || !(n = new_node(p, O_FN))) {
			p->bad = 1;
			return NULL;
		}
		n->fn = fns[i].fn;
		p->s = after + 1;
		if (!accept(p, ")")) {
			do {
				struct node *arg = parse_or(p);
				if (!arg || push_ptr((void ***)&n->args, &n->nargs, arg) != 0) {
					node_free(arg);
					node_free(n);
					p->bad = 1;
					return NULL;
				}
			} while (accept(p, ","));
			if (!accept(p, ")")) {
				node_free(n);
				p->bad = 1;
				return NULL;
			}
		}
		if ((int)n->nargs < fns[i].min || (int)n->nargs > fns[i].max) {
			node_free(n);
			p->bad = 1;
			return NULL;
		}
		return n;
	}
	return parse_path(p);
}

static struct node *parse_unary(struct parser *p)
{
	if (accept(p, "-")) {
		struct node *a = parse_unary(p), *n = a ? new_node(p, O_NEG) : NULL;
		if (!n) {
			node_free(a);
			p->bad = 1;
			return NULL;
		}
		n->a = a;
		return n;
	}
	struct node *n = parse_primary(p);
	skip_ws(p);
	/* a filter or path after a primary, or a union: not compiled */
	if (n && n->op != O_PATH && (*p->s == '[' || *p->s == '/'))
		p->bad = 1;
	if (*p->s == '|')
		p->bad = 1;
	return n;
}

static struct node *parse_mul(struct parser *p)
{
	struct node *n = parse_unary(p);

	for (;;) {
		if (accept(p, "*"))
			n = binary(p, O_MUL, n, parse_unary(p));
		else if (accept(p, "div"))
			n = binary(p, O_DIV, n, parse_unary(p));
		else if (accept(p, "mod"))
			n = binary(p, O_MOD, n, parse_unary(p));
		else
			return n;
	}
}

static struct node *parse_add(struct parser *p)
{
	struct node *n = parse_mul(p);

	for (;;) {
		if (accept(p, "+"))
			n = binary(p, O_ADD, n, parse_mul(p));
		else if (accept(p, "-"))
			n = binary(p, O_SUB, n, parse_mul(p));
		else
			return n;
	}
}

static struct node *parse_rel(struct parser *p)
{
	struct node *n = parse_add(p);

	for (;;) {
		if (accept(p, "<="))
			n = binary(p, O_LE, n, parse_add(p));
		else if (accept(p, ">="))
			n = binary(p, O_GE, n, parse_add(p));
		else if (accept(p, "<"))
			n = binary(p, O_LT, n, parse_add(p));
		else if (accept(p, ">"))
			n = binary(p, O_GT, n, parse_add(p));
		else
			return n;
	}
}

static struct node *parse_eq(struct parser *p)
{
	struct node *n = parse_rel(p);

	for (;;) {
		if (accept(p, "="))
			n = binary(p, O_EQ, n, parse_rel(p));
		else if (accept(p, "!="))
			n = binary(p, O_NE, n, parse_rel(p));
		else
			return n;
	}
}

static struct node *parse_and(struct parser *p)
{
	struct node *n = parse_eq(p);

	while (accept(p, "and"))
		n = binary(p, O_AND, n, parse_eq(p));
	return n;
}

static struct node *parse_or(struct parser *p)
{
	struct node *n = parse_and(p);

	while (accept(p, "or"))
		n = binary(p, O_OR, n, parse_and(p));
	return n;
}

struct st_expr *st_expr_compile(const char *src)
{
	const char *mode = getenv("SAFETRACK_EVAL");
	struct parser p = { src, 0 };
	struct st_expr *e;

	if (!src || (mode && !strcmp(mode, "xpath")))
		return NULL;
	struct node *root = parse_or(&p);
	skip_ws(&p);
	if (!root || p.bad || *p.s || !(e = malloc(sizeof *e))) {
		node_free(root);
		return NULL;
	}
	e->root = root;
	return e;
}

/* ---- values --------------------------------------------------------------------- */

void st_xval_release(struct st_xval *v)
{
	if (v->items != &v->one)
		free(v->items);
	free(v->own);
	memset(v, 0, sizeof *v);
	v->type = ST_X_BOOL;
}

int st_xval_push(struct st_xval *v, struct st_rec *rec, int col)
{
	if (!v->n && !v->cap) {   /* the first node: in the struct itself */
		v->one = (struct st_xitem){ rec, col };
		v->items = &v->one;
		v->n = 1;
		return 0;
	}
	if (v->items == &v->one) {
		struct st_xitem *it = malloc(8 * sizeof *it);
		if (!it)
			return -1;
		it[0] = v->one;
		v->items = it;
		v->cap = 8;
	}
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		struct st_xitem *it = realloc(v->items, cap * sizeof *it);
		if (!it)
			return -1;
		v->items = it;
		v->cap = cap;
	}
	v->items[v->n++] = (struct st_xitem){ rec, col };
	return 0;
}

/* the concatenated text of r's descendants, appended to *buf */
static int text_of(const struct st_rec *r, char **buf, size_t *len)
{
	if (r->text) {
		size_t n = strlen(r->text);
		char *b = realloc(*buf, *len + n + 1);
		if (!b)
			return -1;
		memcpy(b + *len, r->text, n + 1);
		*buf = b;
		*len += n;
	}
	for (const struct st_rec *c = r->first; c; c = c->next)
		if (text_of(c, buf, len) != 0)
			return -1;
	return 0;
}

/* the string value of a node: borrowed when it can be, else malloc'd into *own */
static const char *item_str(const struct st_xitem *it, char **own)
{
	*own = NULL;
	if (it->col >= 0)
		return it->rec->val[it->col];
	if (!it->rec->first)
		return it->rec->text ? it->rec->text : "";
	size_t len = 0;
	if (!(*own = strdup("")) || text_of(it->rec, own, &len) != 0) {
		free(*own);
		*own = NULL;
		return NULL;
	}
	return *own;
}

char *st_xitem_string(const struct st_xitem *it)
{
	char *own;
	const char *s = item_str(it, &own);

	return own ? own : s ? strdup(s) : NULL;
}

static double str_number(const char *s)
{
	return xmlXPathCastStringToNumber(BAD_CAST s);
}

int st_xval_boolean(const struct st_xval *v)
{
	switch (v->type) {
	case ST_X_NODES: return v->n > 0;
	case ST_X_STRING: return v->str[0] != '\0';
	case ST_X_NUMBER: return !isnan(v->num) && v->num != 0;
	case ST_X_BOOL: return v->num != 0;
	}
	return 0;
}

double st_xval_number(const struct st_xval *v)
{
	switch (v->type) {
	case ST_X_NODES: {
		if (!v->n)
			return NAN;
		char *own;
		const char *s = item_str(&v->items[0], &own);
		double d = s ? str_number(s) : NAN;
		free(own);
		return d;
	}
	case ST_X_STRING: return str_number(v->str);
	case ST_X_NUMBER: return v->num;
	case ST_X_BOOL: return v->num != 0 ? 1 : 0;
	}
	return NAN;
}

/* the string value: borrowed when it can be, else malloc'd into *own;
 * NULL when memory runs out */
static const char *val_str(const struct st_xval *v, char **own)
{
	*own = NULL;
	switch (v->type) {
	case ST_X_NODES: return v->n ? item_str(&v->items[0], own) : "";
	case ST_X_STRING: return v->str;
	case ST_X_BOOL: return v->num != 0 ? "true" : "false";
	case ST_X_NUMBER: {
		xmlChar *s = xmlXPathCastNumberToString(v->num);
		char *c = s ? strdup((const char *)s) : NULL;
		xmlFree(s);
		return *own = c;
	}
	}
	return "";
}

char *st_xval_string(const struct st_xval *v)
{
	char *own;
	const char *s = val_str(v, &own);

	return own ? own : s ? strdup(s) : NULL;
}

static void set_num(struct st_xval *v, double d)
{
	v->type = ST_X_NUMBER;
	v->num = d;
}

static void set_bool(struct st_xval *v, int b)
{
	v->type = ST_X_BOOL;
	v->num = b != 0;
}

/* ---- evaluation ------------------------------------------------------------------ */

struct ctx {
	const struct st_xvars *vars;
	int rc;                    /* 0, -1 (use XPath), -2 (out of memory) */
};

static int eval(struct ctx *c, const struct node *n, struct st_rec *node, struct st_xval *out);

/* does candidate `r` (at `pos` among its step's results) pass the
 * predicate?  (One predicate per step: the compiler takes no more.) */
static int passes(struct ctx *c, const struct step *st, struct st_rec *r, size_t pos, int *ok)
{
	struct st_xval v = ST_XVAL_INIT;

	if (eval(c, st->preds[0], r, &v) != 0)
		return -1;
	*ok = v.type == ST_X_NUMBER ? v.num == (double)pos : st_xval_boolean(&v);
	st_xval_release(&v);
	return 0;
}

static int eval_path(struct ctx *c, const struct node *n, struct st_rec *node, struct st_xval *out)
{
	struct st_xval cur = ST_XVAL_INIT, next = ST_XVAL_INIT;

	out->type = ST_X_NODES;
	if (n->nsteps == 1 && n->steps[0].kind == S_ATTR) {   /* @name: the common case */
		int col = st_rec_col(node, n->steps[0].name);
		if (col >= 0 && node->val[col] && st_xval_push(out, node, col) != 0) {
			c->rc = -2;
			return -1;
		}
		return 0;
	}
	/* no child step (., .., @name): at most one node, walked to directly */
	size_t s0 = 0;
	while (s0 < n->nsteps && n->steps[s0].kind != S_CHILD)
		s0++;
	if (s0 == n->nsteps) {
		struct st_rec *r = node;
		int col = -1;
		for (size_t s = 0; s < n->nsteps && r; s++) {
			if (n->steps[s].kind == S_PARENT) {
				if (!r->parent) {   /* the document node: XPath's */
					c->rc = -1;
					return -1;
				}
				r = r->parent;
			} else if (n->steps[s].kind == S_ATTR) {
				col = st_rec_col(r, n->steps[s].name);
				if (col < 0 || !r->val[col])
					r = NULL;
			}
		}
		if (r && st_xval_push(out, r, col) != 0) {
			c->rc = -2;
			return -1;
		}
		return 0;
	}
	cur.type = next.type = ST_X_NODES;
	if (st_xval_push(&cur, node, -1) != 0)
		goto oom;
	for (size_t s = 0; s < n->nsteps; s++) {
		const struct step *st = &n->steps[s];
		if (st->kind == S_PARENT && cur.n > 1) {
			c->rc = -1;   /* document order and duplicates: leave it to XPath */
			goto fail;
		}
		for (size_t i = 0; i < cur.n; i++) {
			struct st_rec *r = cur.items[i].rec;
			if (cur.items[i].col >= 0)
				continue;   /* an attribute has no children, no attributes */
			switch (st->kind) {
			case S_SELF:
				if (st_xval_push(&next, r, -1) != 0)
					goto oom;
				break;
			case S_PARENT:
				/* the root record's parent is XPath's document node,
				 * which has no record */
				if (!r->parent) {
					c->rc = -1;
					goto fail;
				}
				if (st_xval_push(&next, r->parent, -1) != 0)
					goto oom;
				break;
			case S_ATTR: {
				int col = st_rec_col(r, st->name);
				if (col >= 0 && r->val[col] && st_xval_push(&next, r, col) != 0)
					goto oom;
				break;
			}
			case S_CHILD: {
				size_t pos = 0;
				for (struct st_rec *ch = st_rec_child(r, st->name); ch;
				     ch = st_rec_next(ch)) {
					int ok = 1;
					pos++;
					if (st->npreds && passes(c, st, ch, pos, &ok) != 0)
						goto fail;
					if (ok && st_xval_push(&next, ch, -1) != 0)
						goto oom;
				}
				break;
			}
			}
		}
		st_xval_release(&cur);
		cur = next;
		if (next.items == &next.one)
			cur.items = &cur.one;
		memset(&next, 0, sizeof next);
		next.type = ST_X_NODES;
	}
	*out = cur;
	if (cur.items == &cur.one)
		out->items = &out->one;
	return 0;
oom:
	c->rc = -2;
fail:
	st_xval_release(&cur);
	st_xval_release(&next);
	if (!c->rc)
		c->rc = -1;
	return -1;
}

/* XPath 1.0 §3.4 for two values neither of which is a node set */
static int compare_atoms(enum op op, const struct st_xval *a, const struct st_xval *b, int *res)
{
	if (op == O_EQ || op == O_NE) {
		int eq;
		if (a->type == ST_X_BOOL || b->type == ST_X_BOOL) {
			eq = st_xval_boolean(a) == st_xval_boolean(b);
		} else if (a->type == ST_X_NUMBER || b->type == ST_X_NUMBER) {
			eq = st_xval_number(a) == st_xval_number(b);
		} else {
			eq = !strcmp(a->str, b->str);
		}
		*res = op == O_EQ ? eq : !eq;
		return 0;
	}
	double x = st_xval_number(a), y = st_xval_number(b);
	switch (op) {
	case O_LT: *res = x < y; break;
	case O_LE: *res = x <= y; break;
	case O_GT: *res = x > y; break;
	default: *res = x >= y; break;
	}
	return 0;
}

/* a node's string value as a string value */
static int item_atom(const struct st_xitem *it, struct st_xval *v)
{
	memset(v, 0, sizeof *v);
	v->type = ST_X_STRING;
	v->str = item_str(it, &v->own);
	return v->str ? 0 : -1;
}

/* comparisons with a node set on either side: true when some node makes it so */
static int compare(struct ctx *c, enum op op, const struct st_xval *a, const struct st_xval *b,
		   int *res)
{
	*res = 0;
	if (a->type != ST_X_NODES && b->type != ST_X_NODES)
		return compare_atoms(op, a, b, res);
	if (a->type == ST_X_BOOL || b->type == ST_X_BOOL) {
		struct st_xval x = ST_XVAL_INIT, y = ST_XVAL_INIT;
		set_bool(&x, st_xval_boolean(a));
		set_bool(&y, st_xval_boolean(b));
		return compare_atoms(op, &x, &y, res);
	}
	if (a->type == ST_X_NODES && b->type == ST_X_NODES) {
		for (size_t i = 0; i < a->n && !*res; i++) {
			struct st_xval x;
			if (item_atom(&a->items[i], &x) != 0)
				return c->rc = -2;
			for (size_t k = 0; k < b->n && !*res; k++) {
				struct st_xval y;
				if (item_atom(&b->items[k], &y) != 0) {
					st_xval_release(&x);
					return c->rc = -2;
				}
				if (op == O_EQ || op == O_NE)
					*res = (op == O_EQ) == !strcmp(x.str, y.str);
				else
					compare_atoms(op, &x, &y, res);
				st_xval_release(&y);
			}
			st_xval_release(&x);
		}
		return 0;
	}
	const struct st_xval *ns = a->type == ST_X_NODES ? a : b;
	for (size_t i = 0; i < ns->n && !*res; i++) {
		struct st_xval x;
		if (item_atom(&ns->items[i], &x) != 0)
			return c->rc = -2;
		/* a node against a number compares numbers, against a string strings */
		compare_atoms(op, ns == a ? &x : a, ns == a ? b : &x, res);
		st_xval_release(&x);
	}
	return 0;
}

static int eval_fn(struct ctx *c, const struct node *n, struct st_rec *node, struct st_xval *out)
{
	struct st_xval v[3] = { ST_XVAL_INIT, ST_XVAL_INIT, ST_XVAL_INIT };
	int rc = 0;
	char *o1 = NULL, *o2 = NULL;

	/* arguments evaluated first (concat evaluates its own) */
	if (n->fn != F_CONCAT)
		for (size_t i = 0; i < n->nargs && i < 3; i++)
			if (eval(c, n->args[i], node, &v[i]) != 0) {
				rc = -1;
				goto out;
			}
	/* no argument: the context node */
	if (!n->nargs && n->fn != F_TRUE && n->fn != F_FALSE) {
		v[0].type = ST_X_NODES;
		if (st_xval_push(&v[0], node, -1) != 0)
			goto oom;
	}
	switch (n->fn) {
	case F_NOT: set_bool(out, !st_xval_boolean(&v[0])); break;
	case F_TRUE: set_bool(out, 1); break;
	case F_FALSE: set_bool(out, 0); break;
	case F_BOOLEAN: set_bool(out, st_xval_boolean(&v[0])); break;
	case F_NUMBER: set_num(out, st_xval_number(&v[0])); break;
	case F_FLOOR: set_num(out, floor(st_xval_number(&v[0]))); break;
	case F_CEILING: set_num(out, ceil(st_xval_number(&v[0]))); break;
	case F_STRING: {
		const char *s = val_str(&v[0], &o1);
		if (!s)
			goto oom;
		out->type = ST_X_STRING;
		if (o1) {
			out->str = out->own = o1;
			o1 = NULL;
		} else if (v[0].own) {  /* keep what the argument owned */
			out->str = out->own = v[0].own;
			v[0].own = NULL;
		} else {
			out->str = s;   /* borrowed from a record or a literal */
		}
		break;
	}
	case F_DAYS: {
		if (v[0].type == ST_X_NODES && v[0].n && v[0].items[0].col >= 0) {
			/* an attribute: its record parsed it, or parses it once */
			st_day d = st_rec_day_at(v[0].items[0].rec, v[0].items[0].col);
			set_num(out, d == ST_DAY_NONE ? NAN : (double)d);
			break;
		}
		const char *s = val_str(&v[0], &o1);
		if (!s)
			goto oom;
		st_day d = st_day_of_value(s);
		set_num(out, d == ST_DAY_NONE ? NAN : (double)d);
		break;
	}
	case F_STRING_LENGTH: {
		const char *s = val_str(&v[0], &o1);
		if (!s)
			goto oom;
		set_num(out, (double)xmlUTF8Strlen(BAD_CAST s));
		break;
	}
	case F_CONTAINS:
	case F_STARTS_WITH: {
		const char *s = val_str(&v[0], &o1), *t = val_str(&v[1], &o2);
		if (!s || !t)
			goto oom;
		set_bool(out, n->fn == F_CONTAINS ? strstr(s, t) != NULL :
						    !strncmp(s, t, strlen(t)));
		break;
	}
	case F_COUNT:
	case F_SUM:
		if (v[0].type != ST_X_NODES) {
			rc = -1;   /* XPath's type error */
			c->rc = -1;
			goto out;
		}
		if (n->fn == F_COUNT) {
			set_num(out, (double)v[0].n);
		} else {
			double sum = 0;
			for (size_t i = 0; i < v[0].n; i++) {
				char *own;
				const char *s = item_str(&v[0].items[i], &own);
				if (!s)
					goto oom;
				sum += str_number(s);
				free(own);
			}
			set_num(out, sum);
		}
		break;
	case F_CONCAT: {
		size_t len = 0;
		char *buf = malloc(1);
		if (!buf)
			goto oom;
		buf[0] = '\0';
		for (size_t i = 0; i < n->nargs; i++) {
			struct st_xval a = ST_XVAL_INIT;
			char *own;
			if (eval(c, n->args[i], node, &a) != 0) {
				free(buf);
				rc = -1;
				goto out;
			}
			const char *s = val_str(&a, &own);
			size_t k = s ? strlen(s) : 0;
			char *nb = s ? realloc(buf, len + k + 1) : NULL;
			if (!nb) {
				free(own);
				st_xval_release(&a);
				free(buf);
				goto oom;
			}
			buf = nb;
			memcpy(buf + len, s, k + 1);
			len += k;
			free(own);
			st_xval_release(&a);
		}
		out->type = ST_X_STRING;
		out->str = out->own = buf;
		break;
	}
	case F_SUBSTRING: {
		/* libxml2's xmlXPathSubstringFunction, step by step */
		double in = st_xval_number(&v[1]), le = n->nargs == 3 ? st_xval_number(&v[2]) : 0;
		int i = 1, j = INT_MAX;
		const char *s = val_str(&v[0], &o1);
		if (!s)
			goto oom;
		if (!(in < INT_MAX)) {
			i = INT_MAX;
		} else if (in >= 1.0) {
			i = (int)in;
			if (in - floor(in) >= 0.5)
				i += 1;
		}
		if (n->nargs == 3) {
			double rin = floor(in), rle = floor(le), end;
			if (in - rin >= 0.5)
				rin += 1.0;
			if (le - rle >= 0.5)
				rle += 1.0;
			end = rin + rle;
			if (!(end >= 1.0))
				j = 1;
			else if (end < INT_MAX)
				j = (int)end;
		}
		out->type = ST_X_STRING;
		if (i < j && i - 1 < xmlUTF8Strlen(BAD_CAST s)) {
			xmlChar *r = xmlUTF8Strsub(BAD_CAST s, i - 1, j - i);
			char *d = r ? strdup((const char *)r) : NULL;
			xmlFree(r);
			if (!d)
				goto oom;
			out->str = out->own = d;
		} else {
			out->str = "";
		}
		break;
	}
	}
	goto out;
oom:
	c->rc = -2;
	rc = -1;
out:
	free(o1);
	free(o2);
	for (int i = 0; i < 3; i++)
		st_xval_release(&v[i]);
	return rc;
}

static int eval(struct ctx *c, const struct node *n, struct st_rec *node, struct st_xval *out)
{
	struct st_xval a = ST_XVAL_INIT, b = ST_XVAL_INIT;
	int rc = 0, res;

	memset(out, 0, sizeof *out);
	out->type = ST_X_BOOL;
	if (c->rc)
		return -1;
	switch (n->op) {
	case O_OR:
	case O_AND:
		if (eval(c, n->a, node, &a) != 0)
			return -1;
		res = st_xval_boolean(&a);
		if (res == (n->op == O_AND)) {
			if (eval(c, n->b, node, &b) != 0) {
				st_xval_release(&a);
				return -1;
			}
			res = st_xval_boolean(&b);
		}
		set_bool(out, res);
		break;
	case O_EQ: case O_NE: case O_LT: case O_LE: case O_GT: case O_GE:
		if (n->a->op == O_PATH && n->a->nsteps == 1 && n->a->steps[0].kind == S_ATTR &&
		    (n->b->op == O_LIT || n->b->op == O_NUM)) {
			/* @name against a constant: at most one node, no node set made */
			int col = st_rec_col(node, n->a->steps[0].name);
			struct st_xval x = ST_XVAL_INIT, y = ST_XVAL_INIT;
			res = 0;
			if (col >= 0 && node->val[col]) {
				x.type = ST_X_STRING;
				x.str = node->val[col];
				y.type = n->b->op == O_LIT ? ST_X_STRING : ST_X_NUMBER;
				y.str = n->b->str;
				y.num = n->b->num;
				compare_atoms(n->op, &x, &y, &res);
			}
			set_bool(out, res);
			break;
		}
		if (eval(c, n->a, node, &a) != 0 || eval(c, n->b, node, &b) != 0 ||
		    compare(c, n->op, &a, &b, &res) != 0) {
			rc = -1;
			break;
		}
		set_bool(out, res);
		break;
	case O_ADD: case O_SUB: case O_MUL: case O_DIV: case O_MOD: {
		if (eval(c, n->a, node, &a) != 0 || eval(c, n->b, node, &b) != 0) {
			rc = -1;
			break;
		}
		double x = st_xval_number(&a), y = st_xval_number(&b);
		set_num(out, n->op == O_ADD ? x + y : n->op == O_SUB ? x - y :
			     n->op == O_MUL ? x * y : n->op == O_DIV ? x / y : fmod(x, y));
		break;
	}
	case O_NEG:
		if (eval(c, n->a, node, &a) != 0)
			return -1;
		set_num(out, -st_xval_number(&a));
		break;
	case O_LIT:
		out->type = ST_X_STRING;
		out->str = n->str;
		break;
	case O_NUM:
		set_num(out, n->num);
		break;
	case O_VAR:
		if (!c->vars || c->vars->get(c->vars->arg, n->str, out) != 0) {
			c->rc = -1;   /* XPath says what is undefined */
			return -1;
		}
		break;
	case O_FN:
		return eval_fn(c, n, node, out);
	case O_PATH:
		return eval_path(c, n, node, out);
	}
	st_xval_release(&a);
	st_xval_release(&b);
	if (rc && !c->rc)
		c->rc = -1;
	return rc;
}

int st_expr_eval(const struct st_expr *e, struct st_rec *ctx, const struct st_xvars *vars,
		 struct st_xval *out)
{
	struct ctx c = { vars, 0 };

	if (eval(&c, e->root, ctx, out) != 0) {
		st_xval_release(out);
		return c.rc ? c.rc : -1;
	}
	return 0;
}
