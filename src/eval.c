/*
 * eval.c — the pure evaluator (see st_eval.h).
 *
 * Facts in, results out: this file reads one subject's facts document and the
 * rule pack, and touches nothing else — no database, no files, no clock.
 * Each check kind of checks.c has one function here that turns the check's
 * parameters and the subject's records into a `struct part`: a status, the
 * date that decides it, and a detail in Chinese (text and reports) and
 * English (the tsv contract).  A rule with several checks takes the worst.
 *
 * Statuses and date conventions follow docs/regulation/CATALOGUE.md;
 * comments name the catalogue's terms ("latest elapsed period", "look-back").
 */
#include "st_eval.h"
#include "st_alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "st_buf.h"
#include "st_expr.h"
#include "st_facts.h"

#define LIST_MAX 10   /* failing items named in a detail before "等 N 项" */

/* one check's finding; several merge into a rule's result */
struct part {
	enum st_status status;
	st_day due;
	struct st_buf zh, en;
	char **records;
	size_t nrecords, cap;
	int oom;                 /* memory ran out: the result cannot be trusted */
};

/* the evaluation of one subject */
struct ev {
	const struct st_pack *pack;
	struct st_facts *facts;
	struct st_rec *subject;
	const char *subject_id;
	st_day as_of;
	/* the variables' values: $year and $index inside a calendar select,
	 * $effective_from of the rule, the integer parameters of the check */
	double year, index, effective_from;
	const struct st_check *check;
	struct st_xvars vars;          /* get_var on this */
	int waivers;                   /* the subject has waivers in its facts */
	xmlXPathContextPtr ctx;        /* on the facts document, made on demand */
	char error[256];       /* the last XPath error, for the detail */
	int oom;               /* memory ran out: stop, the subject fails */
};

/* ---- small helpers ------------------------------------------------------ */


static int is_element(const struct st_rec *n, const char *name)
{
	return !strcmp(n->name, name);
}


/* "1 day", "12 days" for English details */
static const char *days_en(long n, char *buf)
{
	snprintf(buf, 24, "%ld day%s", n, n == 1 || n == -1 ? "" : "s");
	return buf;
}

static const char *fmt_day(st_day d, char *buf)
{
	return st_date_format(d, buf);
}

static void add_record(struct part *p, const char *id)
{
	if (!id || !*id)
		return;
	for (size_t i = 0; i < p->nrecords; i++)
		if (!strcmp(p->records[i], id))
			return;
	if (p->nrecords == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 4;
		char **r = realloc(p->records, cap * sizeof *r);
		if (!r) {
			p->oom = 1;
			return;
		}
		p->records = r;
		p->cap = cap;
	}
	char *s = strdup(id);
	if (s)
		p->records[p->nrecords++] = s;
	else
		p->oom = 1;
}

static void part_release(struct part *p)
{
	st_buf_release(&p->zh);
	st_buf_release(&p->en);
	for (size_t i = 0; i < p->nrecords; i++)
		free(p->records[i]);
	free(p->records);
	memset(p, 0, sizeof *p);
}

/* Chinese and English nouns for record elements and fields in details */
static const char *const nouns[][3] = {
	{ "inspection", "检查", "inspection" },     { "hazard", "隐患", "hazard" },
	{ "evaluation", "安全评价", "evaluation" }, { "project", "项目", "project" },
	{ "worker", "职工", "worker" },             { "certificate", "证书", "certificate" },
	{ "equipment", "特种设备", "equipment" },   { "accident", "事故", "accident" },
	{ "letter", "目标责任书", "letter" },        { "meeting", "安全生产工作会议", "meeting" },
	{ "drill", "应急救援演练", "drill" },         { "enterprise", "企业", "enterprise" },
	{ "park", "园区", "park" },
	/* fields */
	{ "measures", "整改措施", "measures" },     { "funds", "整改资金", "funds" },
	{ "owner", "整改责任人", "owner" },          { "deadline", "整改期限", "deadline" },
	{ "closed", "销号", "closure" },            { "rectified", "整改完成", "rectification" },
	{ "reported", "向政府及部门报告", "report" }, { "form_filed", "伤亡事故报表", "casualty form" },
	{ "investigation_closed", "事故调查结案", "investigation closure" },
	{ "major_hazard_owner", "重大危险源监控责任人", "major hazard owner" },
	{ "level1", "厂级教育", "factory level" },   { "level2", "车间级教育", "workshop level" },
	{ "level3", "班组级教育", "team level" },    { "assigned", "上岗", "assigned" },
	{ "director", "主任", "director" },
	{ NULL, NULL, NULL }
};

static const char *noun(const char *name, int en)
{
	for (size_t i = 0; nouns[i][0]; i++)
		if (!strcmp(nouns[i][0], name))
			return nouns[i][1 + en];
	return name;
}

/* ---- expressions ------------------------------------------------------------ */

/* The value of a variable for the compiled expressions; the same values go
 * to XPath's context before it evaluates (xpath_vars). */
static int get_var(void *arg, const char *name, struct st_xval *out)
{
	struct ev *ev = arg;

	out->type = ST_X_NUMBER;
	if (name[0] == 'i' && !strcmp(name, "index")) {   /* the most asked first */
		out->num = ev->index;
	} else if (!strcmp(name, "subject")) {
		out->type = ST_X_STRING;
		out->str = ev->subject_id;
	} else if (!strcmp(name, "as_of")) {
		out->num = (double)ev->as_of;
	} else if (!strcmp(name, "year")) {
		out->num = ev->year;
	} else if (!strcmp(name, "index")) {
		out->num = ev->index;
	} else if (!strcmp(name, "effective_from")) {
		out->num = ev->effective_from;
	} else {
		const struct st_param *p = ev->check ? st_check_param(ev->check, name) : NULL;
		if (!p || (p->spec && p->spec->type != ST_PARAM_INT))
			return -1;
		out->num = (double)p->ival;
	}
	return 0;
}

/* libxml2 reports XPath errors by code and offset, without a message */
static void xpath_error(void *arg, xmlErrorPtr e)
{
	struct ev *ev = arg;

	st_xpath_error_text(e, ev->error, sizeof ev->error);
}

static int set_var(struct ev *ev, const char *name, xmlXPathObjectPtr o)
{
	if (o && xmlXPathRegisterVariable(ev->ctx, BAD_CAST name, o) == 0)
		return 0;
	xmlXPathFreeObject(o);
	ev->oom = 1;
	return -1;
}

/* XPath's context on the facts document, made when an expression first
 * needs it.  Every variable any rule may use is registered once here:
 * libxml2 2.9 does not check the copy of the name it makes when it adds an
 * entry, and a failed one leaves a nameless entry that a later lookup trips
 * over; afterwards xpath_vars only replaces values. */
static int xpath_ready(struct ev *ev)
{
	if (ev->ctx)
		return 0;
	xmlDocPtr doc = st_facts_dom(ev->facts);
	if (!doc || !(ev->ctx = xmlXPathNewContext(doc)))
		goto oom;
	ev->ctx->error = xpath_error;
	ev->ctx->userData = ev;
	if (st_xpath_register(ev->ctx) != 0 ||
	    set_var(ev, "subject", xmlXPathNewString(BAD_CAST ev->subject_id)) != 0 ||
	    set_var(ev, "as_of", xmlXPathNewFloat((double)ev->as_of)) != 0 ||
	    set_var(ev, "year", xmlXPathNewFloat(0)) != 0 ||
	    set_var(ev, "index", xmlXPathNewFloat(0)) != 0 ||
	    set_var(ev, "effective_from", xmlXPathNewFloat(NAN)) != 0)
		goto oom;
	for (size_t i = 0; i < ev->pack->nrules; i++)
		for (size_t k = 0; k < ev->pack->rules[i].nchecks; k++) {
			const struct st_check *c = &ev->pack->rules[i].checks[k];
			for (size_t j = 0; j < c->nparams; j++)
				if ((!c->params[j].spec || c->params[j].spec->type == ST_PARAM_INT) &&
				    set_var(ev, c->params[j].name, xmlXPathNewFloat(0)) != 0)
					goto oom;
		}
	return 0;
oom:
	ev->oom = 1;
	return -1;
}

/* the current values of the variables into XPath's context */
static int xpath_vars(struct ev *ev)
{
	if (set_var(ev, "year", xmlXPathNewFloat(ev->year)) != 0 ||
	    set_var(ev, "index", xmlXPathNewFloat(ev->index)) != 0 ||
	    set_var(ev, "effective_from", xmlXPathNewFloat(ev->effective_from)) != 0)
		return -1;
	/* every integer parameter of the check is a variable of its own name */
	for (size_t i = 0; ev->check && i < ev->check->nparams; i++) {
		const struct st_param *p = &ev->check->params[i];
		if ((!p->spec || p->spec->type == ST_PARAM_INT) &&
		    set_var(ev, p->name, xmlXPathNewFloat((double)p->ival)) != 0)
			return -1;
	}
	return 0;
}

/* a node of XPath's result as a record and column */
static int from_xpath_node(struct ev *ev, xmlNodePtr x, struct st_xval *out)
{
	xmlNodePtr owner = x->type == XML_ATTRIBUTE_NODE || x->type == XML_TEXT_NODE ? x->parent : x;
	struct st_rec *r = owner && owner->type == XML_ELEMENT_NODE ? owner->_private : NULL;
	int col = -1;

	if (x->type == XML_DOCUMENT_NODE)
		r = st_facts_root(ev->facts);
	if (!r)
		return 0;   /* a node the records do not have (a comment): no value */
	if (x->type == XML_ATTRIBUTE_NODE)
		for (int i = 0; i < r->ncol && col < 0; i++)
			if (r->val[i] && !strcmp(r->col[i], (const char *)x->name))
				col = i;
	return st_xval_push(out, r, col);
}

/* evaluate a parameter (p) or a rule's <applies-to> (rule) with `node` as
 * the context node: compiled for records when it can, else libxml2's form,
 * compiled on first use */
static int xeval(struct ev *ev, const struct st_param *p, const struct st_rule *rule,
		 struct st_rec *node, struct st_xval *out)
{
	const struct st_expr *fast = p ? p->fast : rule->applies_fast;
	xmlXPathCompExprPtr xpath;

	memset(out, 0, sizeof *out);
	ev->error[0] = '\0';
	if (fast) {
		int rc = st_expr_eval(fast, node, &ev->vars, out);
		if (rc == 0)
			return 0;
		if (rc == -2) {
			ev->oom = 1;
			return -1;
		}
	}
	if (xpath_ready(ev) != 0 || xpath_vars(ev) != 0)
		return -1;
	xpath = p ? st_param_xpath(p, ev->ctx) : st_rule_applies(rule, ev->ctx);
	if (!xpath) {   /* the text passed the load's check: memory ran out */
		ev->oom = 1;
		return -1;
	}
	ev->ctx->node = node->dom;
	xmlXPathObjectPtr o = xmlXPathCompiledEval(xpath, ev->ctx);
	int rc = 0;
	if (!o)
		return -1;
	switch (o->type) {
	case XPATH_NODESET:
		out->type = ST_X_NODES;
		for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr && rc == 0; i++)
			rc = from_xpath_node(ev, o->nodesetval->nodeTab[i], out);
		break;
	case XPATH_BOOLEAN:
		out->type = ST_X_BOOL;
		out->num = o->boolval != 0;
		break;
	case XPATH_NUMBER:
		out->type = ST_X_NUMBER;
		out->num = o->floatval;
		break;
	case XPATH_STRING:
		out->type = ST_X_STRING;
		out->str = out->own = strdup(o->stringval ? (const char *)o->stringval : "");
		rc = out->own ? 0 : -1;
		break;
	default:
		ev->error[0] = '\0';
		xmlXPathFreeObject(o);
		st_xval_release(out);
		return -1;   /* "结果类型不符" */
	}
	xmlXPathFreeObject(o);
	if (rc != 0) {
		ev->oom = 1;
		st_xval_release(out);
	}
	return rc;
}

static int xparam(struct ev *ev, const struct st_param *p, struct st_rec *node, struct st_xval *out)
{
	return xeval(ev, p, NULL, node, out);
}

static void set_error(struct part *p, struct ev *ev, const struct st_param *param)
{
	p->status = ST_ERROR;
	p->due = ST_DAY_NONE;
	st_buf_printf(&p->zh, "规则参数 %s 求值失败：%s", param->name,
		      ev->error[0] ? ev->error : "结果类型不符");
	st_buf_printf(&p->en, "parameter %s could not be evaluated: %s", param->name,
		      ev->error[0] ? ev->error : "wrong result type");
}

/* node set of an XPath parameter into *out; -1 (and *p set to error) on failure */
static int xnodes(struct ev *ev, const struct st_check *c, const char *name,
		  struct st_rec *node, struct part *p, struct st_xval *out)
{
	const struct st_param *param = st_check_param(c, name);

	memset(out, 0, sizeof *out);
	if (param && xparam(ev, param, node, out) == 0) {
		if (out->type == ST_X_NODES)
			return 0;
		st_xval_release(out);
		ev->error[0] = '\0';
	}
	if (param)
		set_error(p, ev, param);
	return -1;
}

static int xbool(struct ev *ev, const struct st_param *param, struct st_rec *node, struct part *p)
{
	struct st_xval v;

	if (xparam(ev, param, node, &v) != 0) {
		set_error(p, ev, param);
		return -1;
	}
	int r = st_xval_boolean(&v);
	st_xval_release(&v);
	return r;
}

/* string value of an XPath parameter, malloc'd; NULL on failure (p set) */
static char *xstring(struct ev *ev, const struct st_param *param, struct st_rec *node, struct part *p)
{
	struct st_xval v;
	char *r = NULL;

	if (xparam(ev, param, node, &v) == 0) {
		if (!(r = st_xval_string(&v)))
			p->oom = 1;  /* evaluated, but the string could not be made */
		st_xval_release(&v);
	}
	if (!r)
		set_error(p, ev, param);
	return r;
}

static double xnumber(struct ev *ev, const struct st_param *param, struct st_rec *node,
		      struct part *p, int *failed)
{
	struct st_xval v;

	if (xparam(ev, param, node, &v) != 0) {
		set_error(p, ev, param);
		*failed = 1;
		return NAN;
	}
	double d = st_xval_number(&v);
	st_xval_release(&v);
	return d;
}

/* the label of a record for a detail: the check's label expression, or @id */
static char *label_of(struct ev *ev, const struct st_check *c, struct st_rec *node, struct part *p)
{
	const struct st_param *lp = st_check_param(c, "label");
	if (lp)
		return xstring(ev, lp, node, p);
	const char *id = st_rec_attr(node, "id");
	char *s = strdup(id ? id : "?");
	if (!s)
		p->oom = 1;
	return s;
}

/* ---- lists of failing items ---------------------------------------------- */

struct list {
	struct st_buf zh, en;
	size_t n;
};

static void list_add(struct list *l, const char *zh, const char *en)
{
	if (l->n < LIST_MAX) {
		st_buf_printf(&l->zh, "%s%s", l->n ? "、" : "", zh);
		st_buf_printf(&l->en, "%s%s", l->n ? ", " : "", en);
	}
	l->n++;
}

/* append "：a、b 等 N 项" to p's details */
static void list_flush(struct list *l, struct part *p)
{
	if (l->n) {
		st_buf_printf(&p->zh, "：%s", st_buf_str(&l->zh));
		st_buf_printf(&p->en, ": %s", st_buf_str(&l->en));
		if (l->n > LIST_MAX) {
			st_buf_printf(&p->zh, " 等 %zu 项", l->n);
			st_buf_printf(&p->en, " and %zu more", l->n - LIST_MAX);
		}
	}
	if (l->zh.oom || l->en.oom)
		p->oom = 1;  /* a list cut short by memory would read as complete */
	st_buf_release(&l->zh);
	st_buf_release(&l->en);
	l->n = 0;
}

/* ---- calendar periods (quarter, half year, year) ------------------------ */

struct calendar {
	int months, per_year;    /* 3/4, 6/2, 12/1 */
	int due_month;           /* 0: the period's last day */
	st_day scope;            /* first day in scope */
};

/* periods are numbered q = year * per_year + index - 1 */
static int q_year(const struct calendar *k, int q) { return q / k->per_year; }
static int q_index(const struct calendar *k, int q) { return q % k->per_year + 1; }
static st_day q_first(const struct calendar *k, int q)
{
	return st_period_first(q_year(k, q), k->months, q_index(k, q));
}
static st_day q_last(const struct calendar *k, int q)
{
	return st_period_last(q_year(k, q), k->months, q_index(k, q));
}
static st_day q_due(const struct calendar *k, int q)
{
	if (k->due_month)
		return st_period_last(q_year(k, q), 1, k->due_month);
	return q_last(k, q);
}
static int q_in_scope(const struct calendar *k, int q)
{
	return q_first(k, q) >= k->scope;   /* whole periods only */
}

static void q_label(const struct calendar *k, int q, char *zh, char *en)
{
	int y = q_year(k, q), i = q_index(k, q);

	if (k->months == 3) {
		snprintf(zh, 32, "%d年第%d季度", y, i);
		snprintf(en, 16, "%d-Q%d", y, i);
	} else if (k->months == 6) {
		snprintf(zh, 32, "%d年%s半年", y, i == 1 ? "上" : "下");
		snprintf(en, 16, "%d-H%d", y, i);
	} else {
		snprintf(zh, 32, "%d年度", y);
		snprintf(en, 16, "%d", y);
	}
}

/* a candidate record of a calendar rule, its date (and year field) parsed once */
struct cal_rec {
	st_day day;
	int year;                /* the year field's value, or 0 */
	struct st_rec *node;
};

struct cal_set {
	struct cal_rec *v;
	int n;
};

/* parse the dates of a node set once; returns 0 or -1 (out of memory) */
static int cal_collect(const struct st_xval *o, const struct st_check *c, struct cal_set *set)
{
	const char *date_f = st_check_text(c, "date"), *year_f = st_check_text(c, "year_field");
	int total = (int)o->n;

	set->n = 0;
	if (!(set->v = malloc(((size_t)total + 1) * sizeof *set->v)))
		return -1;
	for (int i = 0; i < total; i++) {
		struct st_rec *n = o->items[i].rec;
		st_day d = st_rec_day(n, date_f);
		const char *y = year_f ? st_rec_attr(n, year_f) : NULL;
		if (d == ST_DAY_NONE || (year_f && !y))
			continue;
		set->v[set->n++] = (struct cal_rec){ d, y ? atoi(y) : 0, n };
	}
	return 0;
}

/* the record that meets period q, or NULL.  With a year field, a record
 * counts for the year it names; otherwise for the period containing its date. */
static struct st_rec *cal_find(const struct cal_set *set, const struct calendar *k, int q, int by_year)
{
	st_day first = q_first(k, q), last = q_last(k, q);

	for (int i = 0; i < set->n; i++)
		if (by_year ? set->v[i].year == q_year(k, q) :
			      set->v[i].day >= first && set->v[i].day <= last)
			return set->v[i].node;
	return NULL;
}

/* A calendar check's candidate records.  A select that does not mention
 * $year or $index is evaluated once (sets[0]); one that mentions only
 * $index once per index (sets[index]); one that mentions $year per period. */
struct cal_cache {
	int by_year;             /* the check has a year field */
	int per_index, per_year;
	struct cal_set sets[5];
	struct st_xval nodes[5];
	int have[5];
};

static void cal_cache_release(struct cal_cache *cc)
{
	for (int i = 0; i < 5; i++) {
		free(cc->sets[i].v);
		st_xval_release(&cc->nodes[i]);
	}
}

/* evaluate the select for period q into slot; returns 0 or -1 */
static int cal_load(struct ev *ev, const struct calendar *k, const struct st_check *c, int q,
		    struct cal_set *set, struct st_xval *nodes, struct part *p)
{
	ev->year = q_year(k, q);
	ev->index = q_index(k, q);
	if (xnodes(ev, c, "select", ev->subject, p, nodes) != 0)
		return -1;
	return cal_collect(nodes, c, set);
}

/* period q's record, or NULL; *failed set when the select cannot be evaluated */
static struct st_rec *q_met(struct ev *ev, const struct calendar *k, const struct st_check *c,
			int q, struct cal_cache *cc, struct part *p, int *failed)
{
	struct cal_set set = { NULL, 0 };
	struct st_xval nodes = ST_XVAL_INIT;
	struct st_rec *found = NULL;

	if (!cc->per_year) {
		int slot = cc->per_index ? q_index(k, q) : 0;
		if (!cc->have[slot]) {
			if (cal_load(ev, k, c, q, &cc->sets[slot], &cc->nodes[slot], p) != 0) {
				*failed = 1;
				return NULL;
			}
			cc->have[slot] = 1;
		}
		return cal_find(&cc->sets[slot], k, q, cc->by_year);
	}
	if (cal_load(ev, k, c, q, &set, &nodes, p) == 0)
		found = cal_find(&set, k, q, cc->by_year);
	else
		*failed = 1;
	free(set.v);
	st_xval_release(&nodes);
	return found;
}

/* What a missed period lacks, in an officer's words, from the element the
 * rule's select names first (inspection[...] → 未开展检查). */
static const char *calendar_missing_zh(const char *select, const struct st_rec *subject)
{
	static const struct {
		const char *element, *zh;
	} words[] = {
		{ "inspection", "未开展检查" }, { "meeting", "未召开会议" },
		{ "letter", "未签订目标责任书" }, { "evaluation", "未开展安全评价" },
	};
	size_t n = strspn(select, "abcdefghijklmnopqrstuvwxyz_");

	if (n == 5 && !strncmp(select, "drill", 5))
		return is_element(subject, "park") ? "未组织演练" : "未参加演练";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].element) == n && !strncmp(select, words[i].element, n))
			return words[i].zh;
	return "无符合要求的记录";
}

/* the calendar-period rule of the catalogue's date conventions */
static void check_calendar(struct ev *ev, const struct st_check *c, struct part *p)
{
	const char *period = st_check_text(c, "period");
	const struct st_param *sel = st_check_param(c, "select");
	struct calendar k = { 12, 1, 0, 0 };
	long warn = st_check_int(c, "warn_days", 30);
	char zh[32], en[16], d1[11], d2[11], dn[24];
	struct cal_cache cc;
	int failed = 0;

	if (!strcmp(period, "quarter"))
		k = (struct calendar){ 3, 4, 0, 0 };
	else if (!strcmp(period, "half"))
		k = (struct calendar){ 6, 2, 0, 0 };
	else
		k.due_month = (int)st_check_int(c, "due_month", 0);

	char *scope = xstring(ev, st_check_param(c, "scope_start"), ev->subject, p);
	if (!scope)
		return;
	k.scope = st_day_of_value(scope);
	free(scope);
	if (k.scope == ST_DAY_NONE) {
		p->status = ST_NOT_APPLICABLE;
		st_buf_puts(&p->zh, "无纳入范围的起始日期");
		st_buf_puts(&p->en, "no date from which the subject is in scope");
		return;
	}
	/* evaluate the select as seldom as its variables allow */
	memset(&cc, 0, sizeof cc);
	cc.by_year = st_check_text(c, "year_field") != NULL;
	cc.per_year = strstr(sel->text, "$year") != NULL;
	cc.per_index = strstr(sel->text, "$index") != NULL;

	/* the latest period whose due date is before as-of, and the next one */
	int y, m, d;
	st_day_to_ymd(ev->as_of, &y, &m, &d);
	int q = y * k.per_year + st_period_index(ev->as_of, k.months) - 1;
	while (q_due(&k, q) >= ev->as_of)
		q--;
	int last = q_in_scope(&k, q) ? q : -1;
	int next = q + 1;
	for (int guard = 0; !q_in_scope(&k, next) && guard < 1000; guard++)
		next++;

	struct st_rec *met_last = last >= 0 ? q_met(ev, &k, c, last, &cc, p, &failed) : NULL;
	struct st_rec *met_next = failed ? NULL : q_met(ev, &k, c, next, &cc, p, &failed);
	if (failed)
		goto out;

	if (last >= 0 && !met_last) {
		p->status = ST_OVERDUE;
		p->due = q_due(&k, last);
		q_label(&k, last, zh, en);
		st_buf_printf(&p->zh, "%s（截止 %s）%s，已逾期 %d 天", zh, fmt_day(p->due, d1),
			      calendar_missing_zh(sel->text, ev->subject), (int)(ev->as_of - p->due));
		st_buf_printf(&p->en, "no qualifying record for %s (due %s); %s late", en, d1,
			      days_en(ev->as_of - p->due, dn));
	} else if (!met_next && ev->as_of >= q_due(&k, next) - warn) {
		p->status = ST_DUE_SOON;
		p->due = q_due(&k, next);
		q_label(&k, next, zh, en);
		st_buf_printf(&p->zh, "%s（截止 %s）尚%s，剩余 %d 天", zh, fmt_day(p->due, d1),
			      calendar_missing_zh(sel->text, ev->subject), (int)(p->due - ev->as_of));
		st_buf_printf(&p->en, "%s not yet met (due %s); %s left", en, d1,
			      days_en(p->due - ev->as_of, dn));
	} else {
		p->status = ST_PASS;
		int upcoming = next;
		if (met_next)
			for (upcoming++; !q_in_scope(&k, upcoming); upcoming++)
				;
		p->due = q_due(&k, upcoming);
		if (last >= 0) {
			q_label(&k, last, zh, en);
			st_buf_printf(&p->zh, "%s已完成（%s %s）", zh, st_rec_attr(met_last, "id"),
				      fmt_day(st_rec_day(met_last, st_check_text(c, "date")), d1));
			st_buf_printf(&p->en, "%s met by %s (%s)", en, st_rec_attr(met_last, "id"), d1);
		} else {
			st_buf_puts(&p->zh, "尚无已到期的周期");
			st_buf_puts(&p->en, "no period has fallen due yet");
		}
		if (met_next) {
			q_label(&k, next, zh, en);
			st_buf_printf(&p->zh, "；%s已完成（%s %s）", zh, st_rec_attr(met_next, "id"),
				      fmt_day(st_rec_day(met_next, st_check_text(c, "date")), d1));
			st_buf_printf(&p->en, "; %s met by %s (%s)", en, st_rec_attr(met_next, "id"), d1);
		}
		q_label(&k, upcoming, zh, en);
		st_buf_printf(&p->zh, "；下一期 %s 截止 %s", zh, fmt_day(p->due, d2));
		st_buf_printf(&p->en, "; next %s due %s", en, d2);
	}

	/* RESP-LETTER-ANNUAL: a record after the due date still meets its year, late */
	struct st_rec *decided = met_last ? met_last : met_next;
	if (decided) {
		st_day dd = st_rec_day(decided, st_check_text(c, "date"));
		int dq = decided == met_last ? last : next;
		add_record(p, st_rec_attr(decided, "id"));
		if (dd != ST_DAY_NONE && dd > q_due(&k, dq)) {
			st_buf_printf(&p->zh, "（%s 于 %s 完成，晚于截止日 %s）", st_rec_attr(decided, "id"),
				      fmt_day(dd, d1), fmt_day(q_due(&k, dq), d2));
			st_buf_printf(&p->en, " (%s on %s, after the due date %s)",
				      st_rec_attr(decided, "id"), d1, d2);
		}
	}

	/* every unmet period among the last four in-scope elapsed periods */
	struct list l = { ST_BUF_INIT, ST_BUF_INIT, 0 };
	for (int i = 0, qq = last; i < 4 && qq >= 0 && q_in_scope(&k, qq); i++, qq--) {
		if (qq == last ? met_last != NULL : q_met(ev, &k, c, qq, &cc, p, &failed) != NULL)
			continue;
		if (failed)
			break;
		q_label(&k, qq, zh, en);
		list_add(&l, zh, en);
	}
	if (l.n) {
		st_buf_puts(&p->zh, "；近四期未完成");
		st_buf_puts(&p->en, "; unmet in the last four periods");
	}
	list_flush(&l, p);
out:
	if (failed && p->status != ST_ERROR) {
		p->status = ST_ERROR;
		st_buf_puts(&p->zh, "内存不足");
		st_buf_puts(&p->en, "out of memory");
		p->oom = 1;
	}
	cal_cache_release(&cc);
}

/* ---- interval ------------------------------------------------------------- */

static void months_text(long months, struct part *p)
{
	if (months % 12 == 0) {
		st_buf_printf(&p->zh, " + %ld 年", months / 12);
		st_buf_printf(&p->en, " + %ld year%s", months / 12, months == 12 ? "" : "s");
	} else {
		st_buf_printf(&p->zh, " + %ld 个月", months);
		st_buf_printf(&p->en, " + %ld month%s", months, months == 1 ? "" : "s");
	}
}

/* days late / left after the arithmetic, shared by interval and expiry */
static void days_text(struct part *p, st_day due, st_day as_of)
{
	char dn[24];

	if (p->status == ST_OVERDUE) {
		st_buf_printf(&p->zh, "，已逾期 %d 天", (int)(as_of - due));
		st_buf_printf(&p->en, "; %s late", days_en(as_of - due, dn));
	} else {
		st_buf_printf(&p->zh, "，剩余 %d 天", (int)(due - as_of));
		st_buf_printf(&p->en, "; %s left", days_en(due - as_of, dn));
	}
}

static enum st_status dated_status(st_day due, st_day as_of, long warn)
{
	if (as_of > due)
		return ST_OVERDUE;
	return as_of >= due - warn ? ST_DUE_SOON : ST_PASS;
}

/* the interval rule: due = last qualifying record (else scope start) + months */
static void check_interval(struct ev *ev, const struct st_check *c, struct part *p)
{
	const char *date_f = st_check_text(c, "date");
	long months = st_check_int(c, "months", 12), warn = st_check_int(c, "warn_days", 30);
	struct st_xval o;
	struct st_rec *last = NULL;
	st_day base = ST_DAY_NONE;
	char d1[11], d2[11];

	if (xnodes(ev, c, "select", ev->subject, p, &o) != 0)
		return;
	for (size_t i = 0; i < o.n; i++) {
		struct st_rec *n = o.items[i].rec;
		st_day d = st_rec_day(n, date_f);
		if (d != ST_DAY_NONE && (base == ST_DAY_NONE || d > base)) {
			base = d;
			last = n;
		}
	}
	st_xval_release(&o);

	if (last) {
		add_record(p, st_rec_attr(last, "id"));
		st_buf_printf(&p->zh, "上次%s %s", noun(last->name, 0),
			      fmt_day(base, d1));
		st_buf_printf(&p->en, "last %s %s", noun(last->name, 1), d1);
	} else {
		char *s = xstring(ev, st_check_param(c, "scope_start"), ev->subject, p);
		if (!s)
			return;
		base = st_day_of_value(s);
		free(s);
		if (base == ST_DAY_NONE) {
			p->status = ST_NOT_APPLICABLE;
			st_buf_puts(&p->zh, "无记录，也无纳入范围的起始日期");
			st_buf_puts(&p->en, "no record and no date from which the subject is in scope");
			return;
		}
		/* name what never happened: 从未开展安全评价 */
		const char *missing = calendar_missing_zh(st_check_text(c, "select"), ev->subject);
		st_buf_printf(&p->zh, "%s%s，自纳入范围之日 %s",
			      strncmp(missing, "未", strlen("未")) ? "" : "从", missing,
			      fmt_day(base, d1));
		st_buf_printf(&p->en, "no record; in scope since %s", d1);
	}
	p->due = st_day_add_months(base, (int)months);
	p->status = dated_status(p->due, ev->as_of, warn);
	months_text(months, p);
	st_buf_printf(&p->zh, " = %s", fmt_day(p->due, d2));
	st_buf_printf(&p->en, " = %s", d2);
	if (p->status == ST_PASS) {
		st_buf_printf(&p->zh, "，下次截止 %s", d2);
		st_buf_printf(&p->en, "; next due %s", d2);
	} else {
		days_text(p, p->due, ev->as_of);
	}
}

/* ---- deadline ------------------------------------------------------------- */

/* a date or time value as minutes; *timed says whether it had a time of day */
static int moment(const char *v, st_minute *out, int *timed)
{
	st_day d;

	if (!v || !*v)
		return -1;
	if (st_time_parse(v, out) == 0) {
		*timed = 1;
		return 0;
	}
	if (st_date_parse_iso(v, &d) == 0) {
		*out = (st_minute)d * ST_MINUTES_PER_DAY;
		*timed = 0;
		return 0;
	}
	return -1;
}

struct finding {
	enum st_status status;
	st_day due;
	int priority;
	char *zh, *en;
	const char *id;
};

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->priority != y->priority)
		return y->priority - x->priority;
	if (x->status != y->status)
		return (int)y->status - (int)x->status;
	return x->due < y->due ? -1 : x->due > y->due;
}

static void fmt_moment(st_minute t, int timed, char *buf)
{
	if (timed)
		st_time_format(t, buf);
	else
		st_date_format(st_time_day(t), buf);
}

/* How an officer names the record a deadline rule waits for: the act
 * (应于 … 前<act>; 未<act>), the word after the date it was done (实际 …
 * <done>) and the word for being late (迟报 for reports, 超期 otherwise). */
struct deadline_words {
	const char *field, *act, *miss, *done, *late;
};

static const struct deadline_words deadline_words[] = {
	{ "reported", "报告", "报告", "报告", "迟报" },
	{ "form_filed", "填报伤亡事故报表", "填报伤亡事故报表", "填报", "迟报" },
	{ "investigation_closed", "调查结案", "结案", "结案", "超期" },
	{ "closed", "整改销号", "销号", "销号", "超期" },
	{ "rectified", "整改完成", "整改完成", "完成", "超期" },
};

/* the words for record field `field`; others: its noun, 完成, 超期 */
static struct deadline_words deadline_zh(const char *field)
{
	struct deadline_words w = { field, noun(field, 0), noun(field, 0), "完成", "超期" };

	for (size_t i = 0; i < sizeof deadline_words / sizeof deadline_words[0]; i++)
		if (field && !strcmp(field, deadline_words[i].field))
			return deadline_words[i];
	return w;
}

/* a moment in Chinese text: "2026-08-10 14:30" (no T), or the date */
static void fmt_moment_zh(st_minute t, int timed, char *buf)
{
	fmt_moment(t, timed, buf);
	if (timed && buf[10] == 'T')
		buf[10] = ' ';
}

/* the deadline rule: each event E followed by record R within T, as of A */
static void check_deadline(struct ev *ev, const struct st_check *c, struct part *p)
{
	const char *event_f = st_check_text(c, "event"), *record_f = st_check_text(c, "record");
	const char *due_f = st_check_text(c, "due_field");
	const struct st_param *prio = st_check_param(c, "priority");
	long days = st_check_int(c, "deadline_days", -1), hours = st_check_int(c, "deadline_hours", -1);
	long warn = st_check_int(c, "warn_days", 30), lookback = st_check_int(c, "lookback_days", 365);
	struct st_xval o;
	struct finding *f = NULL;
	size_t nf = 0, judged = 0;
	st_day pending = ST_DAY_NONE, missed = ST_DAY_NONE;

	if (xnodes(ev, c, "select", ev->subject, p, &o) != 0)
		return;
	int total = (int)o.n;
	if (total && !(f = calloc((size_t)total, sizeof *f))) {
		st_xval_release(&o);
		p->oom = 1;
		return;
	}
	p->status = ST_PASS;
	for (int i = 0; i < total && p->status != ST_ERROR; i++) {
		struct st_rec *n = o.items[i].rec;
		st_minute e, dl, r;
		int e_timed, r_timed, dl_timed = 0;
		char es[17], ds[17], rs[17], dn[24];

		if (moment(st_rec_attr(n, event_f), &e, &e_timed) != 0)
			continue;
		st_day e_day = st_time_day(e), dl_day;
		if (due_f) {   /* the event's own deadline; none: not judged here */
			if ((dl_day = st_rec_day(n, due_f)) == ST_DAY_NONE)
				continue;
			dl = (st_minute)dl_day * ST_MINUTES_PER_DAY;
		} else if (hours >= 0) {
			dl = e + hours * 60;
			dl_day = st_time_day(dl);
			dl_timed = 1;
		} else {
			dl_day = e_day + (st_day)(days < 0 ? 0 : days);
			dl = (st_minute)dl_day * ST_MINUTES_PER_DAY;
		}
		int resolved = moment(st_rec_attr(n, record_f), &r, &r_timed) == 0;
		/* look-back: resolved events older than lookback_days are not judged */
		if (resolved && e_day < ev->as_of - lookback)
			continue;
		judged++;

		struct finding *x = &f[nf];
		struct st_buf zh = ST_BUF_INIT, en = ST_BUF_INIT;
		char *label = label_of(ev, c, n, p);
		if (!label)
			break;
		x->priority = prio ? xbool(ev, prio, n, p) > 0 : 0;
		x->id = st_rec_attr(n, "id");
		struct deadline_words w = deadline_zh(record_f);
		char esz[17], dsz[17], rsz[17];
		fmt_moment(e, e_timed, es);
		fmt_moment(dl, dl_timed, ds);
		fmt_moment_zh(e, e_timed, esz);
		fmt_moment_zh(dl, dl_timed, dsz);
		/* the priority parameter marks major hazards (HAZ-RECTIFY-DEADLINE) */
		st_buf_printf(&zh, "%s%s %s（%s）应于 %s 前%s", x->priority ? "重大" : "",
			      noun(n->name, 0), label, esz, dsz, w.act);
		st_buf_printf(&en, "%s %s%s (%s, deadline %s)", noun(n->name, 1),
			      label, x->priority ? " [priority]" : "", es, ds);
		free(label);

		if (resolved) {
			/* a date-only record against a timed deadline counts at the day's end */
			st_minute rr = r_timed || !dl_timed ? r : r + ST_MINUTES_PER_DAY - 1;
			int late = dl_timed ? rr > dl : st_time_day(r) > dl_day;
			fmt_moment(r, r_timed, rs);
			fmt_moment_zh(r, r_timed, rsz);
			if (!late) {
				st_buf_release(&zh);
				st_buf_release(&en);
				continue;
			}
			x->status = ST_FAIL;
			x->due = dl_day;
			/* on the deadline's own day the time alone says when */
			const char *when = r_timed && dl_timed && st_time_day(r) == dl_day ? rsz + 11 : rsz;
			if (dl_timed) {
				long m = (long)(rr - dl);
				st_buf_printf(&zh, "，实际 %s %s，%s ", when, w.done, w.late);
				if (m >= 24 * 60)
					st_buf_printf(&zh, "%ld 天 ", m / (24 * 60));
				st_buf_printf(&zh, "%ld 小时 %ld 分", m % (24 * 60) / 60, m % 60);
				st_buf_printf(&en, " %s %s, %ldh%02ldm late", noun(record_f, 1), rs,
					      m / 60, m % 60);
			} else {
				int late_days = (int)(st_time_day(r) - dl_day);
				st_buf_printf(&zh, "，实际 %s %s，%s %d 天", when, w.done, w.late,
					      late_days);
				st_buf_printf(&en, " %s %s, %s late", noun(record_f, 1), rs,
					      days_en(late_days, dn));
			}
		} else {
			/* a timed deadline has passed at the end of day A if it falls on A */
			int over = dl_timed ? dl_day <= ev->as_of : dl_day < ev->as_of;
			x->due = dl_day;
			if (over) {
				x->status = ST_OVERDUE;
				st_buf_printf(&zh, "，至今未%s，已逾期 %d 天", w.miss,
					      (int)(ev->as_of - dl_day));
				st_buf_printf(&en, " no %s; %s late", noun(record_f, 1),
					      days_en(ev->as_of - dl_day, dn));
				if (missed == ST_DAY_NONE || dl_day < missed)
					missed = dl_day;
			} else {
				if (pending == ST_DAY_NONE || dl_day < pending)
					pending = dl_day;
				if (ev->as_of < dl_day - warn) {
					st_buf_release(&zh);
					st_buf_release(&en);
					continue;   /* pending, not yet due */
				}
				x->status = ST_DUE_SOON;
				st_buf_printf(&zh, "，尚未%s，剩余 %d 天", w.miss,
					      (int)(dl_day - ev->as_of));
				st_buf_printf(&en, " no %s yet; %s left", noun(record_f, 1),
					      days_en(dl_day - ev->as_of, dn));
			}
		}
		x->zh = st_buf_steal(&zh);
		x->en = st_buf_steal(&en);
		if (x->status > p->status)
			p->status = x->status;
		nf++;
	}
	st_xval_release(&o);
	if (p->status == ST_ERROR)
		goto out;

	/* due: the earliest missed deadline when overdue, else the earliest pending */
	p->due = p->status == ST_OVERDUE ? missed : p->status == ST_FAIL ? ST_DAY_NONE : pending;
	if (!nf) {
		st_buf_printf(&p->zh, "须判定的事件 %zu 项，均已按期办理或尚未到期", judged);
		st_buf_printf(&p->en, "%zu event(s) judged, none late", judged);
		if (pending != ST_DAY_NONE) {
			char d1[11];
			st_buf_printf(&p->zh, "；最近期限 %s", fmt_day(pending, d1));
			st_buf_printf(&p->en, "; next deadline %s", d1);
		}
		goto out;
	}
	qsort(f, nf, sizeof *f, finding_cmp);
	for (size_t i = 0; i < nf; i++) {
		if (i < LIST_MAX) {
			st_buf_printf(&p->zh, "%s%s", i ? "；" : "", f[i].zh ? f[i].zh : "");
			st_buf_printf(&p->en, "%s%s", i ? "; " : "", f[i].en ? f[i].en : "");
		}
		add_record(p, f[i].id);
	}
	if (nf > LIST_MAX) {
		st_buf_printf(&p->zh, "；等 %zu 项", nf);
		st_buf_printf(&p->en, "; and %zu more", nf - LIST_MAX);
	}
out:
	for (size_t i = 0; i < nf; i++) {
		free(f[i].zh);
		free(f[i].en);
	}
	free(f);
}

/* ---- inspections: checklist item and failed items ------------------------ */

static int in_window(struct st_rec *insp, st_day from, st_day to)
{
	st_day d = st_rec_day(insp, "date");
	return d != ST_DAY_NONE && d >= from && d <= to;
}

static const char *const item_field[14] = {
	"", "item1", "item2", "item3", "item4", "item5", "item6", "item7",
	"item8", "item9", "item10", "item11", "item12", "item13",
};

/* CHK-01 … CHK-13: the item in the latest inspection of the window */
static void check_item(struct ev *ev, const struct st_check *c, struct part *p)
{
	long item = st_check_int(c, "item", 1), window = st_check_int(c, "window_days", 92);
	st_day from = ev->as_of - (st_day)window, latest = ST_DAY_NONE;
	const char *field = item_field[item >= 1 && item <= 13 ? item : 0];
	char d1[11], d2[11];
	int fail = 0, pass = 0;

	for (struct st_rec *n = st_rec_child(ev->subject, "inspection"); n; n = st_rec_next(n))
		if (in_window(n, from, ev->as_of) &&
		    st_rec_day(n, "date") > latest)
			latest = st_rec_day(n, "date");
	if (latest == ST_DAY_NONE) {
		p->status = ST_NOT_CHECKED;
		st_buf_printf(&p->zh, "%s 至 %s 无检查记录", fmt_day(from, d1),
			      fmt_day(ev->as_of, d2));
		st_buf_printf(&p->en, "no inspection from %s to %s", d1, d2);
		return;
	}
	/* several inspections on the latest date: the item fails if it fails in any */
	for (struct st_rec *n = st_rec_child(ev->subject, "inspection"); n; n = st_rec_next(n)) {
		if (st_rec_day(n, "date") != latest)
			continue;
		const char *v = st_rec_attr(n, field);
		add_record(p, st_rec_attr(n, "id"));
		fail |= v && !strcmp(v, "fail");
		pass |= v && !strcmp(v, "pass");
	}
	p->status = fail ? ST_FAIL : pass ? ST_PASS : ST_NOT_APPLICABLE;
	st_buf_printf(&p->zh, "最近一次检查 %s（%s）第 %ld 项：%s", fmt_day(latest, d1),
		      p->nrecords ? p->records[0] : "", item,
		      fail ? "不合格" : pass ? "合格" : "不适用");
	st_buf_printf(&p->en, "latest inspection %s (%s) item %ld: %s", d1,
		      p->nrecords ? p->records[0] : "", item, fail ? "fail" : pass ? "pass" : "na");
}

/* HAZ-FROM-FAILED-ITEM: every failed item in the window has its hazard */
static void check_failed_items(struct ev *ev, const struct st_check *c, struct part *p)
{
	long window = st_check_int(c, "window_days", 92);
	st_day from = ev->as_of - (st_day)window;
	struct list l = { ST_BUF_INIT, ST_BUF_INIT, 0 };
	size_t failed = 0;

	for (struct st_rec *n = st_rec_child(ev->subject, "inspection"); n; n = st_rec_next(n)) {
		if (!in_window(n, from, ev->as_of))
			continue;
		const char *id = st_rec_attr(n, "id");
		for (int k = 1; k <= 13; k++) {
			const char *v = st_rec_attr(n, item_field[k]);
			if (!v || strcmp(v, "fail"))
				continue;
			failed++;
			int linked = 0;
			st_day day = st_rec_day(n, "date");
			for (struct st_rec *h = st_rec_child(ev->subject, "hazard"); h && !linked;
			     h = st_rec_next(h)) {
				const char *hi = st_rec_attr(h, "inspection"), *hk = st_rec_attr(h, "item");
				if (!hk || atoi(hk) != k)
					continue;
				/* linked to this inspection and item */
				linked = hi && id && !strcmp(hi, id);
				/* revision 2: or the same item's hazard found on or before
				 * the inspection and not closed before it — an open hazard
				 * found again is one hazard followed to closure (closed
				 * after as-of is absent from the facts, i.e. open) */
				if (!linked) {
					st_day found = st_rec_day(h, "found");
					st_day closed = st_rec_day(h, "closed");
					linked = found != ST_DAY_NONE && found <= day &&
						 (closed == ST_DAY_NONE || closed >= day);
				}
			}
			if (!linked) {
				char zh[160], en[160];
				snprintf(zh, sizeof zh, "%s 第 %d 项", id, k);
				snprintf(en, sizeof en, "%s item %d", id, k);
				list_add(&l, zh, en);
				add_record(p, id);
			}
		}
	}
	p->status = l.n ? ST_FAIL : ST_PASS;
	if (l.n) {
		st_buf_printf(&p->zh, "不合格检查项 %zu 个，其中 %zu 个未登记隐患", failed, l.n);
		st_buf_printf(&p->en, "%zu failed item(s), %zu without a hazard record", failed, l.n);
	} else if (failed == 0) {
		st_buf_printf(&p->zh, "近 %ld 天内的检查无不合格项", window);
		st_buf_printf(&p->en, "no failed item in the last %ld days", window);
	} else {
		st_buf_printf(&p->zh, "近 %ld 天内不合格检查项 %zu 个，均已登记隐患", window, failed);
		st_buf_printf(&p->en, "%zu failed item(s) in the last %ld days, all with a hazard",
			      failed, window);
	}
	list_flush(&l, p);
}

/* ---- per-record conditions ------------------------------------------------- */

/* required-fields and date-order */
static void check_fields(struct ev *ev, const struct st_check *c, struct part *p, int ordered)
{
	const char *fields = st_check_text(c, "fields");
	struct st_xval o;
	struct list l = { ST_BUF_INIT, ST_BUF_INIT, 0 };
	int failed = xnodes(ev, c, "select", ev->subject, p, &o);
	int total = failed ? 0 : (int)o.n;
	struct st_buf self_zh = ST_BUF_INIT, self_en = ST_BUF_INIT;
	char names[16][64];
	size_t nnames = 0;

	if (failed)
		return;
	/* the loader checked the names; split them once, not per record */
	for (const char *s = fields; *s && nnames < 16;) {
		size_t len = strcspn(s, " ");
		snprintf(names[nnames++], sizeof names[0], "%.*s", (int)len, s);
		s += len + strspn(s + len, " ");
	}
	struct st_rec *o_first = total ? o.items[0].rec : NULL;
	for (int i = 0; i < total; i++) {
		struct st_rec *n = o.items[i].rec;
		struct st_buf zh = ST_BUF_INIT, en = ST_BUF_INIT;
		st_day prev = ST_DAY_NONE;
		const char *prev_f = "";
		char d1[11], d2[11];

		for (size_t fi = 0; fi < nnames; fi++) {
			const char *f = names[fi];
			const char *v = st_rec_attr(n, f);
			if (!v || !*v) {
				st_buf_printf(&zh, "%s未登记%s", zh.len ? "，" : "", noun(f, 0));
				st_buf_printf(&en, "%smissing %s", en.len ? ", " : "", noun(f, 1));
				continue;
			}
			if (!ordered)
				continue;
			st_day d = st_rec_day(n, f);
			if (prev != ST_DAY_NONE && d != ST_DAY_NONE && d < prev) {
				st_buf_printf(&zh, "%s%s %s 早于%s %s", zh.len ? "，" : "", noun(f, 0),
					      fmt_day(d, d1), noun(prev_f, 0), fmt_day(prev, d2));
				st_buf_printf(&en, "%s%s %s before %s %s", en.len ? ", " : "",
					      noun(f, 1), d1, noun(prev_f, 1), d2);
			}
			if (d != ST_DAY_NONE) {
				prev = d;
				prev_f = f;
			}
		}
		if (zh.oom || en.oom) {
			/* an empty text would read as a complete record */
			p->oom = 1;
			st_buf_release(&zh);
			st_buf_release(&en);
			break;
		}
		if (zh.len && n == ev->subject) {
			/* the subject's own record (select "."): say what it lacks, no count */
			char *label = label_of(ev, c, n, p);
			st_buf_puts(&self_zh, st_buf_str(&zh));
			st_buf_printf(&self_en, "%s (%s)", label ? label : "?", st_buf_str(&en));
			free(label);
			add_record(p, st_rec_attr(n, "id"));
		} else if (zh.len) {
			char *label = label_of(ev, c, n, p);
			if (!label) {
				st_buf_release(&zh);
				st_buf_release(&en);
				break;
			}
			struct st_buf lz = ST_BUF_INIT, le = ST_BUF_INIT;
			st_buf_printf(&lz, "%s（%s）", label, st_buf_str(&zh));
			st_buf_printf(&le, "%s (%s)", label, st_buf_str(&en));
			if (lz.oom || le.oom)
				p->oom = 1;
			list_add(&l, st_buf_str(&lz), st_buf_str(&le));
			add_record(p, st_rec_attr(n, "id"));
			free(label);
			st_buf_release(&lz);
			st_buf_release(&le);
		}
		st_buf_release(&zh);
		st_buf_release(&en);
	}
	st_xval_release(&o);
	if (self_zh.oom || self_en.oom)
		p->oom = 1;
	if (p->status == ST_ERROR) {
		st_buf_release(&self_zh);
		st_buf_release(&self_en);
		list_flush(&l, p);
		return;
	}
	p->status = l.n || self_zh.len ? ST_FAIL : ST_PASS;
	if (self_zh.len) {
		st_buf_puts(&p->zh, st_buf_str(&self_zh));
		st_buf_printf(&p->en, "1 of %d record(s) %s: %s", total,
			      ordered ? "incomplete or out of order" : "incomplete", st_buf_str(&self_en));
	} else if (l.n) {
		/* people are counted as people, other records by their kind */
		int people = is_element(o_first, "worker");
		const char *what = noun(o_first->name, 0);
		st_buf_printf(&p->zh, "%s %d %s中 %zu %s不符合要求", people ? "职工" : what, total,
			      people ? "人" : "条", l.n, people ? "人" : "条");
		st_buf_printf(&p->en, "%zu of %d record(s) %s", l.n, total,
			      ordered ? "incomplete or out of order" : "incomplete");
	} else if (total == 0) {
		st_buf_puts(&p->zh, "没有需要核查的记录");
		st_buf_printf(&p->en, "all %d record(s) complete", total);
	} else {
		st_buf_printf(&p->zh, "%d 条记录均符合要求", total);
		st_buf_printf(&p->en, "all %d record(s) complete", total);
	}
	st_buf_release(&self_zh);
	st_buf_release(&self_en);
	list_flush(&l, p);
}

/* ORG-STAFFING and the like: value >= required */
static void check_threshold(struct ev *ev, const struct st_check *c, struct part *p)
{
	const struct st_param *bp = st_check_param(c, "basis");
	int failed = 0;
	double v = xnumber(ev, st_check_param(c, "value"), ev->subject, p, &failed);
	double req = failed ? 0 : xnumber(ev, st_check_param(c, "required"), ev->subject, p, &failed);
	double basis = !failed && bp ? xnumber(ev, bp, ev->subject, p, &failed) : NAN;

	if (failed)
		return;
	if (!isfinite(req)) {   /* e.g. a tailored step of 0: x div 0 is NaN or Infinity */
		p->status = ST_ERROR;
		st_buf_puts(&p->zh, "要求值无法计算");
		st_buf_puts(&p->en, "the required value is not a finite number");
		return;
	}
	const char *vz = st_check_text(c, "value_zh"), *ve = st_check_text(c, "value_en");
	if (isnan(v)) {
		p->status = ST_FAIL;
		st_buf_printf(&p->zh, "未记录%s，要求 %g", vz, req);
		st_buf_printf(&p->en, "%s not recorded; required %g", ve, req);
	} else if (v >= req) {
		p->status = ST_PASS;
		st_buf_printf(&p->zh, "%s %g，不少于要求的 %g", vz, v, req);
		st_buf_printf(&p->en, "%s %g >= required %g", ve, v, req);
	} else {
		p->status = ST_FAIL;
		st_buf_printf(&p->zh, "%s %g，少于要求的 %g", vz, v, req);
		st_buf_printf(&p->en, "%s %g < required %g", ve, v, req);
	}
	if (!isnan(basis)) {
		st_buf_printf(&p->zh, "（%s %g）", st_check_text(c, "basis_zh"), basis);
		st_buf_printf(&p->en, " (%s %g)", st_check_text(c, "basis_en"), basis);
	}
	add_record(p, st_rec_attr(ev->subject, "id"));
}

/* a rule's message without the colon it may end with: the list adds its own */
static void put_message(struct st_buf *b, const char *msg)
{
	size_t n = strlen(msg);

	if (n >= 3 && !strcmp(msg + n - 3, "："))
		n -= 3;
	else if (n && msg[n - 1] == ':')
		n--;
	st_buf_printf(b, "%.*s", (int)n, msg);
}

/* each selected node satisfies the test */
static void check_assert(struct ev *ev, const struct st_check *c, struct part *p)
{
	const struct st_param *test = st_check_param(c, "test");
	struct st_xval o;
	struct list l = { ST_BUF_INIT, ST_BUF_INIT, 0 };
	if (xnodes(ev, c, "select", ev->subject, p, &o) != 0)
		return;
	int total = (int)o.n, bad = 0;
	int just_subject = total == 1 && o.items[0].rec == ev->subject;

	for (int i = 0; i < total; i++) {
		struct st_rec *n = o.items[i].rec;
		int ok = xbool(ev, test, n, p);
		if (ok < 0)
			break;
		if (ok)
			continue;
		bad++;
		add_record(p, st_rec_attr(n, "id"));
		if (n == ev->subject)
			continue;   /* the subject itself: the message says it all */
		char *label = label_of(ev, c, n, p);
		if (!label)
			break;
		list_add(&l, label, label);
		free(label);
	}
	st_xval_release(&o);
	if (p->status != ST_ERROR) {
		p->status = bad ? ST_FAIL : ST_PASS;
		if (bad) {
			put_message(&p->zh, st_check_text(c, "message_zh"));
			put_message(&p->en, st_check_text(c, "message_en"));
		} else if (just_subject) {
			st_buf_puts(&p->zh, "符合要求");
			st_buf_puts(&p->en, "met");
		} else if (total == 0) {
			st_buf_puts(&p->zh, "无需判定的对象");
			st_buf_puts(&p->en, "nothing to judge");
		} else {
			st_buf_printf(&p->zh, "%d 项均符合要求", total);
			st_buf_printf(&p->en, "all %d met", total);
		}
	}
	list_flush(&l, p);
}

/* How an expiry detail speaks of what it counts: workers by their
 * operation certificate (CERT-SPECIAL-OPERATION), special equipment by its
 * next periodic inspection (EQUIP-PERIODIC-TEST), anything else by 有效期. */
struct expiry_words {
	const char *element, *who, *unit, *none, *date;
};

static const struct expiry_words expiry_words[] = {
	{ "worker", "特种作业人员 ", "人", "未持操作证上岗", "操作证有效期至" },
	{ "equipment", "特种设备 ", "台", "未登记下次检验日期", "下次检验日期" },
	{ "", "", "项", "无有效期记录", "有效期至" },
};

static const struct expiry_words *expiry_zh(struct st_rec *n)
{
	size_t i = 0;
	while (expiry_words[i].element[0] && !(n && is_element(n, expiry_words[i].element)))
		i++;
	return &expiry_words[i];
}

/* Revision 2 (CERT-SPECIAL-OPERATION, 未持证上岗): with parameters `issued`
 * and `started`, an object whose start date lies before the earliest issue
 * date (dates that are absent take no part) fails, as long as that first
 * issue is within `lookback_days` of as-of: the uncovered stretch ended
 * recently.  Returns 1 when it fails (listed), 0 otherwise or on error. */
static int uncovered_start(struct ev *ev, const struct st_check *c, struct st_rec *n,
			   const char *label, struct list *l, struct part *p)
{
	const struct st_param *sp = st_check_param(c, "started");
	long lookback = st_check_int(c, "lookback_days", 365);
	struct st_xval is;
	st_day first = ST_DAY_NONE, started;
	struct st_rec *first_node = NULL;
	char d1[11], d2[11], zh[300], en[300];

	if (!sp || !st_check_param(c, "issued"))
		return 0;
	char *st = xstring(ev, sp, n, p);
	if (!st)
		return 0;
	started = st_day_of_value(st);
	free(st);
	if (started == ST_DAY_NONE || xnodes(ev, c, "issued", n, p, &is) != 0)
		return 0;
	for (size_t k = 0; k < is.n; k++) {
		char *v = st_xitem_string(&is.items[k]);
		st_day d = st_day_of_value(v);
		if (!v)
			p->oom = 1;
		free(v);
		if (d != ST_DAY_NONE && (first == ST_DAY_NONE || d < first)) {
			first = d;
			first_node = is.items[k].rec;
		}
	}
	st_xval_release(&is);
	if (first == ST_DAY_NONE || started >= first || first < ev->as_of - (st_day)lookback)
		return 0;
	fmt_day(started, d1);
	fmt_day(first, d2);
	snprintf(zh, sizeof zh, "%s %s 上岗，%s 才取得证书（未持证上岗 %d 天）", label, d1, d2,
		 (int)(first - started));
	snprintf(en, sizeof en, "%s at the post from %s, first certificate issued %s (%d days without)",
		 label, d1, d2, (int)(first - started));
	list_add(l, zh, en);
	add_record(p, st_rec_attr(n, "id"));
	add_record(p, st_rec_attr(first_node, "id"));
	return 1;
}

/* each selected item's latest expiry date is on or after as-of */
static void check_expiry(struct ev *ev, const struct st_check *c, struct part *p)
{
	long warn = st_check_int(c, "warn_days", 30);
	struct st_xval o;
	struct list l = { ST_BUF_INIT, ST_BUF_INIT, 0 };
	st_day missed = ST_DAY_NONE, upcoming = ST_DAY_NONE;

	if (xnodes(ev, c, "select", ev->subject, p, &o) != 0)
		return;
	int total = (int)o.n;
	const struct expiry_words *w = expiry_zh(total ? o.items[0].rec : NULL);

	p->status = ST_PASS;
	for (int i = 0; i < total && p->status != ST_ERROR; i++) {
		struct st_rec *n = o.items[i].rec;
		struct st_xval e;
		st_day best = ST_DAY_NONE;
		struct st_rec *best_node = NULL;
		char d1[11], dn[24], zh[300], en[300];

		if (xnodes(ev, c, "expires", n, p, &e) != 0)
			break;
		for (size_t k = 0; k < e.n; k++) {
			char *v = st_xitem_string(&e.items[k]);
			st_day d = st_day_of_value(v);
			if (!v)
				p->oom = 1;
			free(v);
			if (d != ST_DAY_NONE && (best == ST_DAY_NONE || d > best)) {
				best = d;
				best_node = e.items[k].rec;
			}
		}
		st_xval_release(&e);
		char *label = label_of(ev, c, n, p);
		if (!label)
			break;
		/* a worker is named with the operation he works in */
		const char *op = is_element(n, "worker") ? st_rec_attr(n, "special_operation") : NULL;
		char who[200];
		if (op && *op)
			snprintf(who, sizeof who, "%s（%s）", label, op);
		else
			snprintf(who, sizeof who, "%s ", label);
		enum st_status s;
		if (best == ST_DAY_NONE) {
			s = ST_FAIL;
			snprintf(zh, sizeof zh, "%s%s", who, w->none);
			snprintf(en, sizeof en, "%s has none", label);
			add_record(p, st_rec_attr(n, "id"));
		} else {
			s = dated_status(best, ev->as_of, warn);
			fmt_day(best, d1);
			if (s == ST_OVERDUE) {
				snprintf(zh, sizeof zh, "%s%s %s，已逾期 %d 天", who, w->date, d1,
					 (int)(ev->as_of - best));
				snprintf(en, sizeof en, "%s expired %s, %s late", label, d1,
					 days_en(ev->as_of - best, dn));
				if (missed == ST_DAY_NONE || best < missed)
					missed = best;
			} else {
				snprintf(zh, sizeof zh, "%s%s %s，剩余 %d 天", who, w->date, d1,
					 (int)(best - ev->as_of));
				snprintf(en, sizeof en, "%s valid until %s, %s left", label, d1,
					 days_en(best - ev->as_of, dn));
				if (upcoming == ST_DAY_NONE || best < upcoming)
					upcoming = best;
			}
			if (s != ST_PASS)
				add_record(p, st_rec_attr(best_node, "id"));
		}
		if (s != ST_PASS)
			list_add(&l, zh, en);
		if (s > p->status)
			p->status = s;
		if (best != ST_DAY_NONE && uncovered_start(ev, c, n, label, &l, p) && ST_FAIL > p->status)
			p->status = ST_FAIL;
		free(label);
	}
	st_xval_release(&o);
	if (p->status != ST_ERROR) {
		p->due = p->status == ST_OVERDUE ? missed : p->status == ST_FAIL ? ST_DAY_NONE : upcoming;
		if (l.n) {
			st_buf_printf(&p->zh, "%s%d %s中 %zu %s需处理", w->who, total, w->unit, l.n,
				      w->unit);
			st_buf_printf(&p->en, "%zu of %d need attention", l.n, total);
		} else {
			char d1[11];
			if (w->element[0] == 'e')
				st_buf_printf(&p->zh, "特种设备 %d 台均在检验有效期内", total);
			else if (w->element[0] == 'w')
				st_buf_printf(&p->zh, "特种作业人员 %d 人的操作证均在有效期内", total);
			else
				st_buf_printf(&p->zh, "%s%d %s均在有效期内", w->who, total, w->unit);
			st_buf_printf(&p->en, "all %d valid", total);
			if (upcoming != ST_DAY_NONE) {
				st_buf_printf(&p->zh, "，最早到期 %s", fmt_day(upcoming, d1));
				st_buf_printf(&p->en, "; earliest expiry %s", d1);
			}
		}
	}
	list_flush(&l, p);
}

/* revision 2: the records a rule needs are there (NAT-* rules: the
 * enterprise's hazchem activities); else not-checked, and eval_rule skips
 * the checks after this one */
static void check_known(struct ev *ev, const struct st_check *c, struct part *p)
{
	int r = xbool(ev, st_check_param(c, "test"), ev->subject, p);

	if (r < 0)
		return;
	p->status = r ? ST_PASS : ST_NOT_CHECKED;
	if (!r) {
		st_buf_puts(&p->zh, st_check_text(c, "message_zh"));
		st_buf_puts(&p->en, st_check_text(c, "message_en"));
	}
}

/* Revision 2 (NAT-SAFETY-LICENCE): over the selected records, the one
 * expiring last (ties: the first, i.e. the smallest id) is judged.  None →
 * fail; expired → fail; else the renewal deadline R = expires − N months:
 * applied ≤ R → pass (due expires); applied later → fail (how late); not
 * applied and as-of > R → overdue (due R); within warn_days of R →
 * due-soon (due R); else pass (due R).  Expiry is a deadline, read as
 * written; the application date is a fact (absent after as-of). */
static void check_renewal(struct ev *ev, const struct st_check *c, struct part *p)
{
	const char *exp_f = st_check_text(c, "expires"), *app_f = st_check_text(c, "applied");
	long months = st_check_int(c, "months_before", 0), warn = st_check_int(c, "warn_days", 30);
	struct st_xval o;
	struct st_rec *best = NULL;
	st_day expires = ST_DAY_NONE;
	char d1[11], d2[11], dn[24];

	if (xnodes(ev, c, "select", ev->subject, p, &o) != 0)
		return;
	for (size_t i = 0; i < o.n; i++) {
		struct st_rec *n = o.items[i].rec;
		st_day d = st_rec_day(n, exp_f);
		const char *id = st_rec_attr(n, "id"), *bid = best ? st_rec_attr(best, "id") : NULL;
		if (d == ST_DAY_NONE)
			continue;
		if (!best || d > expires || (d == expires && id && bid && strcmp(id, bid) < 0))
			best = n, expires = d;
	}
	st_xval_release(&o);
	if (!best) {
		p->status = ST_FAIL;
		st_buf_puts(&p->zh, "没有许可证记录");
		st_buf_puts(&p->en, "no licence recorded");
		return;
	}
	char *label = label_of(ev, c, best, p);
	if (!label)
		return;
	add_record(p, st_rec_attr(best, "id"));
	fmt_day(expires, d1);
	if (expires < ev->as_of) {
		p->status = ST_FAIL;
		st_buf_printf(&p->zh, "%s 有效期至 %s，已过期 %d 天，无有效许可证", label, d1,
			      (int)(ev->as_of - expires));
		st_buf_printf(&p->en, "%s expired %s, %s ago: no valid licence", label, d1,
			      days_en(ev->as_of - expires, dn));
		free(label);
		return;
	}
	st_day r = st_day_add_months(expires, -(int)months);
	st_day applied = st_rec_day(best, app_f);
	fmt_day(r, d2);
	if (applied != ST_DAY_NONE) {
		char d3[11];
		fmt_day(applied, d3);
		if (applied <= r) {
			p->status = ST_PASS;
			p->due = expires;
			st_buf_printf(&p->zh, "%s 有效期至 %s，已于 %s 申请延期（期限 %s）", label, d1, d3, d2);
			st_buf_printf(&p->en, "%s valid until %s, renewal applied %s (deadline %s)", label,
				      d1, d3, d2);
		} else {
			p->status = ST_FAIL;
			st_buf_printf(&p->zh, "%s 有效期至 %s，%s 才申请延期，晚于期限 %s %d 天", label, d1,
				      d3, d2, (int)(applied - r));
			st_buf_printf(&p->en, "%s valid until %s, renewal applied %s, %s after the deadline %s",
				      label, d1, d3, days_en(applied - r, dn), d2);
		}
	} else {
		p->status = dated_status(r, ev->as_of, warn);
		p->due = r;
		if (p->status == ST_OVERDUE) {
			st_buf_printf(&p->zh, "%s 有效期至 %s，应于 %s 前申请延期，已逾期 %d 天", label, d1, d2,
				      (int)(ev->as_of - r));
			st_buf_printf(&p->en, "%s valid until %s, renewal due %s, %s late", label, d1, d2,
				      days_en(ev->as_of - r, dn));
		} else {
			st_buf_printf(&p->zh, "%s 有效期至 %s，应于 %s 前申请延期，剩余 %d 天", label, d1, d2,
				      (int)(r - ev->as_of));
			st_buf_printf(&p->en, "%s valid until %s, renewal due %s, %s left", label, d1, d2,
				      days_en(r - ev->as_of, dn));
		}
	}
	free(label);
}

/* ---- rules and subjects ------------------------------------------------------ */

static void run_check(struct ev *ev, const struct st_check *c, struct part *p)
{
	p->status = ST_PASS;
	p->due = ST_DAY_NONE;
	/* every integer parameter is a variable of its own name (get_var,
	 * xpath_vars); the loader lets an expression name only its own check's */
	ev->check = c;

	switch (c->spec->kind) {
	case ST_CHECK_CALENDAR: check_calendar(ev, c, p); break;
	case ST_CHECK_INTERVAL: check_interval(ev, c, p); break;
	case ST_CHECK_DEADLINE: check_deadline(ev, c, p); break;
	case ST_CHECK_CHECKLIST_ITEM: check_item(ev, c, p); break;
	case ST_CHECK_FAILED_ITEMS: check_failed_items(ev, c, p); break;
	case ST_CHECK_REQUIRED_FIELDS: check_fields(ev, c, p, 0); break;
	case ST_CHECK_DATE_ORDER: check_fields(ev, c, p, 1); break;
	case ST_CHECK_THRESHOLD: check_threshold(ev, c, p); break;
	case ST_CHECK_ASSERT: check_assert(ev, c, p); break;
	case ST_CHECK_EXPIRY: check_expiry(ev, c, p); break;
	case ST_CHECK_KNOWN: check_known(ev, c, p); break;
	case ST_CHECK_RENEWAL: check_renewal(ev, c, p); break;
	case ST_CHECK_INFORMATIONAL:
	case ST_CHECK__COUNT:
		p->status = ST_ERROR;
		st_buf_puts(&p->zh, "检查类型不可求值");
		st_buf_puts(&p->en, "check kind cannot be evaluated");
		break;
	}
}

/* fold one check's part into the rule's: the worst status decides */
static void merge(struct part *into, struct part *p, int first)
{
	if (first || p->status > into->status) {
		into->status = p->status;
		into->due = p->due;
	} else if (p->status == into->status && p->due != ST_DAY_NONE &&
		   (into->due == ST_DAY_NONE || p->due < into->due)) {
		into->due = p->due;
	}
}

/* the rule's detail: the checks that share its final status speak; when a
 * rule fails, the "met" of its other checks is noise */
static void compose(struct part *into, struct part *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct part *p = &parts[i];
		int said = 0;
		if (p->status != into->status || !p->zh.len)
			continue;
		/* several checks that pass alike ("met") say it once */
		for (size_t k = 0; k < i && !said; k++)
			said = parts[k].status == into->status &&
			       !strcmp(st_buf_str(&parts[k].zh), st_buf_str(&p->zh));
		if (said)
			continue;
		st_buf_printf(&into->zh, "%s%s", into->zh.len ? "；" : "", st_buf_str(&p->zh));
		st_buf_printf(&into->en, "%s%s", into->en.len ? "; " : "", st_buf_str(&p->en));
		for (size_t k = 0; k < p->nrecords; k++)
			add_record(into, p->records[k]);
	}
}

static void eval_rule(struct ev *ev, enum st_scope kind, const struct st_rule *rule,
		      struct part *out)
{
	out->status = ST_NOT_APPLICABLE;
	out->due = ST_DAY_NONE;
	if (kind == ST_SCOPE_ENTERPRISE) {
		const char *status = st_rec_attr(ev->subject, "status");
		if (status && !strcmp(status, "closed")) {
			st_buf_puts(&out->zh, "企业已关闭");
			st_buf_puts(&out->en, "enterprise closed");
			return;
		}
	} else if (!st_rec_attr(ev->subject, "established")) {
		st_buf_puts(&out->zh, "园区尚未设立");
		st_buf_puts(&out->en, "park not yet established");
		return;
	}
	/* revision 2: outside its effective dates a rule does not apply */
	char d1[11];
	if (rule->effective_from != ST_DAY_NONE && ev->as_of < rule->effective_from) {
		fmt_day(rule->effective_from, d1);
		st_buf_printf(&out->zh, "本规则自 %s 起施行", d1);
		st_buf_printf(&out->en, "in force from %s", d1);
		return;
	}
	if (rule->effective_until != ST_DAY_NONE && ev->as_of > rule->effective_until) {
		fmt_day(rule->effective_until, d1);
		st_buf_printf(&out->zh, "本规则施行至 %s，已失效", d1);
		st_buf_printf(&out->en, "in force until %s", d1);
		return;
	}
	/* $effective_from: rules count only events on or after it (no law
	 * applies retroactively); NaN when the rule has no such date */
	ev->effective_from = rule->effective_from == ST_DAY_NONE ? NAN : (double)rule->effective_from;
	ev->check = NULL;
	if (rule->applies_src) {
		struct st_xval v;
		int a = xeval(ev, NULL, rule, ev->subject, &v);
		if (a == 0) {
			a = st_xval_boolean(&v);
			st_xval_release(&v);
		} else if (ev->oom) {
			out->oom = 1;
			return;
		}
		if (a < 0) {
			out->status = ST_ERROR;
			st_buf_printf(&out->zh, "适用条件求值失败：%s", ev->error);
			st_buf_printf(&out->en, "applicability could not be evaluated: %s", ev->error);
			return;
		}
		if (!a) {
			st_buf_puts(&out->zh, "不适用于本对象");
			st_buf_puts(&out->en, "does not apply");
			return;
		}
	}
	struct part *parts = calloc(rule->nchecks, sizeof *parts);
	if (!parts) {
		out->oom = 1;
		return;
	}
	size_t ran = 0;
	while (ran < rule->nchecks) {
		size_t i = ran++;
		run_check(ev, &rule->checks[i], &parts[i]);
		merge(out, &parts[i], i == 0);
		/* a detail that lost text to memory reads as a shorter true one */
		out->oom |= parts[i].oom || parts[i].zh.oom || parts[i].en.oom;
		/* a `known` check that finds the records missing ends the rule:
		 * what cannot be judged is not-checked, not judged anyway */
		if (rule->checks[i].spec->kind == ST_CHECK_KNOWN && parts[i].status == ST_NOT_CHECKED) {
			out->status = ST_NOT_CHECKED;
			out->due = ST_DAY_NONE;
			break;
		}
	}
	compose(out, parts, ran);
	for (size_t i = 0; i < rule->nchecks; i++)
		part_release(&parts[i]);
	free(parts);
}

/* Revision 2 (CATALOGUE "Status waived"): a fail, overdue, due-soon or
 * not-checked result for which the subject has an active waiver naming the
 * rule becomes waived, due the waiver's expiry (the one expiring last; on a
 * tie the smallest id, the first in the facts).  The facts hold only the
 * waivers approved on or before as-of and not voided by then; expiry is
 * a deadline, read as written.  pass, not-applicable and error stay: an
 * error is never hidden. */
static void apply_waiver(struct ev *ev, const struct st_rule *rule, struct part *p)
{
	struct st_rec *best = NULL;
	st_day best_expires = ST_DAY_NONE;
	char d1[11];

	if (!ev->waivers || (p->status != ST_FAIL && p->status != ST_OVERDUE &&
			     p->status != ST_DUE_SOON && p->status != ST_NOT_CHECKED))
		return;
	for (struct st_rec *w = st_rec_child(ev->subject, "waiver"); w; w = st_rec_next(w)) {
		const char *r = st_rec_attr(w, "rule");
		if (!r || strcmp(r, rule->id))
			continue;
		st_day expires = st_rec_day(w, "expires");
		if (expires == ST_DAY_NONE || expires < ev->as_of)
			continue;
		if (!best || expires > best_expires)
			best = w, best_expires = expires;
	}
	if (!best)
		return;
	struct st_buf zh = ST_BUF_INIT, en = ST_BUF_INIT;
	const char *id = st_rec_attr(best, "id"), *reason = st_rec_attr(best, "reason"),
		   *by = st_rec_attr(best, "approved_by");
	st_buf_printf(&zh, "已豁免（豁免 %s：%s；批准人 %s，有效期至 %s）；原状态%s：%s", id,
		      reason ? reason : "", by ? by : "", fmt_day(best_expires, d1),
		      st_status_name_zh(p->status), st_buf_str(&p->zh));
	st_buf_printf(&en, "waived (waiver %s: %s; approved by %s, until %s); otherwise %s: %s",
		      id, reason ? reason : "", by ? by : "", d1, st_status_name(p->status),
		      st_buf_str(&p->en));
	st_buf_release(&p->zh);
	st_buf_release(&p->en);
	p->zh = zh;
	p->en = en;
	p->status = ST_WAIVED;
	p->due = best_expires;
	add_record(p, id);
}

static char *dup_attr(struct st_rec *n, const char *name)
{
	const char *v = st_rec_attr(n, name);
	return v ? strdup(v) : NULL;
}

int st_eval_facts(const struct st_pack *pack, struct st_facts *facts, st_day as_of,
		  const char *only, struct st_subject *out)
{
	struct ev ev = { 0 };
	int rc = -1;

	/* libxml2 may answer an XPath short of memory with a short node set or
	 * an empty string rather than a failure: any failed allocation while
	 * this subject is evaluated makes the whole evaluation fail */
	st_alloc_install();
	unsigned long failures = st_alloc_failures();

	memset(out, 0, sizeof *out);
	if (!(ev.subject = st_facts_subject(facts)))
		return -1;
	ev.pack = pack;
	ev.facts = facts;
	ev.as_of = as_of;
	ev.effective_from = NAN;
	ev.vars.get = get_var;
	ev.vars.arg = &ev;
	out->kind = is_element(ev.subject, "park") ? ST_SCOPE_PARK : ST_SCOPE_ENTERPRISE;
	out->id = dup_attr(ev.subject, "id");
	out->name = dup_attr(ev.subject, "name");
	if (out->kind == ST_SCOPE_ENTERPRISE)
		out->park = dup_attr(ev.subject, "park");
	out->results = calloc(pack->nrules ? pack->nrules : 1, sizeof *out->results);
	if (!out->id || (!out->name && st_rec_attr(ev.subject, "name")) ||
	    (out->kind == ST_SCOPE_ENTERPRISE && !out->park && st_rec_attr(ev.subject, "park")) ||
	    !out->results)
		goto done;
	ev.subject_id = out->id;
	ev.waivers = st_rec_child(ev.subject, "waiver") != NULL;

	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *rule = &pack->rules[i];
		if (rule->informational || !rule->selected || rule->scope != out->kind ||
		    (only && strcmp(only, rule->id)))
			continue;
		struct part p = { 0 };
		eval_rule(&ev, out->kind, rule, &p);
		apply_waiver(&ev, rule, &p);
		struct st_result *r = &out->results[out->nresults++];
		r->rule = rule;
		r->status = p.status;
		r->due = p.status == ST_FAIL || p.status == ST_NOT_APPLICABLE ||
				 p.status == ST_NOT_CHECKED || p.status == ST_ERROR ? ST_DAY_NONE : p.due;
		r->detail_zh = st_buf_steal(&p.zh);
		r->detail_en = st_buf_steal(&p.en);
		r->records = p.records;
		r->nrecords = p.nrecords;
		p.records = NULL;
		p.nrecords = 0;
		int oom = p.oom || ev.oom;
		part_release(&p);
		if (!r->detail_zh || !r->detail_en || oom)
			goto done;
	}
	rc = st_alloc_failures() == failures ? 0 : -1;
done:
	xmlXPathFreeContext(ev.ctx);
	if (rc != 0)
		st_subject_release(out);
	return rc;
}

int st_eval_subject(const struct st_pack *pack, xmlDocPtr facts, st_day as_of, const char *only,
		    struct st_subject *out)
{
	struct st_facts *f = NULL;

	memset(out, 0, sizeof *out);
	if (st_facts_from_doc(facts, &f) != 0)
		return -1;
	int rc = st_eval_facts(pack, f, as_of, only, out);
	st_facts_free(f);
	return rc;
}

void st_subject_release(struct st_subject *s)
{
	for (size_t i = 0; i < s->nresults; i++) {
		struct st_result *r = &s->results[i];
		free(r->detail_zh);
		free(r->detail_en);
		for (size_t k = 0; k < r->nrecords; k++)
			free(r->records[k]);
		free(r->records);
	}
	free(s->results);
	free(s->id);
	free(s->name);
	free(s->park);
	memset(s, 0, sizeof *s);
}

/* ---- status names ---------------------------------------------------------- */

static const char *const status_names[ST_STATUS__COUNT][2] = {
	[ST_NOT_APPLICABLE] = { "not-applicable", "不适用" },
	[ST_PASS] = { "pass", "合格" },
	[ST_WAIVED] = { "waived", "豁免" },
	[ST_DUE_SOON] = { "due-soon", "即将到期" },
	[ST_NOT_CHECKED] = { "not-checked", "未核查" },
	[ST_FAIL] = { "fail", "不合格" },
	[ST_OVERDUE] = { "overdue", "逾期" },
	[ST_ERROR] = { "error", "无法评估" },
};

const char *st_status_name(enum st_status s)
{
	return s < ST_STATUS__COUNT ? status_names[s][0] : "?";
}

const char *st_status_name_zh(enum st_status s)
{
	return s < ST_STATUS__COUNT ? status_names[s][1] : "?";
}

int st_status_parse(const char *name, enum st_status *out)
{
	for (int s = 0; s < ST_STATUS__COUNT; s++)
		if (!strcmp(status_names[s][0], name)) {
			*out = (enum st_status)s;
			return 0;
		}
	return -1;
}

int st_status_is_finding(enum st_status s)
{
	return s == ST_FAIL || s == ST_OVERDUE || s == ST_ERROR;
}

/* ---- the columns a pack can read ------------------------------------------ */

/* The attributes the check kinds above read by a fixed name (the ones named
 * by a parameter — date, event, record, due_field, fields, expires, ... —
 * come from the parameters' text).  A name read above and missing here is
 * a column the facts leave out: tests/cli/42-eval-differential.sh compares
 * with SAFETRACK_EVAL=xpath, which reads every column, and fails. */
static const char *const eval_reads[] = {
	"id", "name", "park", "status", "established", "date", "inspection", "item",
	"found", "closed", "special_operation", "rule", "expires", "reason", "approved_by",
};

struct names {
	char **v;
	size_t n, cap;
};

static int names_add(struct names *s, const char *name, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strncmp(s->v[i], name, len) && !s->v[i][len])
			return 0;
	if (s->n == s->cap) {
		char **v = realloc(s->v, (s->cap = s->cap ? s->cap * 2 : 64) * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
	}
	if (!(s->v[s->n] = malloc(len + 1)))
		return -1;
	memcpy(s->v[s->n], name, len);
	s->v[s->n++][len] = '\0';
	return 0;
}

/* every name-like word of text (an expression's attribute names, a
 * parameter naming a field, a list of fields): more than the columns read,
 * never fewer */
static int names_add_words(struct names *s, const char *text)
{
	static const char word[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

	while (text && *text) {
		size_t len = strspn(text, word);
		if (len && names_add(s, text, len) != 0)
			return -1;
		text += len;
		text += strcspn(text, word);
	}
	return 0;
}

void st_eval_columns_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int st_eval_columns(const struct st_pack *pack, char ***names, size_t *n)
{
	struct names s = { 0 };

	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		/* XPath may read any attribute */
		if (r->applies_src && !r->applies_fast)
			goto all;
		if (names_add_words(&s, r->applies_src) != 0)
			goto oom;
		for (size_t c = 0; c < r->nchecks; c++) {
			const struct st_check *k = &r->checks[c];
			for (size_t j = 0; j < k->nparams; j++) {
				const struct st_param *p = &k->params[j];
				if (p->spec && p->spec->type == ST_PARAM_XPATH && p->text && !p->fast)
					goto all;
				if (names_add_words(&s, p->text) != 0)
					goto oom;
			}
			for (const struct st_param_spec *ps = k->spec ? k->spec->params : NULL;
			     ps && ps->name; ps++)
				if (names_add_words(&s, ps->def) != 0)
					goto oom;
		}
	}
	for (size_t i = 0; i < sizeof eval_reads / sizeof *eval_reads; i++)
		if (names_add(&s, eval_reads[i], strlen(eval_reads[i])) != 0)
			goto oom;
	for (size_t i = 1; i < sizeof item_field / sizeof *item_field; i++)
		if (names_add(&s, item_field[i], strlen(item_field[i])) != 0)
			goto oom;
	*names = s.v;
	*n = s.n;
	return 0;
all:
	st_eval_columns_free(s.v, s.n);
	return 1;
oom:
	st_eval_columns_free(s.v, s.n);
	return -1;
}
