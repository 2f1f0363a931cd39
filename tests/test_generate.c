/*
 * test_generate.c — the synthetic dossier: reproducible, seed-dependent,
 * well-formed CSV, valid credit codes, ids in ascending order (export's
 * order), dates within the span, bad options and unwritable folders
 * reported.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st_test.h"

#include "st_generate.h"
#include "st_uscc.h"

/* a small dossier: two parks of 3 enterprises, 3 years */
static void small_opts(struct st_generate_opts *o, uint64_t seed)
{
	st_generate_opts_init(o);
	o->enterprises = 6;
	o->years = 3;
	o->seed = seed;
	o->park_size = 3;
}

static char *make_dir(void)
{
	char tmpl[] = "/tmp/st-gen-XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	/* not strdup(): cmocka checks that free() matches its own malloc() */
	char *copy = malloc(strlen(d) + 1);
	assert_non_null(copy);
	return strcpy(copy, d);
}

static void remove_dir(char *dir)
{
	char path[4096];

	for (int i = 0; i < ST_KIND_COUNT; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, st_kind_info(i)->file);
		unlink(path);
	}
	rmdir(dir);
	free(dir);
}

/* the whole content of dir/name; the caller frees it */
static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static char *generate(const struct st_generate_opts *o, struct st_generate_stats *stats)
{
	struct st_diag diag = ST_DIAG_INIT;
	char *dir = make_dir();

	assert_int_equal(st_generate(dir, o, stats, &diag), 0);
	assert_int_equal(diag.count, 0);
	return dir;
}

static void test_generate_same_seed_same_bytes(void **state)
{
	struct st_generate_opts o;
	(void)state;

	small_opts(&o, 7);
	char *a = generate(&o, NULL), *b = generate(&o, NULL);
	for (int i = 0; i < ST_KIND_COUNT; i++) {
		size_t na, nb;
		char *ca = slurp(a, st_kind_info(i)->file, &na);
		char *cb = slurp(b, st_kind_info(i)->file, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(ca, cb, na);
		free(ca);
		free(cb);
	}
	remove_dir(a);
	remove_dir(b);
}

static void test_generate_other_seed_differs(void **state)
{
	struct st_generate_opts o;
	size_t na, nb;
	(void)state;

	small_opts(&o, 7);
	char *a = generate(&o, NULL);
	o.seed = 8;
	char *b = generate(&o, NULL);
	char *ca = slurp(a, "enterprises.csv", &na);
	char *cb = slurp(b, "enterprises.csv", &nb);
	assert_true(na != nb || memcmp(ca, cb, na) != 0);
	free(ca);
	free(cb);
	remove_dir(a);
	remove_dir(b);
}

/* libcsv callbacks: count fields per record, remember the first field and
 * every date-looking value */
struct parsed {
	size_t header_fields, fields, records, bad_records;
	int check_codes, bad_codes;
	char prev_id[64];
	size_t unsorted;            /* rows whose id is not above the previous one */
	char last_date[11];
	char max_date[11];
	int date_column_ok;
};

static void on_field(void *s, size_t n, void *data)
{
	struct parsed *p = data;
	const char *f = s;

	/* ids ascend, in the order export writes the records */
	if (p->records > 0 && p->fields == 0) {
		char id[64] = "";
		memcpy(id, f, n < sizeof id - 1 ? n : sizeof id - 1);
		if (p->records > 1 && strcmp(id, p->prev_id) <= 0)
			p->unsorted++;
		memcpy(p->prev_id, id, sizeof id);
	}
	if (p->records > 0 && p->fields == 0 && p->check_codes) {
		char code[19] = "";
		if (n == 18)
			memcpy(code, f, 18);
		if (st_uscc_validate(code, NULL, NULL) != ST_USCC_OK)
			p->bad_codes++;
	}
	/* a record's own date: YYYY-MM-DD as a whole field in a date column
	 * such as inspections' third; we keep the latest seen */
	if (p->records > 0 && p->fields == 2 && n == 10 && f[4] == '-' && f[7] == '-') {
		char d[11];
		memcpy(d, f, 10);
		d[10] = 0;
		if (strcmp(d, p->max_date) > 0)
			memcpy(p->max_date, d, 11);
	}
	p->fields++;
}

static void on_record(int c, void *data)
{
	struct parsed *p = data;
	(void)c;

	if (p->records == 0)
		p->header_fields = p->fields;
	else if (p->fields != p->header_fields)
		p->bad_records++;
	p->records++;
	p->fields = 0;
}

static void parse_file(const char *dir, const char *name, struct parsed *p)
{
	struct csv_parser parser;
	size_t n;
	char *text = slurp(dir, name, &n);

	assert_int_equal(csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
	assert_int_equal(csv_parse(&parser, text, n, on_field, on_record, p), n);
	assert_int_equal(csv_fini(&parser, on_field, on_record, p), 0);
	csv_free(&parser);
	free(text);
}

/* every file parses as strict RFC 4180 with as many fields per row as its
 * header names, and the row counts match the stats; a larger dossier so
 * that quoted fields (commas and quotes in notes, minutes, product names)
 * occur */
static void test_generate_wellformed(void **state)
{
	struct st_generate_opts o;
	struct st_generate_stats stats;
	(void)state;

	st_generate_opts_init(&o);
	o.enterprises = 60;
	o.years = 4;
	o.seed = 3;
	o.park_size = 1;            /* more parks than counties: ids stay sorted */
	char *dir = generate(&o, &stats);
	for (int i = 0; i < ST_KIND_COUNT; i++) {
		struct parsed p = { 0 };
		p.check_codes = i == ST_ENTERPRISE;
		parse_file(dir, st_kind_info(i)->file, &p);
		assert_true(p.header_fields >= 4);
		assert_int_equal(p.bad_records, 0);
		assert_int_equal(p.records - 1, stats.rows[i]);
		assert_int_equal(p.bad_codes, 0);
		assert_int_equal(p.unsorted, 0);
		if (i == ST_INSPECTION || i == ST_MEETING || i == ST_DRILL)
			assert_true(strcmp(p.max_date, "2026-11-28") <= 0);
	}
	assert_int_equal(stats.rows[ST_ENTERPRISE], 60);
	assert_int_equal(stats.rows[ST_PARK], 60);
	assert_true(stats.rows[ST_INSPECTION] > 60 * 4 * 3);   /* most quarters */
	assert_true(stats.rows[ST_HAZARD] > 0);
	assert_true(stats.rows[ST_WORKER] >= 60 * 5);
	assert_true(stats.rows[ST_LETTER] > 0);
	/* revision 2: producers' licences, a waiver now and then */
	assert_true(stats.rows[ST_LICENCE] > 0);
	assert_true(stats.rows[ST_WAIVER] < stats.rows[ST_ENTERPRISE]);

	/* a field holding a comma or a quote came out quoted */
	size_t n;
	char *meet = slurp(dir, "meetings.csv", &n);
	char *insp = slurp(dir, "inspections.csv", &n);
	assert_true(strstr(meet, "\"传达\"\"安全生产月\"\"活动方案, 部署汛期安全工作\"") ||
		    strstr(insp, "\"现场\"\"三违\"\"行为已当场纠正, 未发现隐患\""));
	free(meet);
	free(insp);
	remove_dir(dir);
}

/* the span ends at --until: a dossier up to mid-2020 holds nothing later */
static void test_generate_until(void **state)
{
	struct st_generate_opts o;
	struct parsed p = { 0 };
	(void)state;

	small_opts(&o, 11);
	o.until = st_day_from_ymd(2020, 6, 30);
	char *dir = generate(&o, NULL);
	parse_file(dir, "inspections.csv", &p);
	assert_true(p.records > 1);
	assert_true(strcmp(p.max_date, "2020-06-30") <= 0);
	assert_true(strcmp(p.max_date, "2018-01-01") >= 0);
	remove_dir(dir);
}

static void progress(void *arg, unsigned long done, unsigned long total)
{
	unsigned long *last = arg;

	assert_true(done > *last);
	assert_true(done <= total);
	*last = done;
}

static void test_generate_progress(void **state)
{
	struct st_generate_opts o;
	unsigned long last = 0;
	(void)state;

	small_opts(&o, 1);
	o.enterprises = 7;
	o.progress = progress;
	o.progress_arg = &last;
	char *dir = generate(&o, NULL);
	assert_int_equal(last, 7);
	remove_dir(dir);
}

static void expect_bad_opts(const struct st_generate_opts *o, const char *text)
{
	struct st_diag diag = ST_DIAG_INIT;

	assert_int_equal(st_generate("/nonexistent-dir", o, NULL, &diag), -1);
	assert_int_equal(diag.count, 1);
	assert_non_null(strstr(diag.line[0], text));
	st_diag_release(&diag);
}

static void test_generate_bad_options(void **state)
{
	struct st_generate_opts o;
	(void)state;

	small_opts(&o, 1);
	o.enterprises = 0;
	expect_bad_opts(&o, "企业数");
	small_opts(&o, 1);
	o.years = 0;
	expect_bad_opts(&o, "年数");
	o.years = ST_GENERATE_MAX_YEARS + 1;
	expect_bad_opts(&o, "年数");
	small_opts(&o, 1);
	o.park_size = 0;
	expect_bad_opts(&o, "园区");
}

static void test_generate_unwritable(void **state)
{
	struct st_generate_opts o;
	struct st_diag diag = ST_DIAG_INIT;
	(void)state;

	small_opts(&o, 1);
	assert_int_equal(st_generate("/nonexistent-dir/sub", &o, NULL, &diag), -1);
	assert_int_equal(diag.count, 1);
	assert_non_null(strstr(diag.line[0], "/nonexistent-dir/sub/parks.csv: 无法写入"));
	st_diag_release(&diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generate_same_seed_same_bytes),
		cmocka_unit_test(test_generate_other_seed_differs),
		cmocka_unit_test(test_generate_wellformed),
		cmocka_unit_test(test_generate_until),
		cmocka_unit_test(test_generate_progress),
		cmocka_unit_test(test_generate_bad_options),
		cmocka_unit_test(test_generate_unwritable),
	};
	return cmocka_run_group_tests_name("generate", tests, NULL, NULL);
}
