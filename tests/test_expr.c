/*
 * test_expr.c — the compiled rule expressions (st_expr.h) against libxml2's
 * XPath: every expression of the shipped pack compiles, and on facts
 * documents with every kind of value (missing, empty, malformed, numbers
 * with blanks, times, Chinese text) each expression — the pack's and a list
 * of edge cases — gives the value XPath gives, at every record as context.
 */
#include "st_test.h"
/* strings made by the library are freed with its free; the fixture with it too */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include <math.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "st_date.h"
#include "st_eval.h"
#include "st_expr.h"
#include "st_facts.h"
#include "st_rules.h"

static const char *const docs[] = {
	"<facts as-of='2026-11-28'>"
	"<enterprise id='E1' name='甲化工' park='P' status='operating' operating_since='2010-05-01'"
	" employees=' 120 ' hazchem='hazardous' hazchem_activity='use;produce' committee_member='yes'"
	" safety_staff='3' major_hazard='yes'>"
	"<inspection id='I1' date='2026-03-10' kind='mid-year' item1='pass' item2='fail'/>"
	"<inspection id='I2' date='2026-10-01' kind='year-end' item1='na'/>"
	"<hazard id='H1' found='2026-03-10' grade='major' deadline='2026-04-10' closed='2026-04-01'"
	" inspection='I1' item='2'/>"
	"<hazard id='H2' found='2026-06-01T08:30' grade='general'/>"
	"<evaluation id='V1' date='2024-01-01' kind='status' expert_passed='yes' agency='某机构'/>"
	"<project id='PR1' construction_start='2020-01-01' design_qualified='yes'"
	" design_approved='2019-12-01' contractor_letter='2020-02-01' hazchem='yes'"
	" pre_evaluation_filed='2019-11-30' production_start='2021-01-01' accepted='2020-12-31'"
	" three_simultaneity='no' installer_qualified='yes'/>"
	"<project id='PR2' design_qualified='no'/>"
	"<worker id='W1' name='张三' hired='2019-01-01' assigned='2019-02-01'"
	" special_operation='welding' level1='2019-01-02' level2='2019-01-03'>"
	"<certificate id='C1' worker='W1' kind='welding' issued='2019-03-01' expires='2025-03-01'/>"
	"<certificate id='C2' worker='W1' kind='welding' issued='2025-02-01' expires='2031-02-01'/>"
	"<certificate id='C3' worker='W1' kind='electrical' issued='2018-01-01' expires='bad'/>"
	"</worker>"
	"<worker id='W2' hired='2020-01-01' special_operation='' assigned=''/>"
	"<equipment id='Q1' next_test='2027-01-01'/><equipment id='Q2' next_test=''/>"
	"<accident id='A1' occurred='2026-05-01T10:00' deaths='0' injuries='2' reported='2026-05-02T09:00'/>"
	"<accident id='A2' occurred='2012-05-01' deaths='x'/>"
	"<letter id='L1' signed='2026-01-05' park='P' year='2026'/><letter id='L2' signed='2025-01-05'/>"
	"<licence id='LC1' kind='safety-production' expires='2027-06-30' renewal_applied=''/>"
	"<drill id='D1' date='2026-06-01'><participant>E1</participant></drill>"
	"</enterprise></facts>",

	"<facts as-of='2026-11-28'>"
	"<park id='P' name='园区' established='2011-12-01' director='王' safety_staff='abc'"
	" plan_signed='2026-02-01' plan_filed='2026-01-01'>"
	"<enterprise id='E1' status='operating' operating_since='2012-01-01' employees='150'"
	" committee_member='yes'/>"
	"<enterprise id='E2' status='construction' employees='80' committee_member='no'/>"
	"<enterprise id='E3' status='closed' employees='1000'/>"
	"<enterprise id='E4' status='operating' employees='-5.5'/>"
	"<meeting id='M1' date='2026-03-01' kind='quarterly'/>"
	"<meeting id='M2' date='2026-07-01' kind='special'/>"
	"<drill id='D1' date='2026-06-01'><participant>E1</participant><participant>E2</participant></drill>"
	"<drill id='D2' date='2025-06-01'/>"
	"</park></facts>",
};

/* edge cases beyond the pack's own expressions */
static const char *const extra[] = {
	"@missing = ''", "@missing != ''", "not(@missing = 'x')", "@employees = 120",
	"@employees > 100", "@employees + 1", "number(@employees)", "-@employees",
	"@safety_staff >= 0", "@safety_staff < 0", "number(@safety_staff) = number(@safety_staff)",
	"@id = @name", "@id != @name", "enterprise/@id = 'E2'", "enterprise/@id != 'E2'",
	"enterprise/@employees > 100", "enterprise/@employees < 0", "enterprise/@employees = 80",
	"enterprise = enterprise", "enterprise != enterprise", "enterprise/@status = drill/participant",
	"count(enterprise) * 2 div 3", "7 mod 3", "-7 mod 3", "1 div 0", "-1 div 0", "0 div 0",
	"sum(enterprise/@employees)", "sum(inspection/@item1)", "count(worker/certificate)",
	"string(1 div 3)", "concat(1 div 3, '|', 100000000000, '|', 0.5, '|', -0)",
	"concat(true(), false(), 1 = 1)", "string(enterprise)", "string(drill)", "string(.)",
	"string(worker)", "string-length(@name)", "string-length()", "substring(@name, 2)",
	"substring('12345', 1.5, 2.6)", "substring('12345', 0, 3)", "substring('12345', 0 div 0, 3)",
	"substring('12345', 1, 0 div 0)", "substring('12345', -42, 1 div 0)",
	"substring('12345', -1 div 0, 1 div 0)", "substring('中文字符', 2, 2)", "substring('abc', 5)",
	"starts-with(@name, '甲')", "contains(@hazchem_activity, '')", "contains('', '')",
	"boolean(@missing)", "boolean('')", "boolean('0')", "boolean(0)", "boolean(0 div 0)",
	"true() = 'x'", "false() = ''", "true() = 1", "@missing = false()", "enterprise = true()",
	"enterprise > false()", "@employees = true()", "'10' < '9'", "'a' < 'b'", "'1e3' = 1000",
	"floor(-1.5)", "ceiling(-1.5)", "floor(@employees)", "st:days(@operating_since)",
	"st:days('2026-01-01T23:59')", "st:days('2026-01-01Tjunk')", "st:days(@missing)",
	"st:days(inspection/@date)", "st:days(drill/participant)", "st:days(1)",
	"$year + $index", "$subject", "$as_of - st:days(@operating_since)", "$warn_days * 2",
	"$effective_from", "st:days(@operating_since) >= $effective_from",
	"inspection[1]/@id", "inspection[2]/@id", "inspection[3]", "inspection[@date][1]/@id",
	"worker/certificate[2]/@id", "worker[certificate]/@id", "worker[not(certificate)]/@id",
	"worker/certificate/..", "../@id", "..", "./@id", "./inspection/./@id", ".//inspection",
	"inspection | hazard", "child::inspection", "position()", "text()", "*", "@*",
	"inspection[1][1]", "/facts", "(inspection)[1]", "st:other(1)", "unknown(1)", "$ undefined",
	"$undefined", "inspection[@item2 = 'fail']/@id", "hazard[@grade = 'major' and @closed]",
	"drill[participant = $subject]", "drill[participant = 'E2']/@id", "drill[participant]",
	"letter[not(@park) or @park = ../@park]/@id", "worker/certificate[@kind = ../@special_operation]/@expires",
	"1 <= 1", "2 >= 2", "@employees <= 120", "enterprise/@employees <= 80", "80 >= enterprise/@employees",
	"enterprise/@employees >= 150", "150 <= enterprise/@employees", "1 = 1 = 1", "3 > 2 > 1", "(1 + 2) * 3", "1 + 2 * 3", "- - 1", "2-1", "@a-b",
};

struct fx {
	struct st_pack *pack;
	const char **exprs;
	size_t n;
};

static int get_var(void *arg, const char *name, struct st_xval *out)
{
	(void)arg;
	out->type = ST_X_NUMBER;
	if (!strcmp(name, "subject")) {
		out->type = ST_X_STRING;
		out->str = "E1";
	} else if (!strcmp(name, "year")) {
		out->num = 2026;
	} else if (!strcmp(name, "index")) {
		out->num = 1;
	} else if (!strcmp(name, "as_of")) {
		out->num = 20785;
	} else if (!strcmp(name, "effective_from")) {
		out->num = 15000;
	} else if (!strcmp(name, "warn_days") || !strcmp(name, "staff_base") ||
		   !strcmp(name, "staff_step")) {
		out->num = 30;
	} else {
		return -1;
	}
	return 0;
}

/* XPath's errors are expected here (the expressions outside the subset) */
static void quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

static void register_vars(xmlXPathContextPtr ctx)
{
	static const char *const nums[] = { "year", "index", "as_of", "effective_from",
					    "warn_days", "staff_base", "staff_step" };
	struct st_xval v = ST_XVAL_INIT;

	assert_int_equal(st_xpath_register(ctx), 0);
	ctx->error = quiet;
	xmlXPathRegisterVariable(ctx, BAD_CAST "subject", xmlXPathNewString(BAD_CAST "E1"));
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		assert_int_equal(get_var(NULL, nums[i], &v), 0);
		xmlXPathRegisterVariable(ctx, BAD_CAST nums[i], xmlXPathNewFloat(v.num));
	}
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct st_diag d = ST_DIAG_INIT;

	unsetenv("SAFETRACK_EVAL");
	assert_int_equal(st_pack_load("rules", NULL, &f->pack, &d), 0);
	for (size_t i = 0; i < f->pack->nrules; i++) {
		const struct st_rule *r = &f->pack->rules[i];
		f->exprs = realloc(f->exprs, (f->n + 1 + 16) * sizeof *f->exprs);
		if (r->applies_src)
			f->exprs[f->n++] = r->applies_src;
		for (size_t k = 0; k < r->nchecks; k++)
			for (size_t j = 0; j < r->checks[k].nparams; j++) {
				const struct st_param *p = &r->checks[k].params[j];
				if (p->spec && p->spec->type == ST_PARAM_XPATH) {
					f->exprs = realloc(f->exprs, (f->n + 1) * sizeof *f->exprs);
					f->exprs[f->n++] = p->text;
				}
			}
	}
	for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
		f->exprs = realloc(f->exprs, (f->n + 1) * sizeof *f->exprs);
		f->exprs[f->n++] = extra[i];
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	st_pack_free(f->pack);
	free(f->exprs);
	free(f);
	return 0;
}

/* every expression of the shipped pack has its compiled form: no subject of
 * a check run needs a document */
static void test_pack_compiles(void **state)
{
	struct fx *f = *state;
	size_t n = 0;

	for (size_t i = 0; i < f->pack->nrules; i++) {
		const struct st_rule *r = &f->pack->rules[i];
		if (r->applies_src && !r->applies_fast)
			fail_msg("%s: <applies-to> not compiled: %s", r->id, r->applies_src);
		n += r->applies_fast != NULL;
		for (size_t k = 0; k < r->nchecks; k++)
			for (size_t j = 0; j < r->checks[k].nparams; j++) {
				const struct st_param *p = &r->checks[k].params[j];
				if (p->spec && p->spec->type == ST_PARAM_XPATH && !p->fast)
					fail_msg("%s: %s not compiled: %s", r->id, p->name, p->text);
				n += p->fast != NULL;
			}
	}
	assert_true(n > 100);
}

static int same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* compare the compiled value of expr at rec with XPath's at node */
static void compare_at(const char *expr, const struct st_expr *e, xmlXPathCompExprPtr comp,
		       xmlXPathContextPtr ctx, xmlNodePtr node, struct st_rec *rec, size_t *compared)
{
	struct st_xvars vars = { get_var, NULL };
	struct st_xval v;
	int rc = st_expr_eval(e, rec, &vars, &v);

	ctx->node = node;
	xmlXPathObjectPtr o = xmlXPathCompiledEval(comp, ctx);
	if (rc == -1)   /* left to XPath: fine, whatever XPath says */
		goto out;
	assert_int_equal(rc, 0);
	if (!o)
		fail_msg("%s at <%s id=%s>: compiled gives a value, XPath an error", expr, rec->name,
			 st_rec_attr(rec, "id"));
	xmlChar *xs = xmlXPathCastToString(o);
	char *s = st_xval_string(&v);
	double xn = xmlXPathCastToNumber(o), n = st_xval_number(&v);
	int xb = xmlXPathCastToBoolean(o), b = st_xval_boolean(&v);
	if (strcmp((const char *)xs, s) || !same_number(xn, n) || xb != b ||
	    (o->type == XPATH_NODESET) != (v.type == ST_X_NODES) ||
	    (o->type == XPATH_NODESET && (size_t)(o->nodesetval ? o->nodesetval->nodeNr : 0) != v.n))
		fail_msg("%s at <%s id=%s>: XPath '%s' %g %d, compiled '%s' %g %d", expr, rec->name,
			 st_rec_attr(rec, "id"), xs, xn, xb, s, n, b);
	/* a node set holds the same records, in the same order */
	for (size_t i = 0; o->type == XPATH_NODESET && i < v.n; i++) {
		xmlNodePtr x = o->nodesetval->nodeTab[i];
		xmlChar *c = xmlNodeGetContent(x);
		char *cs = st_xitem_string(&v.items[i]);
		if (strcmp((const char *)c, cs) || (x->type == XML_ATTRIBUTE_NODE) != (v.items[i].col >= 0))
			fail_msg("%s: node %zu differs ('%s' / '%s')", expr, i, c, cs);
		xmlFree(c);
		free(cs);
	}
	xmlFree(xs);
	free(s);
	st_xval_release(&v);
	(*compared)++;
out:
	xmlXPathFreeObject(o);
}

/* every element of the document with its record, in the same order */
static void walk(const char *expr, const struct st_expr *e, xmlXPathCompExprPtr comp,
		 xmlXPathContextPtr ctx, xmlNodePtr node, struct st_rec *rec, size_t *compared)
{
	compare_at(expr, e, comp, ctx, node, rec, compared);
	struct st_rec *c = rec->first;
	for (xmlNodePtr x = node->children; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		assert_non_null(c);
		assert_string_equal(c->name, (const char *)x->name);
		walk(expr, e, comp, ctx, x, c, compared);
		c = c->next;
	}
	assert_null(c);
}

static void test_same_as_xpath(void **state)
{
	struct fx *f = *state;
	size_t compared = 0, compiled = 0;

	for (size_t d = 0; d < sizeof docs / sizeof *docs; d++) {
		xmlDocPtr doc = xmlReadMemory(docs[d], (int)strlen(docs[d]), "facts.xml", NULL,
					      XML_PARSE_NONET);
		struct st_facts *facts = NULL;
		assert_non_null(doc);
		assert_int_equal(st_facts_from_doc(doc, &facts), 0);
		xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
		register_vars(ctx);
		for (size_t i = 0; i < f->n; i++) {
			struct st_expr *e = st_expr_compile(f->exprs[i]);
			xmlXPathCompExprPtr comp = xmlXPathCtxtCompile(ctx, BAD_CAST f->exprs[i]);
			if (!e) {
				xmlXPathFreeCompExpr(comp);
				continue;
			}
			if (!comp)
				fail_msg("compiled, but not XPath: %s", f->exprs[i]);
			compiled++;
			walk(f->exprs[i], e, comp, ctx, xmlDocGetRootElement(doc), st_facts_root(facts),
			     &compared);
			xmlXPathFreeCompExpr(comp);
			st_expr_free(e);
		}
		xmlXPathFreeContext(ctx);
		st_facts_free(facts);
		xmlFreeDoc(doc);
	}
	/* the comparisons happened: most expressions compiled, at ~40 records */
	assert_true(compiled > 2 * (f->n * 3 / 4));
	assert_true(compared > 5000);
}

/* what the compiler leaves to XPath */
static void test_outside_subset(void **state)
{
	static const char *const outside[] = {
		".//inspection", "inspection | hazard", "child::inspection", "position()", "text()",
		"*", "@*", "inspection[1][1]", "/facts", "(inspection)[1]", "st:other(1)",
		"unknown(1)", "$ undefined", "round(1.5)", "inspection[", "'open", "1 +", "",
		"not()", "concat('a')", "substring('a')",
	};
	(void)state;
	for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
		struct st_expr *e = st_expr_compile(outside[i]);
		if (e)
			fail_msg("compiled: %s", outside[i]);
	}
	struct st_expr *e = st_expr_compile("@a = 1");
	assert_non_null(e);
	st_expr_free(e);
	setenv("SAFETRACK_EVAL", "xpath", 1);
	assert_null(st_expr_compile("@a = 1"));
	unsetenv("SAFETRACK_EVAL");
}

static int has_name(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

/* issue #14: the columns the shipped pack can read — every attribute its
 * expressions name, the fields its parameters name, those the check kinds
 * read themselves — and not the ones no rule reads; a pack evaluated by
 * XPath may read any */
static void test_pack_columns(void **state)
{
	struct fx *f = *state;
	char **names = NULL;
	size_t n = 0;

	assert_int_equal(st_eval_columns(f->pack, &names, &n), 0);
	for (size_t i = 0; i < f->pack->nrules; i++) {
		const struct st_rule *r = &f->pack->rules[i];
		for (size_t k = 0; k < r->nchecks; k++)
			for (size_t j = 0; j <= r->checks[k].nparams; j++) {
				const char *x = j < r->checks[k].nparams ? r->checks[k].params[j].text :
									   r->applies_src;
				for (const char *a = x ? strchr(x, '@') : NULL; a; a = strchr(a + 1, '@')) {
					char name[64];
					size_t len = strspn(a + 1, "abcdefghijklmnopqrstuvwxyz0123456789_");
					snprintf(name, sizeof name, "%.*s", (int)len, a + 1);
					if (!has_name(names, n, name))
						fail_msg("@%s of %s not read", name, x);
				}
			}
	}
	static const char *const read[] = { "id", "name", "park", "found", "closed", "item1",
					    "item13", "expires", "rule", "reason", "approved_by",
					    "special_operation", "status", "established" };
	for (size_t i = 0; i < sizeof read / sizeof *read; i++)
		if (!has_name(names, n, read[i]))
			fail_msg("%s not read", read[i]);
	static const char *const unread[] = { "notes", "inspectors", "minutes", "verified_by" };
	for (size_t i = 0; i < sizeof unread / sizeof *unread; i++)
		if (has_name(names, n, unread[i]))
			fail_msg("%s read, no rule reads it", unread[i]);
	st_eval_columns_free(names, n);

	struct st_pack *xp = NULL;
	struct st_diag d = ST_DIAG_INIT;
	setenv("SAFETRACK_EVAL", "xpath", 1);
	assert_int_equal(st_pack_load("rules", NULL, &xp, &d), 0);
	unsetenv("SAFETRACK_EVAL");
	names = NULL;
	assert_int_equal(st_eval_columns(xp, &names, &n), 1);
	assert_null(names);
	st_pack_free(xp);
}

/* an undefined variable and a count() of a string are left to XPath at
 * evaluation time (rc -1), so that XPath's error stands */
static void test_left_to_xpath(void **state)
{
	const char *doc_s = "<facts><park id='P'/></facts>";
	xmlDocPtr doc = xmlReadMemory(doc_s, (int)strlen(doc_s), "f.xml", NULL, XML_PARSE_NONET);
	struct st_facts *facts = NULL;
	struct st_xvars vars = { get_var, NULL };
	struct st_xval v;
	(void)state;

	assert_int_equal(st_facts_from_doc(doc, &facts), 0);
	struct st_expr *a = st_expr_compile("$nope + 1"), *b = st_expr_compile("count('x')"),
		       *c = st_expr_compile("count(.)"), *d = st_expr_compile("../..");
	assert_int_equal(st_expr_eval(a, st_facts_subject(facts), &vars, &v), -1);
	assert_int_equal(st_expr_eval(b, st_facts_subject(facts), &vars, &v), -1);
	assert_int_equal(st_expr_eval(c, st_facts_subject(facts), &vars, &v), 0);
	assert_int_equal(v.type, ST_X_NUMBER);
	assert_true(v.num == 1);
	st_xval_release(&v);
	/* the parent of the root record is the document node, not a record */
	assert_int_equal(st_expr_eval(d, st_facts_subject(facts), &vars, &v), -1);
	st_expr_free(a);
	st_expr_free(b);
	st_expr_free(c);
	st_expr_free(d);
	st_facts_free(facts);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_compiles),
		cmocka_unit_test(test_same_as_xpath),
		cmocka_unit_test(test_outside_subset),
		cmocka_unit_test(test_left_to_xpath),
		cmocka_unit_test(test_pack_columns),
	};
	xmlInitParser();
	int rc = cmocka_run_group_tests_name("expr", tests, setup, teardown);
	xmlCleanupParser();
	return rc;
}
