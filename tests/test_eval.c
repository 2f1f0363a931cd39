/*
 * test_eval.c — the evaluator, one table of cases per check kind.
 *
 * Rules are built here in memory (not read from rules/) so that each case
 * states exactly the parameters it tests; the facts are small XML documents.
 * Every boundary the catalogue names has a row: quarter and half-year edges,
 * scope entered mid-period, 29 February + 1 year, 24 h versus 24 h + 1 min,
 * the inspection window's first day, closed enterprises, due-soon edges.
 */
#include "st_test.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "st_eval.h"
#include "st_expr.h"

/* ---- building rules in memory ------------------------------------------------ */

#define MAXP 16

struct fixture {
	struct st_pack pack;
	struct st_rule rule;
	struct st_check check[2];
	struct st_param params[2][MAXP];
	xmlXPathContextPtr ctx;
};

/* a copy that cmocka's allocator tracks (strdup would bypass it) */
static char *tstrdup(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	return strcpy(d, s);
}

static xmlXPathCompExprPtr compile(struct fixture *f, const char *expr)
{
	xmlXPathCompExprPtr c = xmlXPathCtxtCompile(f->ctx, BAD_CAST expr);
	if (!c)
		fail_msg("does not compile: %s", expr);
	return c;
}

/* kv: name, value pairs ending with NULL; defaults from checks.c fill the rest */
static void set_check(struct fixture *f, int i, const char *kind, const char *const *kv)
{
	const struct st_check_spec *spec = st_check_spec_by_name(kind);
	struct st_check *c = &f->check[i];
	size_t n = 0;

	assert_non_null(spec);
	c->spec = spec;
	c->params = f->params[i];
	for (const struct st_param_spec *ps = spec->params; ps->name; ps++) {
		const char *v = ps->def;
		for (const char *const *k = kv; *k; k += 2)
			if (!strcmp(*k, ps->name))
				v = k[1];
		if (!v)
			continue;
		struct st_param *p = &c->params[n++];
		p->spec = ps;
		p->name = tstrdup(ps->name);
		p->text = tstrdup(v);
		if (ps->type == ST_PARAM_INT)
			p->ival = atol(v);
		if (ps->type == ST_PARAM_XPATH)
			p->xpath = compile(f, v);
	}
	/* free integers (threshold): any kv not in the spec */
	for (const char *const *k = kv; *k; k += 2) {
		int known = 0;
		for (const struct st_param_spec *ps = spec->params; ps->name; ps++)
			known |= !strcmp(ps->name, *k);
		if (!known) {
			struct st_param *p = &c->params[n++];
			p->name = tstrdup(k[0]);
			p->text = tstrdup(k[1]);
			p->ival = atol(k[1]);
		}
	}
	c->nparams = n;
	if ((size_t)i + 1 > f->rule.nchecks)
		f->rule.nchecks = (size_t)i + 1;
}

static void set_rule(struct fixture *f, enum st_scope scope, const char *applies)
{
	size_t nchecks = f->rule.nchecks;

	memset(&f->rule, 0, sizeof f->rule);
	f->rule.nchecks = nchecks;
	f->rule.id = (char *)"R";
	f->rule.title = (char *)"测试规则";
	f->rule.scope = scope;
	f->rule.selected = 1;
	f->rule.effective_from = f->rule.effective_until = ST_DAY_NONE;
	f->rule.checks = f->check;
	f->rule.applies_src = (char *)applies;
	f->rule.applies = applies ? compile(f, applies) : NULL;
	f->pack.rules = &f->rule;
	f->pack.nrules = 1;
}

static void clear(struct fixture *f)
{
	for (int i = 0; i < 2; i++)
		for (size_t k = 0; k < MAXP; k++) {
			struct st_param *p = &f->params[i][k];
			free(p->name);
			free(p->text);
			xmlXPathFreeCompExpr(p->xpath);
			st_expr_free(p->fast);
			memset(p, 0, sizeof *p);
		}
	xmlXPathFreeCompExpr(f->rule.applies);
	st_expr_free(f->rule.applies_fast);
	f->rule.applies_fast = NULL;
	memset(f->check, 0, sizeof f->check);
	f->rule.applies = NULL;
	f->rule.nchecks = 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	f->ctx = xmlXPathNewContext(doc);
	assert_int_equal(st_xpath_register(f->ctx), 0);
	f->ctx->doc = NULL;
	xmlFreeDoc(doc);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	clear(f);
	xmlXPathFreeContext(f->ctx);
	free(f);
	return 0;
}

static st_day D(const char *s)
{
	st_day d;
	assert_int_equal(st_date_parse_iso(s, &d), 0);
	return d;
}

/* evaluate the fixture's rule on facts as of a date; checks status and due */
static void expect(struct fixture *f, const char *facts, const char *as_of, enum st_status status,
		   const char *due, const char *detail_part)
{
	xmlDocPtr doc = xmlReadMemory(facts, (int)strlen(facts), "facts.xml", NULL, XML_PARSE_NONET);
	struct st_subject s;

	assert_non_null(doc);
	assert_int_equal(st_eval_subject(&f->pack, doc, D(as_of), NULL, &s), 0);
	assert_int_equal(s.nresults, 1);
	const struct st_result *r = &s.results[0];
	if (r->status != status)
		fail_msg("as of %s: status %s, expected %s (%s)", as_of, st_status_name(r->status),
			 st_status_name(status), r->detail_zh);
	char buf[11] = "";
	if (r->due != ST_DAY_NONE)
		st_date_format(r->due, buf);
	if (strcmp(buf, due ? due : ""))
		fail_msg("as of %s: due '%s', expected '%s' (%s)", as_of, buf, due ? due : "",
			 r->detail_zh);
	if (detail_part && !strstr(r->detail_zh, detail_part) && !strstr(r->detail_en, detail_part))
		fail_msg("as of %s: detail lacks '%s': %s | %s", as_of, detail_part, r->detail_zh,
			 r->detail_en);
	st_subject_release(&s);
	xmlFreeDoc(doc);
}

/* one row of a table: facts, as-of, the status and due expected, and a
 * fragment the Chinese or English detail must contain (NULL: any) */
struct row {
	const char *facts, *as_of;
	enum st_status status;
	const char *due, *detail;
};

static void expect_rows(struct fixture *f, const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect(f, rows[i].facts, rows[i].as_of, rows[i].status, rows[i].due, rows[i].detail);
}

#define KV(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define OPERATING "@status = 'operating' and @operating_since"

/* ---- calendar ------------------------------------------------------------------- */

static const char *quarterly_facts =
	"<facts><enterprise id='E' name='甲' status='operating' operating_since='2020-01-01'>"
	"<inspection id='I1' date='2025-12-31' kind='quarterly'/>"
	"<inspection id='I2' date='2026-04-01' kind='quarterly'/>"
	"</enterprise></facts>";

static void test_calendar_quarter_edges(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "calendar", KV("period", "quarter", "select", "inspection", "date", "date",
				       "scope_start", "string(@operating_since)", "warn_days", "15"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	/* Q4 2025 met on its last day; Q1 2026 is not yet overdue on 31 March
	 * and due-soon from due - warn_days (15), 16 March */
	const struct row rows1[] = {
		{ quarterly_facts, "2026-03-16", ST_DUE_SOON, "2026-03-31", "2026年第1季度" },
		{ quarterly_facts, "2026-03-15", ST_PASS, "2026-03-31", NULL },
		{ quarterly_facts, "2026-03-31", ST_DUE_SOON, "2026-03-31", "剩余 0 天" },
		/* the record of 1 April belongs to Q2, so Q1 is missed */
		{ quarterly_facts, "2026-04-01", ST_OVERDUE, "2026-03-31", "已逾期 1 天" },
		{ quarterly_facts, "2026-04-01", ST_OVERDUE, "2026-03-31", "2026年第1季度（截止 2026-03-31）未开展检查" },
		/* only the latest elapsed period decides; earlier misses stay in the detail */
		{ quarterly_facts, "2026-07-01", ST_PASS, "2026-09-30", "2026-Q2 met by I2" },
		{ quarterly_facts, "2026-07-01", ST_PASS, "2026-09-30", "unmet in the last four periods: 2026-Q1" },
		{ quarterly_facts, "2026-10-01", ST_OVERDUE, "2026-09-30", "2026-Q3, 2026-Q1" },
	};
	expect_rows(f, rows1, sizeof rows1 / sizeof *rows1);
	clear(f);
}

static void test_calendar_half_year(void **state)
{
	struct fixture *f = *state;
	const char *facts =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<inspection id='M' date='2026-06-30' kind='mid-year'/>"
		"<inspection id='Y' date='2026-07-01' kind='mid-year'/>"
		"</enterprise></facts>";
	set_check(f, 0, "calendar",
		  KV("period", "half",
		     "select", "inspection[($index = 1 and @kind = 'mid-year') or ($index = 2 and @kind = 'year-end')]",
		     "date", "date", "scope_start", "string(@operating_since)"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	const struct row rows2[] = {
		{ facts, "2026-07-01", ST_PASS, "2026-12-31", "2026-H1 met by M" },
		/* a mid-year inspection in H2 does not meet H2 */
		{ facts, "2026-12-01", ST_DUE_SOON, "2026-12-31", "2026年下半年" },
		{ facts, "2027-01-01", ST_OVERDUE, "2026-12-31", "1 day late" },
		{ facts, "2026-06-30", ST_OVERDUE, "2025-12-31", NULL },
	};
	expect_rows(f, rows2, sizeof rows2 / sizeof *rows2);
	clear(f);
}

static void test_calendar_scope_mid_period(void **state)
{
	struct fixture *f = *state;
	/* operating since 10 February: Q1 2026 is not owed, Q2 is */
	const char *facts = "<facts><enterprise id='E' status='operating' operating_since='2026-02-10'/></facts>";
	set_check(f, 0, "calendar", KV("period", "quarter", "select", "inspection", "date", "date",
				       "scope_start", "string(@operating_since)", "warn_days", "15"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	const struct row rows3[] = {
		{ facts, "2026-05-20", ST_PASS, "2026-06-30", "尚无已到期的周期" },
		{ facts, "2026-06-15", ST_DUE_SOON, "2026-06-30", NULL },
		{ facts, "2026-07-01", ST_OVERDUE, "2026-06-30", NULL },
	};
	expect_rows(f, rows3, sizeof rows3 / sizeof *rows3);
	/* in scope from the first day of a period: that period is owed */
	const char *facts2 = "<facts><enterprise id='E' status='operating' operating_since='2026-01-01'/></facts>";
	expect(f, facts2, "2026-04-01", ST_OVERDUE, "2026-03-31", NULL);
	/* not operating yet as of the date (the facts builder drops a later date) */
	const char *facts3 = "<facts><enterprise id='E' status='operating'/></facts>";
	expect(f, facts3, "2026-04-01", ST_NOT_APPLICABLE, NULL, NULL);
	clear(f);
}

static void test_calendar_year_due_month(void **state)
{
	struct fixture *f = *state;
	const char *facts =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<letter id='L25' year='2025' signed='2025-03-01'/>"
		"<letter id='L26' year='2026' signed='2026-04-15'/>"
		"</enterprise></facts>";
	set_check(f, 0, "calendar", KV("period", "year", "select", "letter", "date", "signed",
				       "year_field", "year", "due_month", "3",
				       "scope_start", "string(@operating_since)"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	/* before L26 was signed (the facts builder leaves it out then) */
	const char *missing = "<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
			      "<letter id='L25' year='2025' signed='2025-03-01'/></enterprise></facts>";
	const struct row rows4[] = {
		{ missing, "2026-03-01", ST_DUE_SOON, "2026-03-31", NULL },
		{ missing, "2026-02-28", ST_PASS, "2026-03-31", NULL },
		{ missing, "2026-04-01", ST_OVERDUE, "2026-03-31", NULL },
		/* signed after 31 March: the year is met, late, and the detail says so */
		{ facts, "2026-11-28", ST_PASS, "2027-03-31", "晚于截止日 2026-03-31" },
	};
	expect_rows(f, rows4, sizeof rows4 / sizeof *rows4);
	clear(f);
}

static void test_calendar_park_established(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "calendar", KV("period", "year", "select", "drill", "date", "date",
				       "scope_start", "string(@established)"));
	set_rule(f, ST_SCOPE_PARK, NULL);
	const struct row rows5[] = {
		{ "<facts><park id='P'/></facts>", "2026-01-01", ST_NOT_APPLICABLE, NULL, NULL },
		{ "<facts><park id='P' established='2025-01-01'><drill id='D' date='2025-12-31'/></park></facts>", "2026-12-01", ST_DUE_SOON, "2026-12-31", NULL },
		{ "<facts><park id='P' established='2025-01-02'/></facts>", "2026-12-01", ST_DUE_SOON, "2026-12-31", NULL },
		{ "<facts><park id='P' established='2025-01-01'/></facts>", "2026-01-01", ST_OVERDUE, "2025-12-31", NULL },
		/* the detail names what is missing: a park organises a drill */
		{ "<facts><park id='P' established='2025-01-01'/></facts>", "2026-01-01", ST_OVERDUE, "2025-12-31",
		  "2025年度（截止 2025-12-31）未组织演练，已逾期 1 天" },
		{ "<facts><park id='P' established='2025-01-02'/></facts>", "2026-12-01", ST_DUE_SOON, "2026-12-31",
		  "2026年度（截止 2026-12-31）尚未组织演练，剩余 30 天" },
	};
	expect_rows(f, rows5, sizeof rows5 / sizeof *rows5);
	clear(f);
}

/* ---- interval -------------------------------------------------------------------- */

static void test_interval_leap_day(void **state)
{
	struct fixture *f = *state;
	const char *facts =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01' hazchem='highly-toxic'>"
		"<evaluation id='V1' kind='status' date='2023-01-10' expert_passed='yes'/>"
		"<evaluation id='V2' kind='periodic' date='2024-02-29' expert_passed='yes'/>"
		"<evaluation id='V3' kind='periodic' date='2024-12-01' expert_passed='no'/>"
		"</enterprise></facts>";
	set_check(f, 0, "interval",
		  KV("select", "evaluation[(@kind='status' or @kind='periodic') and @expert_passed='yes']",
		     "date", "date", "months", "12", "scope_start", "string(@operating_since)"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	const struct row rows6[] = {
		{ facts, "2025-01-28", ST_PASS, "2025-02-28", NULL },
		{ facts, "2025-01-29", ST_DUE_SOON, "2025-02-28", "剩余 30 天" },
		{ facts, "2025-02-28", ST_DUE_SOON, "2025-02-28", "2024-02-29 + 1 年 = 2025-02-28" },
		{ facts, "2025-03-01", ST_OVERDUE, "2025-02-28", "已逾期 1 天" },
		{ facts, "2025-05-20", ST_OVERDUE, "2025-02-28", "上次安全评价 2024-02-29 + 1 年 = 2025-02-28，已逾期 81 天" },
		/* no record: the scope start is the base */
		{ "<facts><enterprise id='E' status='operating' operating_since='2025-01-31'/></facts>", "2026-02-01", ST_OVERDUE, "2026-01-31", "从未开展安全评价，自纳入范围之日 2025-01-31 + 1 年 = 2026-01-31" },
	};
	expect_rows(f, rows6, sizeof rows6 / sizeof *rows6);
	clear(f);
}

/* ---- deadline --------------------------------------------------------------------- */

static void test_deadline_24_hours(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "deadline", KV("select", "accident[@deaths > 0 or @injuries > 0]",
				       "event", "occurred", "deadline_hours", "24", "record", "reported"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	const char *exact = "<facts><enterprise id='E' status='operating'>"
			    "<accident id='A' occurred='2026-03-01T08:00' injuries='1' reported='2026-03-02T08:00'/>"
			    "</enterprise></facts>";
	const char *late = "<facts><enterprise id='E' status='operating'>"
			   "<accident id='A' occurred='2026-03-01T08:00' injuries='1' reported='2026-03-02T08:01'/>"
			   "</enterprise></facts>";
	const char *none = "<facts><enterprise id='E' status='operating'>"
			   "<accident id='A' occurred='2026-03-01T08:00' deaths='1'/></enterprise></facts>";
	const struct row rows7[] = {
		{ exact, "2026-03-05", ST_PASS, NULL, NULL },
		{ late, "2026-03-05", ST_FAIL, NULL, "0h01m late" },
		/* in an officer's words: 迟报, times without T, the time alone on the deadline's day */
		{ late, "2026-03-05", ST_FAIL, NULL,
		  "事故 A（2026-03-01 08:00）应于 2026-03-02 08:00 前报告，实际 08:01 报告，迟报 0 小时 1 分" },
		{ "<facts><enterprise id='E' status='operating'>"
		  "<accident id='A' occurred='2026-03-01T08:00' injuries='1' reported='2026-03-03T09:30'/>"
		  "</enterprise></facts>", "2026-03-05", ST_FAIL, NULL,
		  "实际 2026-03-03 09:30 报告，迟报 1 天 1 小时 30 分" },
		{ none, "2026-03-02", ST_OVERDUE, "2026-03-02", "至今未报告，已逾期 0 天" },
		/* unreported: the deadline falls on 2 March, so at the end of that day it has passed */
		{ none, "2026-03-01", ST_DUE_SOON, "2026-03-02", NULL },
		{ none, "2026-03-02", ST_OVERDUE, "2026-03-02", NULL },
		/* an accident without casualties is not selected */
		{ "<facts><enterprise id='E' status='operating'><accident id='A' occurred='2026-03-01T08:00' deaths='0'/></enterprise></facts>", "2026-03-05", ST_PASS, NULL, "0 event" },
	};
	expect_rows(f, rows7, sizeof rows7 / sizeof *rows7);
	clear(f);
}

static void test_deadline_days_and_lookback(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "deadline", KV("select", "hazard", "event", "found", "due_field", "deadline",
				       "record", "closed", "priority", "@grade='major'"));
	set_rule(f, ST_SCOPE_ENTERPRISE, "hazard");
	const char *facts =
		"<facts><enterprise id='E' status='operating'>"
		"<hazard id='H1' grade='general' found='2025-01-10' deadline='2025-02-10' closed='2025-02-20'/>"
		"<hazard id='H2' grade='major' found='2026-05-01' deadline='2026-06-30'/>"
		"<hazard id='H3' grade='general' found='2026-05-01'/>"
		"</enterprise></facts>";
	/* H1 closed late (fail) is judged while within the look-back; found
	 * 2025-01-10, it is judged as long as it is not older than 365 days */
	const char *h1 = "<facts><enterprise id='E' status='operating'>"
			 "<hazard id='H1' grade='general' found='2025-01-10' deadline='2025-02-10' closed='2025-02-20'/>"
			 "</enterprise></facts>";
	const struct row rows8[] = {
		{ h1, "2025-03-01", ST_FAIL, NULL,
		  "隐患 H1（2025-01-10）应于 2025-02-10 前整改销号，实际 2025-02-20 销号，超期 10 天" },
		{ h1, "2026-01-10", ST_FAIL, NULL, NULL },
		{ h1, "2026-01-11", ST_PASS, NULL, "0 event" },
		/* H2 pending, warning window, deadline day itself, then overdue */
		{ facts, "2026-05-30", ST_PASS, "2026-06-30", NULL },
		{ facts, "2026-05-31", ST_DUE_SOON, "2026-06-30", NULL },
		{ facts, "2026-06-30", ST_DUE_SOON, "2026-06-30", "剩余 0 天" },
		{ facts, "2026-07-01", ST_OVERDUE, "2026-06-30",
		  "重大隐患 H2（2026-05-01）应于 2026-06-30 前整改销号，至今未销号，已逾期 1 天" },
		/* an unresolved event stays overdue whatever its age */
		{ facts, "2028-07-01", ST_OVERDUE, "2026-06-30", NULL },
	};
	expect_rows(f, rows8, sizeof rows8 / sizeof *rows8);
	clear(f);
}

static void test_deadline_days_after_event(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "deadline", KV("select", "accident", "event", "occurred",
				       "deadline_days", "3", "record", "form_filed"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	const char *on_time = "<facts><enterprise id='E'><accident id='A' occurred='2026-03-01T23:00' form_filed='2026-03-04'/></enterprise></facts>";
	const char *late = "<facts><enterprise id='E'><accident id='A' occurred='2026-03-01T23:00' form_filed='2026-03-05'/></enterprise></facts>";
	const char *none = "<facts><enterprise id='E'><accident id='A' occurred='2026-03-01T23:00'/></enterprise></facts>";
	const struct row rows9[] = {
		{ on_time, "2026-03-10", ST_PASS, NULL, NULL },
		{ late, "2026-03-10", ST_FAIL, NULL, "1 day late" },
		{ none, "2026-03-04", ST_DUE_SOON, "2026-03-04", NULL },
		{ none, "2026-03-05", ST_OVERDUE, "2026-03-04", NULL },
	};
	expect_rows(f, rows9, sizeof rows9 / sizeof *rows9);
	clear(f);
}

/* ---- checklist items ------------------------------------------------------------ */

static void test_checklist_window(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "checklist-item", KV("item", "5"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	const char *facts =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<inspection id='I1' date='2026-03-30' item5='fail'/>"
		"</enterprise></facts>";
	/* 2026-06-30 - 92 days = 2026-03-30: the window's first day counts */
	const struct row rows10[] = {
		{ facts, "2026-06-30", ST_FAIL, NULL, "第 5 项：不合格" },
		{ facts, "2026-07-01", ST_NOT_CHECKED, NULL, NULL },
	};
	expect_rows(f, rows10, sizeof rows10 / sizeof *rows10);
	const char *same_day =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<inspection id='I0' date='2026-05-01' item5='fail'/>"
		"<inspection id='I1' date='2026-06-01' item5='pass'/>"
		"<inspection id='I2' date='2026-06-01' item5='fail'/>"
		"<inspection id='I3' date='2026-06-01' item5='na'/>"
		"</enterprise></facts>";
	expect(f, same_day, "2026-06-02", ST_FAIL, NULL, NULL);
	const char *latest_pass =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<inspection id='I0' date='2026-05-01' item5='fail'/>"
		"<inspection id='I1' date='2026-06-01' item5='pass'/>"
		"</enterprise></facts>";
	expect(f, latest_pass, "2026-06-02", ST_PASS, NULL, NULL);
	const char *na = "<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
			 "<inspection id='I1' date='2026-06-01' item5='na'/></enterprise></facts>";
	const struct row rows11[] = {
		{ na, "2026-06-02", ST_NOT_APPLICABLE, NULL, NULL },
		/* closed and under construction */
		{ "<facts><enterprise id='E' status='closed' operating_since='2020-01-01'/></facts>", "2026-06-02", ST_NOT_APPLICABLE, NULL, "企业已关闭" },
		{ "<facts><enterprise id='E' status='construction'/></facts>", "2026-06-02", ST_NOT_APPLICABLE, NULL, NULL },
	};
	expect_rows(f, rows11, sizeof rows11 / sizeof *rows11);
	clear(f);
}

static void test_failed_items_linked(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "failed-items-linked", KV("window_days", "92"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	const char *facts =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<inspection id='I1' date='2026-06-01' item5='fail' item7='fail'/>"
		"<hazard id='H1' inspection='I1' item='5' found='2026-06-01'/>"
		"</enterprise></facts>";
	const struct row rows12[] = {
		{ facts, "2026-06-02", ST_FAIL, NULL, "I1 item 7" },
		{ facts, "2026-09-02", ST_PASS, NULL, NULL },
	};
	expect_rows(f, rows12, sizeof rows12 / sizeof *rows12);
	clear(f);
}

/* revision 2: an open hazard found again covers the item it was found for */
static void test_failed_items_open_hazard(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "failed-items-linked", KV("window_days", "92"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
#define HZ(h) "<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>" \
	"<inspection id='I2' date='2026-06-01' item5='fail'/>" h "</enterprise></facts>"
	const struct row rows[] = {
		/* found earlier by another inspection, still open: covered */
		{ HZ("<hazard id='H1' inspection='I1' item='5' found='2026-03-01'/>"), "2026-06-02",
		  ST_PASS, NULL, NULL },
		/* found on the inspection day without a link: covered */
		{ HZ("<hazard id='H1' item='5' found='2026-06-01'/>"), "2026-06-02", ST_PASS, NULL, NULL },
		/* found the day after: not covered */
		{ HZ("<hazard id='H1' item='5' found='2026-06-02'/>"), "2026-06-02", ST_FAIL, NULL, "I2 item 5" },
		/* closed on the inspection day: not closed before it, covered */
		{ HZ("<hazard id='H1' item='5' found='2026-03-01' closed='2026-06-01'/>"), "2026-06-02",
		  ST_PASS, NULL, NULL },
		/* closed the day before: the item failed again, a new hazard is owed */
		{ HZ("<hazard id='H1' item='5' found='2026-03-01' closed='2026-05-31'/>"), "2026-06-02",
		  ST_FAIL, NULL, "I2 item 5" },
		/* another item's open hazard does not cover item 5 */
		{ HZ("<hazard id='H1' item='6' found='2026-03-01'/>"), "2026-06-02", ST_FAIL, NULL, NULL },
	};
#undef HZ
	expect_rows(f, rows, sizeof rows / sizeof *rows);
	clear(f);
}

/* ---- per-record checks ------------------------------------------------------------ */

static void test_required_fields_and_order(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "required-fields", KV("select", "hazard[not(@closed)]",
					      "fields", "measures funds owner deadline"));
	set_rule(f, ST_SCOPE_ENTERPRISE, "hazard");
	const char *facts =
		"<facts><enterprise id='E' status='operating'>"
		"<hazard id='H1' found='2026-01-01' measures='m' funds='100' owner='o' deadline='2026-02-01'/>"
		"<hazard id='H2' found='2026-01-01' measures='m'/>"
		"<hazard id='H3' found='2026-01-01' closed='2026-01-05'/>"
		"</enterprise></facts>";
	const struct row rows13[] = {
		{ facts, "2026-03-01", ST_FAIL, NULL, "隐患 2 条中 1 条不符合要求：H2（未登记整改资金，未登记整改责任人，未登记整改期限）" },
		{ "<facts><enterprise id='E' status='operating'/></facts>", "2026-03-01", ST_NOT_APPLICABLE, NULL, NULL },
	};
	expect_rows(f, rows13, sizeof rows13 / sizeof *rows13);
	clear(f);

	set_check(f, 0, "date-order", KV("select", "worker[@assigned]",
					 "fields", "level1 level2 level3 assigned",
					 "label", "string(@name)"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	const char *workers =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<worker id='W1' name='张三' level1='2026-01-01' level2='2026-01-02' level3='2026-01-03' assigned='2026-01-03'/>"
		"<worker id='W2' name='李四' level1='2026-01-05' level2='2026-01-02' level3='2026-01-06' assigned='2026-01-07'/>"
		"<worker id='W3' name='王五' level1='2026-01-05'/>"
		"</enterprise></facts>";
	expect(f, workers, "2026-03-01", ST_FAIL, NULL, "李四（车间级教育 2026-01-02 早于厂级教育 2026-01-05）");
	/* people are counted as people */
	expect(f, workers, "2026-03-01", ST_FAIL, NULL, "职工 2 人中 1 人不符合要求");
	clear(f);

	/* the subject's own record: what it lacks, without a count */
	set_check(f, 0, "required-fields", KV("select", ".", "fields", "major_hazard_owner"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	expect(f, "<facts><enterprise id='E' status='operating'/></facts>", "2026-03-01", ST_FAIL,
	       NULL, "未登记重大危险源监控责任人");
	expect(f, "<facts><enterprise id='E' status='operating'/></facts>", "2026-03-01", ST_FAIL,
	       NULL, "1 of 1 record(s) incomplete: E (missing major hazard owner)");
	clear(f);

	/* nothing to look at is said as such, not as "0 条记录均符合要求" */
	set_check(f, 0, "required-fields", KV("select", "hazard", "fields", "owner"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	expect(f, "<facts><enterprise id='E' status='operating'/></facts>", "2026-03-01", ST_PASS,
	       NULL, "没有需要核查的记录");
	clear(f);
}

static void test_expiry_equipment_words(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "expiry", KV("select", "equipment", "expires", "@next_test"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	const char *facts = "<facts><enterprise id='E' status='operating'>"
			    "<equipment id='SB-1' next_test='2026-10-31'/>"
			    "<equipment id='SB-2' next_test='2027-10-31'/>"
			    "<equipment id='SB-3'/></enterprise></facts>";
	expect(f, facts, "2026-11-28", ST_OVERDUE, "2026-10-31",
	       "特种设备 3 台中 2 台需处理：SB-1 下次检验日期 2026-10-31，已逾期 28 天、SB-3 未登记下次检验日期");
	expect(f, "<facts><enterprise id='E' status='operating'><equipment id='SB-2' next_test='2027-10-31'/></enterprise></facts>",
	       "2026-11-28", ST_PASS, "2027-10-31", "特种设备 1 台均在检验有效期内");
	clear(f);
}

static void test_threshold_staffing(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "threshold",
		  KV("value", "number(@safety_staff)",
		     "required", "$staff_base + floor((sum(enterprise/@employees) - 200) * (sum(enterprise/@employees) > 200) div $staff_step)",
		     "basis", "sum(enterprise/@employees)", "value_en", "staff", "basis_en", "employees",
		     "staff_base", "2", "staff_step", "200"));
	set_rule(f, ST_SCOPE_PARK, NULL);
	expect(f, "<facts><park id='P' established='2020-01-01' safety_staff='2'><enterprise employees='399'/></park></facts>",
	       "2026-01-01", ST_PASS, NULL, NULL);
	expect(f, "<facts><park id='P' established='2020-01-01' safety_staff='2'><enterprise employees='400'/></park></facts>",
	       "2026-01-01", ST_FAIL, NULL, "staff 2 < required 3 (employees 400)");
	expect(f, "<facts><park id='P' established='2020-01-01' safety_staff='6'><enterprise employees='600'/><enterprise employees='400'/></park></facts>",
	       "2026-01-01", ST_PASS, NULL, "required 6");
	expect(f, "<facts><park id='P' established='2020-01-01'><enterprise employees='10'/></park></facts>",
	       "2026-01-01", ST_FAIL, NULL, "not recorded");
	clear(f);
}

static void test_assert_two_checks(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "assert", KV("test", "@director", "message_zh", "未记录主任",
				     "message_en", "no director"));
	set_check(f, 1, "assert", KV("select", "enterprise[@status='operating']",
				     "test", "@committee_member='yes'", "label", "string(@name)",
				     "message_zh", "企业不是委员单位", "message_en", "not members"));
	set_rule(f, ST_SCOPE_PARK, NULL);
	expect(f, "<facts><park id='P' established='2020-01-01' director='D'>"
		  "<enterprise id='E1' name='甲' status='operating' committee_member='yes'/>"
		  "<enterprise id='E2' name='乙' status='closed'/></park></facts>",
	       "2026-01-01", ST_PASS, NULL, NULL);
	expect(f, "<facts><park id='P' established='2020-01-01'>"
		  "<enterprise id='E1' name='甲' status='operating' committee_member='no'/></park></facts>",
	       "2026-01-01", ST_FAIL, NULL, "未记录主任；企业不是委员单位：甲");
	clear(f);
}

static void test_expiry(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "expiry", KV("select", "worker[@special_operation and @assigned]",
				     "expires", "certificate[@kind = ../@special_operation]/@expires",
				     "label", "string(@name)"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	const char *facts =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<worker id='W1' name='张三' special_operation='电工' assigned='2025-01-01'>"
		"<certificate id='C1' kind='电工' expires='2026-03-01'/>"
		"<certificate id='C2' kind='电工' expires='2026-06-30'/>"
		"<certificate id='C3' kind='焊工' expires='2030-01-01'/>"
		"</worker></enterprise></facts>";
	const struct row rows14[] = {
		{ facts, "2026-05-31", ST_DUE_SOON, "2026-06-30", NULL },
		{ facts, "2026-05-30", ST_PASS, "2026-06-30", NULL },
		{ facts, "2026-06-30", ST_DUE_SOON, "2026-06-30", NULL },
		{ facts, "2026-07-01", ST_OVERDUE, "2026-06-30", "张三" },
	};
	expect_rows(f, rows14, sizeof rows14 / sizeof *rows14);
	const char *none =
		"<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>"
		"<worker id='W1' name='张三' special_operation='电工' assigned='2025-01-01'>"
		"<certificate id='C3' kind='焊工' expires='2030-01-01'/></worker>"
		"<worker id='W2' name='李四' special_operation='电工' assigned='2025-01-01'>"
		"<certificate id='C4' kind='电工' expires='2020-01-01'/></worker>"
		"</enterprise></facts>";
	/* overdue outranks fail */
	expect(f, none, "2026-05-31", ST_OVERDUE, "2020-01-01", "特种作业人员 2 人中 2 人需处理：张三（电工）未持操作证上岗、李四（电工）操作证有效期至 2020-01-01");
	clear(f);
}

/* revision 2, CERT-SPECIAL-OPERATION: at the post before the first
 * certificate (未持证上岗) fails while the first issue is within
 * lookback_days of as-of; overdue outranks it */
static void test_expiry_uncovered_start(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "expiry", KV("select", "worker[@special_operation and @assigned]",
				     "expires", "certificate[@kind = ../@special_operation]/@expires",
				     "label", "string(@name)",
				     "issued", "certificate[@kind = ../@special_operation]/@issued",
				     "started", "string(@assigned)", "lookback_days", "365"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
#define W(a, certs) "<facts><enterprise id='E' status='operating' operating_since='2020-01-01'>" \
	"<worker id='W1' name='张三' special_operation='电工' assigned='" a "'>" certs \
	"</worker></enterprise></facts>"
#define C1 "<certificate id='C1' kind='电工' issued='2026-03-01' expires='2032-03-01'/>"
	const struct row rows[] = {
		/* assigned the day of issue: in order */
		{ W("2026-03-01", C1), "2026-03-01", ST_PASS, "2032-03-01", NULL },
		/* assigned the day before: fail, until first issue + 365 days */
		{ W("2026-02-28", C1), "2026-03-01", ST_FAIL, NULL, "张三 2026-02-28 上岗，2026-03-01 才取得证书（未持证上岗 1 天）" },
		{ W("2026-02-28", C1), "2027-03-01", ST_FAIL, NULL, "first certificate issued 2026-03-01" },
		{ W("2026-02-28", C1), "2027-03-02", ST_PASS, "2032-03-01", NULL },
		/* the earliest issue of that type decides; a certificate without
		 * an issue date and one of another type take no part */
		{ W("2026-02-28", "<certificate id='C0' kind='电工' issued='2025-01-01' expires='2028-01-01'/>" C1
		    "<certificate id='CX' kind='电工' expires='2040-01-01'/>"
		    "<certificate id='CY' kind='焊工' issued='2020-01-01' expires='2040-01-01'/>"),
		  "2026-03-01", ST_PASS, "2040-01-01", NULL },
		/* expired and uncovered: overdue outranks fail, both listed */
		{ W("2025-01-01", "<certificate id='C1' kind='电工' issued='2026-03-01' expires='2026-06-30'/>"),
		  "2026-07-01", ST_OVERDUE, "2026-06-30", "未持证上岗" },
	};
#undef W
#undef C1
	expect_rows(f, rows, sizeof rows / sizeof *rows);
	clear(f);
}

static void test_error_on_bad_expression(void **state)
{
	struct fixture *f = *state;
	/* $undefined compiles but cannot be evaluated: the rule gives error */
	set_check(f, 0, "assert", KV("test", "$undefined > 1", "message_zh", "x", "message_en", "x"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	expect(f, "<facts><enterprise id='E' status='operating'/></facts>", "2026-01-01", ST_ERROR,
	       NULL, "规则参数 test 求值失败：");
	expect(f, "<facts><enterprise id='E' status='operating'/></facts>", "2026-01-01", ST_ERROR,
	       NULL, "变量未定义");
	clear(f);
}

/* As a pack loads them (rules.c): the records' form only, libxml2's
 * compiled on the first evaluation that falls back to XPath ($undefined:
 * the records' form defers, XPath gives its error). */
static void test_xpath_compiled_on_fallback(void **state)
{
	struct fixture *f = *state;
	const char *facts = "<facts><enterprise id='E' status='operating' operating_since='2020-01-01'/></facts>";

	set_check(f, 0, "assert", KV("test", "$undefined > 1", "message_zh", "x", "message_en", "x"));
	set_rule(f, ST_SCOPE_ENTERPRISE, OPERATING);
	struct st_param *p = (struct st_param *)st_check_param(&f->check[0], "test");
	assert_non_null(p);
	xmlXPathFreeCompExpr(p->xpath);
	xmlXPathFreeCompExpr(f->rule.applies);
	p->xpath = NULL;
	f->rule.applies = NULL;
	assert_non_null(p->fast = st_expr_compile(p->text));
	assert_non_null(f->rule.applies_fast = st_expr_compile(OPERATING));
	expect(f, facts, "2026-01-01", ST_ERROR, NULL, "变量未定义");
	assert_non_null(p->xpath);             /* compiled by the fallback, kept */
	assert_null(f->rule.applies);          /* never needed */
	xmlXPathCompExprPtr first = p->xpath;
	expect(f, facts, "2026-01-01", ST_ERROR, NULL, "规则参数 test 求值失败：");
	assert_ptr_equal(p->xpath, first);     /* once */
	assert_ptr_equal(st_param_xpath(p, NULL), first);
	clear(f);
}

/* revision 2: an active waiver turns fail / overdue / due-soon / not-checked
 * into waived, due its expiry; the facts hold only waivers approved by as-of
 * and not voided (facts.c), so here the expiry edge and the choice matter */
static void test_waivers(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "assert", KV("test", "@ok = 'yes'", "message_zh", "未达标",
				     "message_en", "not met"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
#define WV(x) "<facts><enterprise id='E' status='operating' ok='" x "'>" \
	"<waiver id='WV1' rule='R' reason='改造期间' approved_by='园区管委会' approved='2026-03-01'" \
	" expires='2026-06-30'/>" \
	"<waiver id='WV2' rule='OTHER' reason='x' approved_by='y' approved='2026-03-01'" \
	" expires='2027-01-31'/>" \
	"</enterprise></facts>"
	const struct row rows[] = {
		/* the approval day itself: the facts already carry the waiver */
		{ WV("no"), "2026-03-01", ST_WAIVED, "2026-06-30", "已豁免（豁免 WV1：改造期间；批准人 园区管委会，有效期至 2026-06-30）；原状态不合格：未达标" },
		{ WV("no"), "2026-06-30", ST_WAIVED, "2026-06-30", "otherwise fail: not met" },
		/* the day after expiry the underlying status shows again */
		{ WV("no"), "2026-07-01", ST_FAIL, NULL, "未达标" },
		/* pass is never replaced */
		{ WV("yes"), "2026-03-01", ST_PASS, NULL, NULL },
		/* a waiver for another rule does nothing */
		{ "<facts><enterprise id='E' status='operating' ok='no'>"
		  "<waiver id='WV2' rule='OTHER' reason='x' approved_by='y' approved='2026-03-01'"
		  " expires='2027-01-31'/></enterprise></facts>", "2026-03-01", ST_FAIL, NULL, NULL },
		/* several active: the one expiring last decides */
		{ "<facts><enterprise id='E' status='operating' ok='no'>"
		  "<waiver id='A' rule='R' reason='r1' approved_by='y' approved='2026-01-01' expires='2026-12-31'/>"
		  "<waiver id='B' rule='R' reason='r2' approved_by='y' approved='2026-02-01' expires='2027-01-31'/>"
		  "<waiver id='C' rule='R' reason='r3' approved_by='y' approved='2026-02-01' expires='2026-02-28'/>"
		  "</enterprise></facts>", "2026-03-01", ST_WAIVED, "2027-01-31", "豁免 B：r2" },
	};
#undef WV
	expect_rows(f, rows, sizeof rows / sizeof *rows);
	clear(f);

	/* an error is never hidden */
	set_check(f, 0, "assert", KV("test", "$undefined > 1", "message_zh", "x", "message_en", "x"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	expect(f, "<facts><enterprise id='E' status='operating'>"
		  "<waiver id='A' rule='R' reason='r' approved_by='y' approved='2026-01-01' expires='2026-12-31'/>"
		  "</enterprise></facts>", "2026-03-01", ST_ERROR, NULL, NULL);
	clear(f);

	/* due-soon and overdue are waived too (an expiry rule) */
	set_check(f, 0, "expiry", KV("select", "worker", "expires", "certificate/@expires",
				     "label", "string(@name)"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
	const char *cert =
		"<facts><enterprise id='E' status='operating'>"
		"<worker id='W1' name='张三'><certificate id='C1' expires='2026-06-30'/></worker>"
		"<waiver id='A' rule='R' reason='r' approved_by='y' approved='2026-01-01' expires='2026-12-31'/>"
		"</enterprise></facts>";
	const struct row rows2[] = {
		{ cert, "2026-06-15", ST_WAIVED, "2026-12-31", "原状态即将到期" },
		{ cert, "2026-07-01", ST_WAIVED, "2026-12-31", "原状态逾期" },
		{ cert, "2027-01-01", ST_OVERDUE, "2026-06-30", NULL },
	};
	expect_rows(f, rows2, sizeof rows2 / sizeof *rows2);
	clear(f);
}

/* revision 2, NAT-ACC-REPORT-1H as in rules/60-national.xml: every
 * accident on or after effective_from, reported within 1 hour */
static void test_national_report_1h(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "deadline", KV("select", "accident[st:days(@occurred) >= $effective_from]",
				       "event", "occurred", "deadline_hours", "1", "record", "reported"));
	set_rule(f, ST_SCOPE_ENTERPRISE, "accident[st:days(@occurred) >= $effective_from]");
	f->rule.effective_from = D("2007-06-01");
#define ACC(occ, rep) "<facts><enterprise id='E' status='operating'><accident id='A' deaths='0'" \
	" injuries='0' occurred='" occ "'" rep "/></enterprise></facts>"
	const struct row rows[] = {
		/* 1 hour exactly, and 1 hour + 1 minute; no casualties needed */
		{ ACC("2026-03-01T08:00", " reported='2026-03-01T09:00'"), "2026-03-05", ST_PASS, NULL, NULL },
		{ ACC("2026-03-01T08:00", " reported='2026-03-01T09:01'"), "2026-03-05", ST_FAIL, NULL, "0h01m late" },
		/* 23:30 + 1 h is the next day: not yet overdue at the end of the first */
		{ ACC("2026-03-01T23:30", ""), "2026-03-01", ST_DUE_SOON, "2026-03-02", NULL },
		{ ACC("2026-03-01T23:30", ""), "2026-03-02", ST_OVERDUE, "2026-03-02", NULL },
		/* effective_from: the day before the rule is not in force, the day of it is */
		{ ACC("2007-06-01T10:00", ""), "2007-05-31", ST_NOT_APPLICABLE, NULL, "本规则自 2007-06-01 起施行" },
		{ ACC("2007-06-01T10:00", ""), "2007-06-01", ST_OVERDUE, "2007-06-01", NULL },
		/* an accident before effective_from is not judged (no retroactive law) */
		{ ACC("2007-05-31T23:59", ""), "2026-03-05", ST_NOT_APPLICABLE, NULL, NULL },
	};
#undef ACC
	expect_rows(f, rows, sizeof rows / sizeof *rows);
	f->rule.effective_until = D("2026-03-04");
	expect(f, "<facts><enterprise id='E' status='operating'/></facts>", "2026-03-05",
	       ST_NOT_APPLICABLE, NULL, "本规则施行至 2026-03-04，已失效");
	clear(f);
}

/* revision 2, NAT-SAFETY-LICENCE as in rules/60-national.xml: the known
 * check gates the rule; renewal R = expires - 3 months, clamped at month end */
static void test_renewal(void **state)
{
	struct fixture *f = *state;
	set_check(f, 0, "known", KV("test", "@hazchem_activity", "message_zh", "未登记活动",
				    "message_en", "activities not recorded"));
	set_check(f, 1, "renewal", KV("select", "licence[@kind = 'safety-production']",
				      "expires", "expires", "applied", "renewal_applied",
				      "months_before", "3", "warn_days", "30"));
	set_rule(f, ST_SCOPE_ENTERPRISE, NULL);
#define LIC(x) "<facts><enterprise id='E' status='operating' hazchem_activity='produce'>" x \
	"</enterprise></facts>"
#define L1 "<licence id='L1' kind='safety-production' issued='2023-06-01' expires='2026-05-31'"
	const struct row rows[] = {
		/* R = 2026-05-31 - 3 months = 2026-02-28 */
		{ LIC(L1 "/>"), "2026-01-28", ST_PASS, "2026-02-28", NULL },
		{ LIC(L1 "/>"), "2026-01-29", ST_DUE_SOON, "2026-02-28", "renewal due 2026-02-28" },
		{ LIC(L1 "/>"), "2026-02-28", ST_DUE_SOON, "2026-02-28", "0 days left" },
		{ LIC(L1 "/>"), "2026-03-01", ST_OVERDUE, "2026-02-28", "1 day late" },
		{ LIC(L1 " renewal_applied='2026-02-28'/>"), "2026-03-01", ST_PASS, "2026-05-31", NULL },
		{ LIC(L1 " renewal_applied='2026-03-01'/>"), "2026-03-01", ST_FAIL, NULL,
		  "1 day after the deadline 2026-02-28" },
		/* the expiry day itself is valid; the day after is not */
		{ LIC(L1 " renewal_applied='2026-02-01'/>"), "2026-05-31", ST_PASS, "2026-05-31", NULL },
		{ LIC(L1 " renewal_applied='2026-02-01'/>"), "2026-06-01", ST_FAIL, NULL, "no valid licence" },
		/* none, or only licences of another kind */
		{ LIC("<licence id='T' kind='hazchem-trade' issued='2023-06-01' expires='2030-01-01'/>"),
		  "2026-03-01", ST_FAIL, NULL, "no licence recorded" },
		/* the one expiring last decides; on a tie the smallest id */
		{ LIC(L1 "/><licence id='L2' kind='safety-production' issued='2026-05-01' expires='2029-04-30'/>"),
		  "2026-03-01", ST_PASS, "2029-01-30", "L2 valid until 2029-04-30" },
		{ LIC("<licence id='B' kind='safety-production' issued='2023-06-01' expires='2026-05-31' renewal_applied='2026-01-01'/>"
		      "<licence id='A' kind='safety-production' issued='2023-06-01' expires='2026-05-31'/>"),
		  "2026-03-01", ST_OVERDUE, "2026-02-28", "A valid until" },
		/* activities not recorded: not-checked, whatever the licences say */
		{ "<facts><enterprise id='E' status='operating'>" L1 "/></enterprise></facts>", "2026-06-01",
		  ST_NOT_CHECKED, NULL, "未登记活动" },
	};
#undef LIC
#undef L1
	expect_rows(f, rows, sizeof rows / sizeof *rows);
	clear(f);
}

static void test_status_names(void **state)
{
	(void)state;
	enum st_status s;
	for (int i = 0; i < ST_STATUS__COUNT; i++) {
		assert_int_equal(st_status_parse(st_status_name((enum st_status)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(st_status_parse("passed", &s), -1);
	assert_true(st_status_is_finding(ST_OVERDUE));
	assert_false(st_status_is_finding(ST_NOT_CHECKED));
	assert_false(st_status_is_finding(ST_WAIVED));
	assert_string_equal(st_status_name(ST_WAIVED), "waived");
	assert_string_equal(st_status_name_zh(ST_WAIVED), "豁免");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_quarter_edges),
		cmocka_unit_test(test_expiry_equipment_words),
		cmocka_unit_test(test_calendar_half_year),
		cmocka_unit_test(test_calendar_scope_mid_period),
		cmocka_unit_test(test_calendar_year_due_month),
		cmocka_unit_test(test_calendar_park_established),
		cmocka_unit_test(test_interval_leap_day),
		cmocka_unit_test(test_deadline_24_hours),
		cmocka_unit_test(test_deadline_days_and_lookback),
		cmocka_unit_test(test_deadline_days_after_event),
		cmocka_unit_test(test_checklist_window),
		cmocka_unit_test(test_failed_items_linked),
		cmocka_unit_test(test_failed_items_open_hazard),
		cmocka_unit_test(test_required_fields_and_order),
		cmocka_unit_test(test_threshold_staffing),
		cmocka_unit_test(test_assert_two_checks),
		cmocka_unit_test(test_expiry),
		cmocka_unit_test(test_expiry_uncovered_start),
		cmocka_unit_test(test_error_on_bad_expression),
		cmocka_unit_test(test_xpath_compiled_on_fallback),
		cmocka_unit_test(test_waivers),
		cmocka_unit_test(test_national_report_1h),
		cmocka_unit_test(test_renewal),
		cmocka_unit_test(test_status_names),
	};
	xmlInitParser();
	int rc = cmocka_run_group_tests_name("eval", tests, setup, teardown);
	xmlCleanupParser();
	return rc;
}
