/*
 * test_report.c — the report engine: stylesheets load and apply under the
 * sandbox, the built-in templates render the hand-written documents of
 * tests/data/report/, data is escaped, and quarter names parse.
 *
 * Building documents from a store is exercised end to end by
 * tests/cli/50-*.sh … 55-*.sh on the sample park.  Paths are relative to
 * the repository root, where `make check` runs.
 */
#include "st_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "st_report.h"

#define DATA "tests/data/report/"

struct out {
	char *text;
	size_t len;
	FILE *f;
};

static void out_open(struct out *o)
{
	o->text = NULL;
	o->len = 0;
	o->f = open_memstream(&o->text, &o->len);
	assert_non_null(o->f);
}

/* Output buffers come from the C library (open_memstream), not from
 * cmocka's checking allocator that st_test.h maps free() to. */
static void release(char *text)
{
#undef free
	free(text);
}

/* close the stream; o->text is the whole output */
static void out_close(struct out *o)
{
	assert_int_equal(fclose(o->f), 0);
}

static xmlDocPtr read_doc(const char *path)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

/* apply the stylesheet at xsl to the document at xml; returns the output
 * (caller frees) and the result of st_report_apply in *rc */
static char *render(const char *xsl, xmlDocPtr doc, int *rc, struct st_diag *diag)
{
	xsltStylesheetPtr style = NULL;
	struct out o;

	assert_int_equal(st_report_style_load(xsl, &style, diag), 0);
	out_open(&o);
	*rc = st_report_apply(style, doc, o.f, diag);
	out_close(&o);
	xsltFreeStylesheet(style);
	return o.text;
}

static char *render_file(const char *xsl, const char *xml, int *rc, struct st_diag *diag)
{
	xmlDocPtr doc = read_doc(xml);
	char *text = render(xsl, doc, rc, diag);
	xmlFreeDoc(doc);
	return text;
}

static int diag_has(const struct st_diag *d, const char *needle)
{
	for (size_t i = 0; i < st_diag_kept(d); i++)
		if (strstr(d->line[i], needle))
			return 1;
	return 0;
}

/* loading the stylesheet at path fails with a diag line containing needle */
static void expect_load_fails(const char *path, const char *needle)
{
	struct st_diag d = ST_DIAG_INIT;
	xsltStylesheetPtr style = NULL;

	assert_int_equal(st_report_style_load(path, &style, &d), -1);
	assert_null(style);
	assert_true(diag_has(&d, needle));
	st_diag_release(&d);
}

static void test_style_load_missing(void **state)
{
	(void)state;
	expect_load_fails(DATA "none.xsl", "none.xsl: 无法读取模板文件");
}

static void test_style_load_broken(void **state)
{
	(void)state;
	expect_load_fails(DATA "xsl/broken.xsl", "模板 broken.xsl: ");
}

static void test_style_load_not_xml(void **state)
{
	(void)state;
	/* a CSV file is not a stylesheet: the parser's file:line message */
	expect_load_fails(DATA "escape/parks.csv", "parks.csv:1: ");
}

static void test_network_import_refused(void **state)
{
	(void)state;
	expect_load_fails(DATA "xsl/net-import.xsl", "unable to load http://127.0.0.1:9/evil.xsl");
}

static void test_apply_park(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	int rc;
	char *html = render_file("templates/park.xsl", DATA "park.xml", &rc, &d);

	(void)state;
	assert_int_equal(rc, 0);
	assert_int_equal(d.count, 0);
	assert_non_null(strstr(html, "<!DOCTYPE html"));
	assert_non_null(strstr(html, "塔城某工业园区 安全生产合规报告"));
	assert_non_null(strstr(html, "塔城宏远化工有限公司"));
	assert_non_null(strstr(html, "57.1%"));            /* 4 of 7 judged */
	assert_non_null(strstr(html, "有期限的义务已过期限而未见所需记录"));
	assert_non_null(strstr(html, "INSP-QUARTERLY：warn_days = 20"));
	assert_non_null(strstr(html, "<svg"));
	assert_non_null(strstr(html, "2026-Q3"));
	assert_non_null(strstr(html, "已逾期 44 天"));
	/* the chase list comes first: the major hazard, then overdue by days
	 * late (44 before 59 days is wrong), then due-soon */
	const char *chase = strstr(html, "需要督办的事项");
	const char *major = strstr(html, "重大隐患 H-2026-007");
	const char *late59 = strstr(html, "已逾期 59 天");
	const char *late44 = strstr(html, "已逾期 44 天</span>");
	const char *soon = strstr(html, "剩余 33 天");
	const char *figures = strstr(html, "二、总体情况");
	assert_true(chase && major && late59 && late44 && soon && figures);
	assert_true(chase < major && major < late59 && late59 < late44 && late44 < soon &&
		    soon < figures);
	assert_non_null(strstr(html, "第三章第4项、第七章第12项"));
	assert_null(strstr(html, "条</span>"));
	/* the trend's last bar is the headline, and says so */
	assert_non_null(strstr(html, "评估日（2026-11-28）"));
	assert_non_null(strstr(html, "与报告开头的合规率一致"));
	assert_non_null(strstr(html, "绿色 合规率 ≥ 90%"));
	/* a closed enterprise is listed apart */
	assert_non_null(strstr(html, "八、已关闭企业"));
	assert_non_null(strstr(html, "塔城旧厂化工有限公司"));
	assert_null(strstr(html, "<script"));
	release(html);
	st_diag_release(&d);
}

static void test_apply_enterprise(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	int rc;
	char *html = render_file("templates/enterprise.xsl", DATA "enterprise.xml", &rc, &d);

	(void)state;
	assert_int_equal(rc, 0);
	assert_non_null(strstr(html, "对整改的事故隐患是否做到整改措施、资金、人员、时间“四落实”。"));
	assert_non_null(strstr(html, "督促企业在整改期限内完成整改并销号。"));
	assert_non_null(strstr(html, "第三章第4项、第七章第12项"));
	assert_null(strstr(html, "条（"));
	/* what must be put right comes first, the most days late first; then
	 * the hazard ledger, the records and the passing rules */
	const char *late59 = strstr(html, "已逾期 59 天");
	const char *late44 = strstr(html, "已逾期 44 天");
	const char *ledger = strstr(html, "二、隐患台账");
	const char *major = strstr(html, "危险化学品仓库通风设施损坏");
	const char *closed = strstr(html, "灭火器过期");
	const char *records = strstr(html, "三、档案记录");
	const char *equipment = strstr(html, "压力容器");
	const char *passed = strstr(html, "四、合格、豁免与不适用的规则");
	const char *letter = strstr(html, "2026 年度责任书已于 2026-02-20 签订");
	assert_true(late59 && late44 && ledger && major && closed && records && equipment &&
		    passed && letter);
	assert_true(late59 < late44 && late44 < ledger && ledger < major && major < closed &&
		    closed < records && records < equipment && equipment < passed &&
		    passed < letter);
	/* a passing rule carries no remediation */
	assert_null(strstr(letter, "整改要求"));
	release(html);
	st_diag_release(&d);
}

static void test_apply_quarter_parts(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	int rc;
	char *head = render_file("templates/quarter.xsl", DATA "quarter-head.xml", &rc, &d);
	assert_int_equal(rc, 0);
	char *ent = render_file("templates/quarter.xsl", DATA "quarter-enterprise.xml", &rc, &d);
	assert_int_equal(rc, 0);
	char *tail = render_file("templates/quarter.xsl", DATA "quarter-tail.xml", &rc, &d);
	assert_int_equal(rc, 0);

	(void)state;
	/* fragments of one page: only the head part has <head>, none a doctype */
	assert_non_null(strstr(head, "<head>"));
	assert_non_null(strstr(head, "2026年第三季度安全检查报告"));
	assert_null(strstr(head, "<!DOCTYPE"));
	assert_null(strstr(ent, "<head>"));
	assert_non_null(strstr(ent, "H-2026-007"));
	assert_non_null(strstr(ent, "王明;李强"));
	assert_non_null(strstr(ent, "未登记隐患"));      /* item 5 failed without a hazard */
	assert_non_null(strstr(tail, "汇总"));
	release(head);
	release(ent);
	release(tail);
	st_diag_release(&d);
}

static void test_apply_escapes_data(void **state)
{
	static const char name[] = "<script>alert(1)</script> \"q\" 'a' & co";
	struct st_diag d = ST_DIAG_INIT;
	xmlDocPtr doc = read_doc(DATA "park.xml");
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int rc;

	(void)state;
	for (xmlNodePtr n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "subject"))
			assert_non_null(xmlSetProp(n, BAD_CAST "name", BAD_CAST name));
	char *html = render("templates/park.xsl", doc, &rc, &d);
	assert_int_equal(rc, 0);
	assert_null(strstr(html, "<script"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; \"q\" 'a' &amp; co"));
	/* in an attribute value both quotes are safe */
	assert_non_null(strstr(html, "title=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; 'a' &amp; co\""));
	release(html);
	xmlFreeDoc(doc);
	st_diag_release(&d);
}

static void test_apply_read_forbidden(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	int rc;
	char *text = render_file(DATA "xsl/read-file.xsl", DATA "park.xml", &rc, &d);

	(void)state;
	assert_int_equal(rc, -1);
	assert_true(diag_has(&d, "read rights for /etc/hostname denied"));
	release(text);
	st_diag_release(&d);
}

static void test_apply_write_forbidden(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	int rc;
	char *text = render_file(DATA "xsl/write-file.xsl", DATA "park.xml", &rc, &d);
	FILE *f = fopen("written.txt", "r");

	(void)state;
	assert_int_equal(rc, -1);
	assert_true(diag_has(&d, "write rights for written.txt denied"));
	assert_null(f);
	release(text);
	st_diag_release(&d);
}

static void test_entity_not_substituted(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	int rc;
	char *text = render_file(DATA "xsl/entity.xsl", DATA "park.xml", &rc, &d);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(text, "[]");
	release(text);
	st_diag_release(&d);
}

static void test_message_reaches_diag(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	int rc;
	char *text = render_file(DATA "xsl/summary.xsl", DATA "park.xml", &rc, &d);

	(void)state;
	assert_int_equal(rc, 0);
	assert_true(diag_has(&d, "模板: 总计 7 条结果"));
	assert_non_null(strstr(text, "rate=57.1%"));
	assert_non_null(strstr(text, "most-findings=2"));
	release(text);
	st_diag_release(&d);
}

static void test_render_bad_quarter(void **state)
{
	struct st_diag d = ST_DIAG_INIT;
	struct st_report_input in = { 0 };

	(void)state;
	assert_int_equal(st_report_render(&in, ST_REPORT_QUARTER, "2026-Q0", NULL, stdout, &d), -1);
	assert_true(diag_has(&d, "季度 '2026-Q0' 的格式应为 YYYY-Qn"));
	st_diag_release(&d);
}

static void test_clause_zh(void **state)
{
	char buf[128], small[12];

	(void)state;
	assert_string_equal(st_report_clause_zh("7.9", buf, sizeof buf), "第七章第9项");
	assert_string_equal(st_report_clause_zh("10.2", buf, sizeof buf), "第十章第2项");
	assert_string_equal(st_report_clause_zh("7 (closing paragraph)", buf, sizeof buf),
			    "第七章末段");
	assert_string_equal(st_report_clause_zh("8.2, 9 (accident 2)", buf, sizeof buf),
			    "第八章第2项、第九章事故处理第2项");
	assert_string_equal(st_report_clause_zh("9 (report 5)", buf, sizeof buf),
			    "第九章报告事项第5项");
	assert_string_equal(st_report_clause_zh("3.4, 7.12", buf, sizeof buf),
			    "第三章第4项、第七章第12项");
	/* national articles already in words: kept, several joined with 、 */
	assert_string_equal(st_report_clause_zh("第九条", buf, sizeof buf), "第九条");
	assert_string_equal(st_report_clause_zh("第二条, 第九条", buf, sizeof buf), "第二条、第九条");
	assert_string_equal(st_report_clause_zh("第二十九条,第九条", buf, sizeof buf),
			    "第二十九条、第九条");
	assert_string_equal(st_report_clause_zh("第九条, 7.9", buf, sizeof buf), "第九条、第七章第9项");
	/* anything else stays as written */
	assert_string_equal(st_report_clause_zh("第 条", buf, sizeof buf), "第 条");
	assert_string_equal(st_report_clause_zh("条", buf, sizeof buf), "条");
	assert_string_equal(st_report_clause_zh("7.9, art. 22", buf, sizeof buf), "7.9, art. 22");
	assert_string_equal(st_report_clause_zh("9 (annex 2)", buf, sizeof buf), "9 (annex 2)");
	assert_string_equal(st_report_clause_zh("", buf, sizeof buf), "");
	assert_string_equal(st_report_clause_zh(NULL, buf, sizeof buf), "");
	/* too long for the buffer: the reference as written, truncated */
	assert_string_equal(st_report_clause_zh("3.4, 7.12", small, sizeof small), "3.4, 7.12");
}

static void test_parse_quarter(void **state)
{
	int y = 0, q = 0;

	(void)state;
	assert_int_equal(st_report_parse_quarter("2026-Q3", &y, &q), 0);
	assert_int_equal(y, 2026);
	assert_int_equal(q, 3);
	assert_int_equal(st_report_parse_quarter("2026-Q4", &y, &q), 0);
	assert_int_equal(q, 4);
	assert_int_equal(st_report_parse_quarter("2026-Q5", &y, &q), -1);
	assert_int_equal(st_report_parse_quarter("2026-Q0", &y, &q), -1);
	assert_int_equal(st_report_parse_quarter("2026Q3", &y, &q), -1);
	assert_int_equal(st_report_parse_quarter("2026-Q3x", &y, &q), -1);
	assert_int_equal(st_report_parse_quarter("2026-q3", &y, &q), -1);
	assert_int_equal(st_report_parse_quarter("", &y, &q), -1);
}

static void test_default_dir(void **state)
{
	(void)state;
	assert_int_equal(setenv("SAFETRACK_TEMPLATES", "/opt/t", 1), 0);
	assert_string_equal(st_report_default_dir(), "/opt/t");
	assert_int_equal(unsetenv("SAFETRACK_TEMPLATES"), 0);
	/* a test binary in build/tests/ has no templates beside it: the
	 * compiled-in data directory is the last resort */
	assert_string_equal(st_report_default_dir(), ST_DATADIR "/templates");
}

/* a budget that runs out: -1, nothing written, one message; the same
 * stylesheet within budget renders (issue #15 item 11) */
static void test_apply_budget(void **state)
{
	(void)state;
	static const char xsl[] =
		"<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
		"<xsl:template name='d'><xsl:param name='s'/><xsl:param name='n'/>"
		"<xsl:choose><xsl:when test='$n &gt; 0'><xsl:call-template name='d'>"
		"<xsl:with-param name='s' select='concat($s, $s)'/>"
		"<xsl:with-param name='n' select='$n - 1'/></xsl:call-template></xsl:when>"
		"<xsl:otherwise><p><xsl:value-of select='string-length($s)'/></p></xsl:otherwise>"
		"</xsl:choose></xsl:template>"
		"<xsl:template match='/'><html><xsl:call-template name='d'>"
		"<xsl:with-param name='s' select=\"'ab'\"/><xsl:with-param name='n' select='/n'/>"
		"</xsl:call-template></html></xsl:template></xsl:stylesheet>";
	xmlDocPtr sdoc = xmlReadMemory(xsl, sizeof xsl - 1, "d.xsl", NULL, XML_PARSE_NONET);
	xsltStylesheetPtr style = xsltParseStylesheetDoc(sdoc);
	struct st_report_budget b = { 10, 4 * 1024 * 1024 };
	struct st_diag d = ST_DIAG_INIT;
	struct out o;

	assert_non_null(style);
	/* 2^10 bytes: within 4 MiB */
	xmlDocPtr small = xmlReadMemory("<n>10</n>", 9, "in.xml", NULL, 0);
	out_open(&o);
	assert_int_equal(st_report_apply_budget(style, small, &b, o.f, &d), 0);
	out_close(&o);
	assert_non_null(strstr(o.text, "<p>2048</p>"));
	release(o.text);
	/* 2^30 bytes: stopped at 4 MiB, nothing written */
	xmlDocPtr big = xmlReadMemory("<n>30</n>", 9, "in.xml", NULL, 0);
	out_open(&o);
	assert_int_equal(st_report_apply_budget(style, big, &b, o.f, &d), -1);
	out_close(&o);
	assert_string_equal(o.text, "");
	release(o.text);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.line[0], "模板占用内存超过限制（4 MiB）"));
	st_diag_release(&d);
	/* no time at all: stopped at once */
	b.seconds = 1e-9;
	b.bytes = 0;
	out_open(&o);
	assert_int_equal(st_report_apply_budget(style, big, &b, o.f, &d), -1);
	out_close(&o);
	release(o.text);
	assert_non_null(strstr(d.line[0], "模板运行超过时间限制"));
	st_diag_release(&d);
	xmlFreeDoc(small);
	xmlFreeDoc(big);
	xsltFreeStylesheet(style);
}

/* only a bare file name of the templates directory (for the web server) */
static void test_style_load_installed(void **state)
{
	(void)state;
	static const char *const bad[] = { "../park.xsl", "/etc/passwd", "park", "park.xsl/",
					   "a b.xsl", ".xsl", "park.xml" };
	struct st_diag d = ST_DIAG_INIT;
	xsltStylesheetPtr style = NULL;

	assert_int_equal(setenv("SAFETRACK_TEMPLATES", "templates", 1), 0);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(st_report_style_load_installed(bad[i], &style, &d), -1);
		assert_non_null(strstr(d.line[0], "不是已安装模板的名称"));
		st_diag_release(&d);
	}
	assert_int_equal(st_report_style_load_installed("park.xsl", &style, &d), 0);
	xsltFreeStylesheet(style);
	assert_int_equal(unsetenv("SAFETRACK_TEMPLATES"), 0);
}

static int teardown(void **state)
{
	(void)state;
	xsltCleanupGlobals();
	xmlCleanupParser();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_style_load_missing),
		cmocka_unit_test(test_style_load_broken),
		cmocka_unit_test(test_style_load_not_xml),
		cmocka_unit_test(test_apply_park),
		cmocka_unit_test(test_apply_enterprise),
		cmocka_unit_test(test_apply_quarter_parts),
		cmocka_unit_test(test_apply_escapes_data),
		cmocka_unit_test(test_apply_read_forbidden),
		cmocka_unit_test(test_apply_write_forbidden),
		cmocka_unit_test(test_entity_not_substituted),
		cmocka_unit_test(test_network_import_refused),
		cmocka_unit_test(test_message_reaches_diag),
		cmocka_unit_test(test_render_bad_quarter),
		cmocka_unit_test(test_clause_zh),
		cmocka_unit_test(test_parse_quarter),
		cmocka_unit_test(test_default_dir),
		cmocka_unit_test(test_apply_budget),
		cmocka_unit_test(test_style_load_installed),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
