/*
 * test_facts.c — the facts document: what was knowable at the end of a day.
 */
#include "st_test.h"

#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "st_facts.h"
#include "st_store.h"

struct fx {
	char path[64];
	sqlite3 *db;
	struct st_facts_reader *reader;
};

static const char records[] =
	"INSERT INTO parks(id, name, established, director) VALUES ('P', '园区', '2020-01-01', '主任');"
	"INSERT INTO enterprises(id, name, park, employees, hazchem, status, operating_since)"
	" VALUES ('91654202055289139B', '甲', 'P', 10, 'none', 'operating', '2026-03-01');"
	"INSERT INTO inspections(id, enterprise, date, kind, item1, item2, item3, item4, item5,"
	" item6, item7, item8, item9, item10, item11, item12, item13) VALUES"
	" ('I1', '91654202055289139B', '2026-03-10', 'quarterly', 'pass','pass','pass','pass','fail',"
	"  'pass','pass','pass','pass','pass','pass','pass','pass'),"
	" ('I2', '91654202055289139B', '2026-06-10', 'quarterly', 'pass','pass','pass','pass','pass',"
	"  'pass','pass','pass','pass','pass','pass','pass','pass');"
	"INSERT INTO hazards(id, enterprise, found, description, grade, deadline, rectified, closed)"
	" VALUES ('H1', '91654202055289139B', '2026-03-10', '消防通道堵塞', 'major', '2026-03-20',"
	" '2026-03-28', '2026-04-01');"
	"INSERT INTO workers(id, enterprise, name, hired, level1, assigned, special_operation)"
	" VALUES ('W1', '91654202055289139B', '张三', '2026-01-05', '2026-01-06', '2026-05-01', '电工');"
	"INSERT INTO certificates(id, enterprise, worker, kind, issued, expires)"
	" VALUES ('C1', '91654202055289139B', 'W1', '电工', '2026-02-01', '2032-02-01'),"
	"        ('C2', '91654202055289139B', 'W1', '电工', '2026-08-01', '2035-08-01');"
	"INSERT INTO drills(id, park, date) VALUES ('D1', 'P', '2026-05-05'), ('D2', 'P', '2026-06-06');"
	"INSERT INTO drill_participants(drill, enterprise, pos) VALUES ('D1', '91654202055289139B', 1);"
	/* revision 2: records voided on 2026-05-10 (a hazard, a worker with his
	 * certificate, a certificate of a worker who stays, a drill) */
	"INSERT INTO hazards(id, enterprise, found, description, grade, deadline, voided, void_reason)"
	" VALUES ('H2', '91654202055289139B', '2026-03-12', '重复录入', 'general', '2026-04-12',"
	" '2026-05-10', '与 H1 重复');"
	"INSERT INTO workers(id, enterprise, name, hired, assigned, voided, void_reason)"
	" VALUES ('W2', '91654202055289139B', '李四', '2026-01-05', NULL, '2026-05-10', '录错企业');"
	"INSERT INTO certificates(id, enterprise, worker, kind, issued, expires, voided, void_reason)"
	" VALUES ('C3', '91654202055289139B', 'W2', '焊工', '2026-02-01', '2032-02-01', NULL, NULL),"
	"        ('C4', '91654202055289139B', 'W1', '焊工', '2026-02-01', '2032-02-01', '2026-05-10', '证号错误');"
	"INSERT INTO drills(id, park, date, voided, void_reason) VALUES ('D3', 'P', '2026-04-04', '2026-05-10', '未举行');"
	"INSERT INTO drill_participants(drill, enterprise, pos) VALUES ('D3', '91654202055289139B', 1);";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct st_diag diag = ST_DIAG_INIT;

	snprintf(f->path, sizeof f->path, "/tmp/st-facts-%d.db", (int)getpid());
	unlink(f->path);
	if (st_store_open(f->path, ST_STORE_WRITE, &f->db, &diag) != 0)
		fail_msg("%s", diag.line[0]);
	char *msg = NULL;
	if (sqlite3_exec(f->db, records, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	assert_int_equal(st_facts_reader_new(f->db, &f->reader, &diag), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char wal[80];

	st_facts_reader_free(f->reader);
	st_store_close(f->db);
	unlink(f->path);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", f->path);
	unlink(wal);
	free(f);
	return 0;
}

/* the string value of an XPath over the facts of one subject as of a day */
static void expect_xpath(struct fx *f, enum st_scope kind, const char *id, const char *as_of,
			 const char *expr, const char *want)
{
	st_day day;
	xmlDocPtr doc = NULL;
	struct st_diag diag = ST_DIAG_INIT;

	assert_int_equal(st_date_parse_iso(as_of, &day), 0);
	assert_int_equal(st_facts_build(f->reader, kind, id, day, &doc, &diag), 0);
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlChar *s = xmlXPathCastToString(o);
	if (strcmp((const char *)s, want))
		fail_msg("as of %s, %s = '%s', expected '%s'", as_of, expr, s, want);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

#define E "91654202055289139B"

static void test_records_after_as_of_left_out(void **state)
{
	struct fx *f = *state;
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-09", "count(//inspection)", "0");
	/* a record dated the evaluation day counts (end of day) */
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-10", "count(//inspection)", "1");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-06-10", "count(//inspection)", "2");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-09", "count(//hazard)", "0");
}

static void test_event_dates_after_as_of_blanked(void **state)
{
	struct fx *f = *state;
	/* operating since 1 March: empty the day before */
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-02-28", "string(/facts/enterprise/@operating_since)", "");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-01", "string(/facts/enterprise/@operating_since)", "2026-03-01");
	/* closed on 1 April: open before; the deadline is scheduled, so kept */
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-31", "count(//hazard[@closed])", "0");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-11", "string(//hazard/@deadline)", "2026-03-20");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-04-01", "string(//hazard/@closed)", "2026-04-01");
	/* every date column of the dossier's table but the scheduled ones is an
	 * event: a hazard's rectification too */
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-27", "count(//hazard[@rectified])", "0");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-03-28", "string(//hazard/@rectified)", "2026-03-28");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-04-30", "count(//worker[@assigned])", "0");
}

static void test_certificates_nested_under_worker(void **state)
{
	struct fx *f = *state;
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-05-01",
		     "count(//worker/certificate[@kind='电工'])", "1");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-09-01",
		     "string(//worker[@id='W1']/certificate[2]/@expires)", "2035-08-01");
	/* a certificate is left out before it was issued (its own date) */
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-01-31", "count(//certificate)", "0");
	/* no worker before hiring */
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-01-04", "count(//worker)", "0");
}

static void test_drills(void **state)
{
	struct fx *f = *state;
	/* the enterprise sees the drills it took part in */
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-12-31", "count(//drill)", "1");
	expect_xpath(f, ST_SCOPE_ENTERPRISE, E, "2026-12-31", "string(//drill/participant)", E);
	/* the park sees all its drills with their participants */
	expect_xpath(f, ST_SCOPE_PARK, "P", "2026-12-31", "count(//drill)", "2");
	expect_xpath(f, ST_SCOPE_PARK, "P", "2026-12-31", "count(//drill[@id='D1']/participant)", "1");
	expect_xpath(f, ST_SCOPE_PARK, "P", "2026-12-31", "string(/facts/park/enterprise/@name)", "甲");
}

/* revision 2: a record voided on A counts as of A - 1 and is absent as of A */
static void test_voided(void **state)
{
	struct fx *f = *state;
	static const struct { const char *day, *expr, *want; } cases[] = {
		{ "2026-05-09", "count(//hazard)", "2" },
		{ "2026-05-10", "count(//hazard)", "1" },
		{ "2026-05-10", "string(//hazard/@id)", "H1" },
		{ "2026-05-09", "count(//worker)", "2" },
		{ "2026-05-10", "count(//worker)", "1" },
		{ "2026-05-09", "count(//worker/certificate)", "3" },
		/* W2 voided takes its certificate C3 along; C4 voided itself */
		{ "2026-05-10", "count(//worker/certificate)", "1" },
		{ "2026-05-10", "count(//worker[@id='W1']/certificate[@id='C4'])", "0" },
		{ "2026-05-09", "count(//drill)", "2" },
		{ "2026-05-10", "count(//drill)", "1" },
		/* the void columns are never facts */
		{ "2026-05-09", "count(//@voided | //@void_reason)", "0" },
		{ "2026-12-31", "count(//*[starts-with(name(), 'voided-')])", "4" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		expect_xpath(f, ST_SCOPE_ENTERPRISE, E, cases[i].day, cases[i].expr, cases[i].want);
	expect_xpath(f, ST_SCOPE_PARK, "P", "2026-05-09", "count(//drill)", "2");
	expect_xpath(f, ST_SCOPE_PARK, "P", "2026-05-10", "count(//drill)", "1");
}

static char *serialize(xmlDocPtr doc)
{
	xmlChar *mem = NULL;
	int len = 0;

	xmlDocDumpMemory(doc, &mem, &len);
	assert_non_null(mem);
	char *copy = malloc((size_t)len + 1);
	memcpy(copy, mem, (size_t)len + 1);
	xmlFree(mem);
	return copy;
}

/* restricting a later document to a day gives the document of that day */
static void test_restrict_equals_build(void **state)
{
	struct fx *f = *state;
	static const char *const days[] = { "2026-12-31", "2026-06-10", "2026-05-10", "2026-05-09",
					    "2026-05-01", "2026-04-30",
					    "2026-03-31", "2026-03-10", "2026-03-09", "2026-02-28",
					    "2026-01-05", "2026-01-04", "2019-12-31" };
	static const struct { enum st_scope kind; const char *id; } subjects[] = {
		{ ST_SCOPE_ENTERPRISE, E }, { ST_SCOPE_PARK, "P" },
	};
	struct st_diag diag = ST_DIAG_INIT;
	st_day latest, day;

	for (size_t s = 0; s < 2; s++) {
		struct st_facts *later = NULL;
		assert_int_equal(st_date_parse_iso(days[0], &latest), 0);
		assert_int_equal(st_facts_read(f->reader, subjects[s].kind, subjects[s].id, latest,
					       &later, &diag), 0);
		for (size_t i = 1; i < sizeof days / sizeof *days; i++) {
			xmlDocPtr direct = NULL;
			assert_int_equal(st_date_parse_iso(days[i], &day), 0);
			assert_int_equal(st_facts_build(f->reader, subjects[s].kind, subjects[s].id, day,
							&direct, &diag), 0);
			st_facts_restrict(later, day);
			xmlDocPtr restricted = st_facts_dom(later);
			assert_non_null(restricted);
			char *a = serialize(direct), *b = serialize(restricted);
			if (strcmp(a, b))
				fail_msg("as of %s:\nbuilt:      %s\nrestricted: %s", days[i], a, b);
			free(a);
			free(b);
			xmlFreeDoc(direct);
		}
		st_facts_free(later);
	}
}

static void test_unknown_subject(void **state)
{
	struct fx *f = *state;
	xmlDocPtr doc = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	assert_int_equal(st_facts_build(f->reader, ST_SCOPE_ENTERPRISE, "nope", 0, &doc, &diag), 1);
	assert_null(doc);
	assert_int_equal(diag.count, 0);
}

/* The reader prepares a statement when a read first needs it: a store
 * without the tables is reported by that read, once per use, and nothing is
 * left half prepared. */
static void test_statements_prepared_on_use(void **state)
{
	(void)state;
	sqlite3 *db;
	struct st_facts_reader *r = NULL;
	struct st_facts *facts = NULL;
	struct st_diag diag = ST_DIAG_INIT;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(st_facts_reader_new(db, &r, &diag), 0);
	assert_int_equal(diag.count, 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(st_facts_read(r, ST_SCOPE_ENTERPRISE, "E1", 0, &facts, &diag), -1);
		assert_null(facts);
		assert_int_equal(diag.count, (size_t)i + 1);
		assert_non_null(strstr(diag.line[i], "数据库结构不符（SELECT * FROM enterprises WHERE id = ?1）"));
		assert_non_null(strstr(diag.line[i], "no such table: enterprises"));
	}
	st_diag_release(&diag);
	st_facts_reader_free(r);
	sqlite3_close(db);
}

/* issue #14: a reader told the columns the rules can read leaves the
 * others out, keeps what the facts themselves need (id, owner, own date,
 * voided, a certificate's worker), and still applies as-of and voiding */
static void test_only_named_columns(void **state)
{
	struct fx *f = *state;
	static const char *const names[] = { "grade", "expires" };
	struct st_facts_reader *r;
	struct st_diag diag = ST_DIAG_INIT;
	struct st_facts *facts = NULL;
	st_day day;

	assert_int_equal(st_facts_reader_new(f->db, &r, &diag), 0);
	assert_int_equal(st_facts_reader_columns(r, names, 2), 0);
	assert_int_equal(st_date_parse_iso("2026-09-01", &day), 0);
	assert_int_equal(st_facts_read(r, ST_SCOPE_ENTERPRISE, E, day, &facts, &diag), 0);
	struct st_rec *ent = st_facts_subject(facts);
	assert_string_equal(st_rec_attr(ent, "id"), E);
	assert_null(st_rec_attr(ent, "name"));        /* not named */
	assert_int_equal(st_rec_col(ent, "name"), -1);
	struct st_rec *h = st_rec_child(ent, "hazard");
	assert_non_null(h);
	assert_string_equal(st_rec_attr(h, "grade"), "major");
	assert_string_equal(st_rec_attr(h, "found"), "2026-03-10");   /* own date */
	assert_string_equal(st_rec_attr(h, "enterprise"), E);        /* owner */
	assert_int_equal(st_rec_col(h, "description"), -1);
	assert_null(st_rec_next(h));                  /* H2 voided on 2026-05-10 */
	struct st_rec *w = st_rec_child(ent, "worker");
	assert_string_equal(st_rec_attr(w, "id"), "W1");
	assert_int_equal(st_rec_col(w, "special_operation"), -1);
	struct st_rec *c = st_rec_child(w, "certificate");   /* nested by its worker */
	assert_non_null(c);
	assert_string_equal(st_rec_attr(c, "expires"), "2032-02-01");
	st_facts_free(facts);
	/* once it has read, the columns are what they are */
	assert_int_equal(st_facts_reader_columns(r, names, 2), -1);
	st_facts_reader_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_after_as_of_left_out),
		cmocka_unit_test(test_event_dates_after_as_of_blanked),
		cmocka_unit_test(test_certificates_nested_under_worker),
		cmocka_unit_test(test_drills),
		cmocka_unit_test(test_voided),
		cmocka_unit_test(test_restrict_equals_build),
		cmocka_unit_test(test_unknown_subject),
		cmocka_unit_test(test_statements_prepared_on_use),
		cmocka_unit_test(test_only_named_columns),
	};
	xmlInitParser();
	int rc = cmocka_run_group_tests_name("facts", tests, setup, teardown);
	xmlCleanupParser();
	return rc;
}
