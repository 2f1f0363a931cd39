/*
 * test_dossier.c — CSV reading and writing, the validation of one record,
 * and import of the accepted alternative forms (BOM, CRLF, quoting, both
 * date forms, Chinese headers, 是/否).
 */
#include "st_test.h"

#include <unistd.h>

/* The library allocates with the C library (open_memstream, new ids) and
 * these tests free what it returns: use the real allocator throughout.
 * Leaks are caught by `make asan` and `make valgrind` instead. */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "st_csv.h"
#include "st_dossier.h"
#include "st_store.h"

#define E1 "91654200MA7A1B2C3W"
#define E2 "91654200MA7A1B2C40"

struct fx {
	char dir[64];
	sqlite3 *db;
	struct st_diag diag;
	/* records seen by collect() */
	int nrec;
	long line[16];
	char rec[16][256];    /* fields joined with '|' */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char path[128];

	strcpy(f->dir, "/tmp/st-dossier-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(path, sizeof path, "%s/park.db", f->dir);
	assert_int_equal(st_store_open(path, ST_STORE_WRITE, &f->db, &f->diag), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[200];

	st_store_close(f->db);
	st_diag_release(&f->diag);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* write n bytes to DIR/name; returns the path in a static buffer */
static const char *put_file(struct fx *f, const char *name, const char *data, size_t n)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, n, fp), n);
	fclose(fp);
	return path;
}

#define PUT(f, name, lit) put_file(f, name, lit, sizeof lit - 1)

static int collect(void *ctx, long line, size_t n, char **fields)
{
	struct fx *f = ctx;
	char *r = f->rec[f->nrec];

	assert_true(f->nrec < 16);
	f->line[f->nrec] = line;
	r[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(r, fields[i]);
		if (i + 1 < n)
			strcat(r, "|");
	}
	f->nrec++;
	return 0;
}

static void test_csv_bom_crlf(void **state)
{
	struct fx *f = *state;
	const char *p = PUT(f, "a.csv", "\xEF\xBB\xBFid,name\r\nP1,甲\r\nP2,乙\r\n");

	assert_int_equal(st_csv_read(p, "a.csv", collect, f, &f->diag), 0);
	assert_int_equal(f->nrec, 3);
	assert_string_equal(f->rec[0], "id|name");
	assert_string_equal(f->rec[1], "P1|甲");
	assert_string_equal(f->rec[2], "P2|乙");
	assert_int_equal(f->line[2], 3);
}

static void test_csv_quoting_and_lines(void **state)
{
	struct fx *f = *state;
	/* a quoted cell over three lines, a blank line, spaces kept, no final newline */
	const char *p = PUT(f, "a.csv", "id,note\n1,\"one\ntwo, \"\"2\"\"\n\nthree\"\n\n2, spaced \n3,last");

	assert_int_equal(st_csv_read(p, "a.csv", collect, f, &f->diag), 0);
	assert_int_equal(f->nrec, 4);
	assert_string_equal(f->rec[1], "1|one\ntwo, \"2\"\n\nthree");
	assert_int_equal(f->line[1], 2);
	assert_string_equal(f->rec[2], "2| spaced ");
	assert_int_equal(f->line[2], 7);
	assert_string_equal(f->rec[3], "3|last");
	assert_int_equal(f->line[3], 8);
}

static void test_csv_formula_guard_read(void **state)
{
	struct fx *f = *state;
	const char *p = PUT(f, "a.csv", "a,b,c,d,e\n'=1,''=2,'x,',-'@\n");

	assert_int_equal(st_csv_read(p, "a.csv", collect, f, &f->diag), 0);
	assert_string_equal(f->rec[1], "=1|'=2|'x|'|-'@");
}

static void test_csv_not_text(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *data;
		size_t n;
		const char *msg, *en;
	} cases[] = {
		{ "id\nP\0\n", 5, "a.csv:2: 含有 NUL 字节，不是文本 CSV 文件",
		  "a.csv:2: holds a NUL byte: not a text CSV file" },
		{ "id\nP\xC3\x28\n", 6, "a.csv:2: 第 2 个字节起不是有效的 UTF-8 编码（请以“CSV UTF-8”格式保存）",
		  "a.csv:2: not valid UTF-8 from byte 2 on (save it as \"CSV UTF-8\")" },
		{ "id\n\xED\xA0\x80\n", 6, "a.csv:2: 第 1 个字节起不是有效的 UTF-8 编码（请以“CSV UTF-8”格式保存）", NULL },
		{ "id\n\xC0\xAF\n", 5, "a.csv:2: 第 1 个字节起不是有效的 UTF-8 编码（请以“CSV UTF-8”格式保存）", NULL },
		{ "id,x\nP,\"a\"b\n", 11, "a.csv:2: 引号使用不符合 CSV 规范（RFC 4180）：引号须包住整个单元格，单元格内的引号要写成两个 \"\"", NULL },
		{ "id,x\nP,\"ab\n\n", 11, "a.csv:2: 文件在引号内结束，缺少闭合的引号",
		  "a.csv:2: the file ends inside quotes: a closing quote is missing" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *p = put_file(f, "a.csv", cases[i].data, cases[i].n);
		assert_int_equal(st_csv_read(p, "a.csv", collect, f, &f->diag), -1);
		assert_int_equal(f->diag.count, 1);
		assert_string_equal(f->diag.line[0], cases[i].msg);
		if (cases[i].en)
			assert_string_equal(st_diag_line_en(&f->diag, 0), cases[i].en);
		st_diag_release(&f->diag);
		f->nrec = 0;
	}
}

static void test_csv_line_too_long(void **state)
{
	struct fx *f = *state;
	size_t n = ST_CSV_MAX_LINE + 10;
	char *big = malloc(n);
	const char *p;

	memcpy(big, "id\n", 3);
	memset(big + 3, 'x', n - 4);
	big[n - 1] = '\n';
	p = put_file(f, "a.csv", big, n);
	free(big);
	assert_int_equal(st_csv_read(p, "a.csv", collect, f, &f->diag), -1);
	assert_string_equal(f->diag.line[0], "a.csv:2: 行超过 1048576 字节，不是正常的 CSV 文件");
	/* the header was read before the bad line */
	assert_int_equal(f->nrec, 1);
}

static void test_csv_missing_file(void **state)
{
	struct fx *f = *state;

	assert_int_equal(st_csv_read("/nonexistent/x.csv", "x.csv", collect, f, &f->diag), -1);
	assert_non_null(strstr(f->diag.line[0], "x.csv: 无法打开"));
}

static void test_csv_put_field(void **state)
{
	static const char *const cases[][2] = {
		{ "plain", "plain" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "=SUM(A1)", "'=SUM(A1)" },
		{ "+1", "'+1" },
		{ "-x", "'-x" },
		{ "@cmd", "'@cmd" },
		{ "'=already", "''=already" },
		{ "'plain", "'plain" },
		{ "=a,b", "\"'=a,b\"" },
		{ "", "" },
	};
	char *buf;
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		FILE *m = open_memstream(&buf, &n);
		assert_int_equal(st_csv_put_field(m, cases[i][0]), 0);
		fclose(m);
		assert_string_equal(buf, cases[i][1]);
		/* and reading it back gives the value again */
		if (!strpbrk(cases[i][1], "\""))
			assert_string_equal(st_csv_unguard(buf), cases[i][0]);
		free(buf);
	}
}

static void test_utf8_valid(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_true(st_utf8_valid("园区 ok", strlen("园区 ok"), NULL));
	assert_true(st_utf8_valid("\xF0\x9F\x98\x80", 4, NULL));
	assert_false(st_utf8_valid("ab\xE5\x9B", 4, &bad));   /* cut short */
	assert_int_equal(bad, 2);
	assert_false(st_utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* above U+10FFFF */
	assert_false(st_utf8_valid("\xE0\x80\xAF", 3, &bad));    /* overlong */
	assert_false(st_utf8_valid("\xFF", 1, &bad));
}

static void test_kind_and_column_find(void **state)
{
	const struct st_kind_info *e = st_kind_info(ST_ENTERPRISE);

	(void)state;
	assert_int_equal(st_kind_find("hazards"), ST_HAZARD);
	assert_int_equal(st_kind_find("hazard"), ST_HAZARD);
	assert_int_equal(st_kind_find("hazards.csv"), ST_HAZARD);
	assert_int_equal(st_kind_find("inspection.csv"), -1);
	assert_int_equal(st_column_find(e, "operating_since"), 9);
	assert_int_equal(st_column_find(e, "operating-since"), 9);
	assert_int_equal(st_column_find(e, "Operating_Since"), 9);
	assert_int_equal(st_column_find(e, "投产日期"), 9);
	assert_int_equal(st_column_find(e, "统一社会信用代码"), 0);
	assert_int_equal(st_column_find(e, "operating"), -1);
	/* every kind starts with id, and no two columns share a name or label */
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		const struct st_kind_info *info = st_kind_info(k);
		assert_string_equal(info->cols[0].name, "id");
		assert_true(info->ncols <= ST_MAX_COLS);
		for (int i = 0; i < info->ncols; i++) {
			assert_int_equal(st_column_find(info, info->cols[i].name), i);
			assert_int_equal(st_column_find(info, info->cols[i].label), i);
		}
	}
}

static void seed(struct fx *f)
{
	char *msg = NULL;
	int rc = sqlite3_exec(f->db,
		"INSERT INTO parks (id, name, established) VALUES ('P1', '园区', '2020-01-01');"
		"INSERT INTO enterprises (id, name, park, employees, hazchem, status, operating_since)"
		" VALUES ('" E1 "', '甲', 'P1', 10, 'none', 'operating', '2021-01-01')",
		NULL, NULL, &msg);
	if (rc)
		fail_msg("%s", msg);
}

/* put one record given as name=value pairs; returns the result */
static enum st_put put(struct fx *f, enum st_kind kind, const char *const *pairs)
{
	const struct st_kind_info *k = st_kind_info(kind);
	const char *values[ST_MAX_COLS] = { 0 };
	struct st_recorder *r;
	enum st_put res;

	for (; *pairs; pairs += 2) {
		int c = st_column_find(k, pairs[0]);
		assert_true(c >= 0);
		values[c] = pairs[1];
	}
	assert_int_equal(st_recorder_new(f->db, &r, &f->diag), 0);
	assert_int_equal(st_recorder_put(r, kind, values, "x.csv:2", &res, &f->diag), 0);
	st_recorder_free(r);
	return res;
}

static void test_put_results(void **state)
{
	struct fx *f = *state;
	const char *rec[] = { "id", "W1", "enterprise", E1, "name", "马超", "hired", "2025/1/5",
			      NULL };
	const char *changed[] = { "id", "W1", "enterprise", E1, "name", "马超", "hired",
				  " 2025-01-06 ", NULL };
	char **v;

	seed(f);
	assert_int_equal(put(f, ST_WORKER, rec), ST_PUT_INSERTED);
	assert_int_equal(put(f, ST_WORKER, rec), ST_PUT_UNCHANGED);
	assert_int_equal(put(f, ST_WORKER, changed), ST_PUT_UPDATED);
	assert_int_equal(f->diag.count, 0);
	assert_int_equal(st_record_load(f->db, ST_WORKER, "W1", &v, &f->diag), 0);
	assert_string_equal(v[3], "2025-01-06");
	assert_null(v[4]);
	st_values_free(v, st_kind_info(ST_WORKER)->ncols);
	assert_int_equal(st_record_load(f->db, ST_WORKER, "W9", &v, &f->diag), 1);
}

static void test_put_canonical_forms(void **state)
{
	struct fx *f = *state;
	const char *acc[] = { "id", "A1", "enterprise", E1, "occurred", "2026-3-4 9:05", NULL };
	const char *acc2[] = { "id", "A1", "enterprise", E1, "occurred", "2026-03-04 09:05",
			       "deaths", " 0 ", "form_filed", "2026/3/7", NULL };
	const char *ent[] = { "id", E2, "name", "乙", "park", "P1", "employees", "3",
			      "hazchem", "Highly-Toxic", "major_hazard", "是",
			      "committee_member", "否", "status", "construction", NULL };
	char **v;

	seed(f);
	/* one-digit hour is not a time form the dossier accepts */
	assert_int_equal(put(f, ST_ACCIDENT, acc), ST_PUT_REJECTED);
	assert_string_equal(f->diag.line[0], "x.csv:2: column occurred: 值 '2026-3-4 9:05' 不是有效时间"
					     "（应为 YYYY-MM-DDTHH:MM 或 YYYY-MM-DD HH:MM）");
	assert_int_equal(put(f, ST_ACCIDENT, acc2), ST_PUT_INSERTED);
	assert_int_equal(st_record_load(f->db, ST_ACCIDENT, "A1", &v, &f->diag), 0);
	assert_string_equal(v[2], "2026-03-04T09:05");
	assert_string_equal(v[3], "0");
	assert_string_equal(v[7], "2026-03-07");
	st_values_free(v, st_kind_info(ST_ACCIDENT)->ncols);

	assert_int_equal(put(f, ST_ENTERPRISE, ent), ST_PUT_INSERTED);
	assert_int_equal(st_record_load(f->db, ST_ENTERPRISE, E2, &v, &f->diag), 0);
	assert_string_equal(v[5], "highly-toxic");
	assert_string_equal(v[6], "yes");
	assert_string_equal(v[10], "no");
	st_values_free(v, st_kind_info(ST_ENTERPRISE)->ncols);
}

static void test_put_messages(void **state)
{
	struct fx *f = *state;
	static const struct {
		enum st_kind kind;
		const char *pairs[16];
		const char *msg;
	} cases[] = {
		{ ST_ENTERPRISE,
		  { "id", "91654200MA7A1B2C3X", "name", "a", "park", "P1", "employees", "1",
		    "hazchem", "none", "status", "closed", NULL },
		  "x.csv:2: column id: 值 '91654200MA7A1B2C3X' 无效：统一社会信用代码校验位不正确（应为 W）" },
		{ ST_ENTERPRISE,
		  { "id", E2, "name", "a", "park", "P1", "employees", "1", "hazchem", "none",
		    "status", "operating", NULL },
		  "x.csv:2: column operating_since: 企业状态为 operating 时必须填写投产日期" },
		{ ST_ENTERPRISE,
		  { "id", E2, "name", "a", "park", "P9", "employees", "1", "hazchem", "none",
		    "status", "closed", NULL },
		  "x.csv:2: column park: 园区 'P9' 不存在（档案和数据库中都没有）" },
		{ ST_ENTERPRISE,
		  { "id", E2, "name", "a", "park", "P1", "employees", "1.5", "hazchem", "none",
		    "status", "closed", NULL },
		  "x.csv:2: column employees: 值 '1.5' 不是非负整数" },
		{ ST_ENTERPRISE,
		  { "id", E2, "name", "", "park", "P1", "employees", "1", "hazchem", "none",
		    "status", "closed", NULL },
		  "x.csv:2: column name: 必填，不能为空" },
		{ ST_ENTERPRISE,
		  { "id", E2, "name", "a", "park", "P1", "employees", "1", "hazchem", "none",
		    "status", "closed", "major_hazard", "Y", NULL },
		  "x.csv:2: column major_hazard: 值 'Y' 不是 yes、no（或 是、否）之一" },
		{ ST_HAZARD,
		  { "id", "H1", "enterprise", E1, "found", "2026-03-01", "description", "d",
		    "grade", "major", "item", "14", NULL },
		  "x.csv:2: column item: 值 '14' 不是 1 到 13 之间的整数" },
		{ ST_HAZARD,
		  { "id", "H1", "enterprise", E1, "found", "2026-03-01", "description", "d",
		    "grade", "major", "closed", "2026/2/1", NULL },
		  "x.csv:2: column closed: 销号日期 2026-02-01 早于发现日期 2026-03-01" },
		{ ST_HAZARD,
		  { "id", "H1", "enterprise", E1, "found", "2026-03-01", "description", "d",
		    "grade", "major", "inspection", "I9", NULL },
		  "x.csv:2: column inspection: 检查记录 'I9' 不存在（档案和数据库中都没有）" },
		{ ST_MEETING,
		  { "id", " M1", "park", "P1", "date", "2026-01-01", "kind", "joint", NULL },
		  "x.csv:2: column id: 编号 ' M1' 首尾不能有空格，也不能含有分号或控制字符" },
		{ ST_DRILL,
		  { "id", "D1", "park", "P1", "date", "2026-01-01", "participants",
		    E1 "; " E1, NULL },
		  "x.csv:2: column participants: 参演企业 '" E1 "' 重复列出" },
		{ ST_LETTER,
		  { "id", "L1", "park", "P1", "enterprise", E1, "year", "26", "signed",
		    "2026-01-01", NULL },
		  "x.csv:2: column year: 值 '26' 不是 1000 到 9999 之间的整数" },
	};

	seed(f);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(put(f, cases[i].kind, cases[i].pairs), ST_PUT_REJECTED);
		assert_int_equal(f->diag.count, 1);
		assert_string_equal(f->diag.line[0], cases[i].msg);
		st_diag_release(&f->diag);
	}
}

static void test_import_alternative_forms(void **state)
{
	struct fx *f = *state;
	struct st_import_stats stats;
	char **v;

	PUT(f, "parks.csv", "\xEF\xBB\xBF编号,园区名称,成立日期\r\nP1,塔城园区,2019/5/1\r\n");
	PUT(f, "enterprises.csv",
	    "统一社会信用代码,企业名称,所属园区,从业人员数,危险化学品类别,企业状态,投产日期,安委会成员\r\n"
	    E1 ",\"甲, 有限公司\",P1,12,none,operating,2020/3/1,是\r\n");
	PUT(f, "accidents.csv", "ID,Enterprise,Occurred\n" "A1," E1 ",2025-11-03 14:20\n");
	PUT(f, "README.txt", "not a dossier file, ignored\n");
	assert_int_equal(st_dossier_import(f->db, f->dir, NULL, &stats, NULL, NULL, &f->diag), 0);
	assert_int_equal(stats.rows[ST_PARK], 1);
	assert_int_equal(stats.inserted[ST_ENTERPRISE], 1);
	assert_int_equal(stats.present[ST_HAZARD], 0);
	assert_int_equal(st_record_load(f->db, ST_PARK, "P1", &v, &f->diag), 0);
	assert_string_equal(v[2], "2019-05-01");
	st_values_free(v, st_kind_info(ST_PARK)->ncols);
	assert_int_equal(st_record_load(f->db, ST_ENTERPRISE, E1, &v, &f->diag), 0);
	assert_string_equal(v[1], "甲, 有限公司");
	assert_string_equal(v[9], "2020-03-01");
	assert_string_equal(v[10], "yes");
	st_values_free(v, st_kind_info(ST_ENTERPRISE)->ncols);
	assert_int_equal(st_record_load(f->db, ST_ACCIDENT, "A1", &v, &f->diag), 0);
	assert_string_equal(v[2], "2025-11-03T14:20");
	st_values_free(v, st_kind_info(ST_ACCIDENT)->ncols);
}

static void test_import_rolls_back(void **state)
{
	struct fx *f = *state;
	struct st_import_stats stats;
	char **v;

	PUT(f, "parks.csv", "id,name,established\nP1,a,2019-05-01\nP2,b,2019-13-01\n");
	assert_int_equal(st_dossier_import(f->db, f->dir, NULL, &stats, NULL, NULL, &f->diag), -1);
	assert_int_equal(f->diag.count, 1);
	assert_string_equal(f->diag.line[0], "parks.csv:3: column established: 值 '2019-13-01' "
					     "不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）");
	/* the same line in English, beside it (st_msg.h) */
	assert_string_equal(st_diag_line_en(&f->diag, 0), "parks.csv:3: column established: value "
			    "'2019-13-01' is not a valid date (YYYY-MM-DD or YYYY/M/D)");
	assert_int_equal(st_record_load(f->db, ST_PARK, "P1", &v, &f->diag), 1);
	assert_true(sqlite3_get_autocommit(f->db));
}

/* file and header problems in both languages; the file names come from the
 * kinds table (revision 2's licences.csv and waivers.csv included) */
static void test_import_messages_both_languages(void **state)
{
	struct fx *f = *state;
	struct st_import_stats stats;
	char zh[1024], en[1024], path[300], **v;

	PUT(f, "inspection.csv", "id\n");
	assert_int_equal(st_dossier_import(f->db, f->dir, NULL, &stats, NULL, NULL, &f->diag), -1);
	assert_int_equal(f->diag.count, 1);
	snprintf(zh, sizeof zh, "%s/inspection.csv: 未知的档案文件（文件名应为 parks.csv、"
		 "enterprises.csv、inspections.csv、hazards.csv、evaluations.csv、projects.csv、"
		 "workers.csv、certificates.csv、equipment.csv、accidents.csv、meetings.csv、"
		 "drills.csv、letters.csv、licences.csv、waivers.csv 之一）", f->dir);
	snprintf(en, sizeof en, "%s/inspection.csv: not a dossier file (the names are parks.csv, "
		 "enterprises.csv, inspections.csv, hazards.csv, evaluations.csv, projects.csv, "
		 "workers.csv, certificates.csv, equipment.csv, accidents.csv, meetings.csv, "
		 "drills.csv, letters.csv, licences.csv, waivers.csv)", f->dir);
	assert_string_equal(f->diag.line[0], zh);
	assert_string_equal(st_diag_line_en(&f->diag, 0), en);
	st_diag_release(&f->diag);
	snprintf(path, sizeof path, "%s/inspection.csv", f->dir);
	assert_int_equal(unlink(path), 0);

	PUT(f, "parks.csv", "id,name,colour,name\nP1,a,red,a\n");
	assert_int_equal(st_dossier_import(f->db, f->dir, NULL, &stats, NULL, NULL, &f->diag), -1);
	assert_int_equal(f->diag.count, 3);
	assert_string_equal(f->diag.line[0], "parks.csv:1: column colour: 未知的列名");
	assert_string_equal(st_diag_line_en(&f->diag, 0), "parks.csv:1: column colour: no such column");
	assert_string_equal(f->diag.line[1], "parks.csv:1: column name: 与第 2 列重复（都是 name）");
	assert_string_equal(st_diag_line_en(&f->diag, 1),
			    "parks.csv:1: column name: the same as column 2 (both are name)");
	assert_string_equal(st_diag_line_en(&f->diag, 2),
			    "parks.csv:1: column established: a required column is missing");
	/* nothing written */
	assert_int_equal(st_record_load(f->db, ST_PARK, "P1", &v, &f->diag), 1);
}

static void test_new_id(void **state)
{
	struct fx *f = *state;
	const char *values[ST_MAX_COLS] = { NULL, E1, "2026/3/10" };
	const char *rec[] = { "id", "INSP-" E1 "-2026-03-10-1", "enterprise", E1, "date",
			      "2026-03-10", "kind", "special", "item1", "na", "item2", "na",
			      "item3", "na", "item4", "na", "item5", "na", "item6", "na",
			      "item7", "na", "item8", "na", "item9", "na", "item10", "na",
			      "item11", "na", "item12", "na", "item13", "na", NULL };
	char *id;

	seed(f);
	id = st_record_new_id(f->db, ST_INSPECTION, values, &f->diag);
	assert_string_equal(id, "INSP-" E1 "-2026-03-10-1");
	free(id);
	assert_int_equal(put(f, ST_INSPECTION, rec), ST_PUT_INSERTED);
	id = st_record_new_id(f->db, ST_INSPECTION, values, &f->diag);
	assert_string_equal(id, "INSP-" E1 "-2026-03-10-2");
	free(id);
	assert_null(st_record_new_id(f->db, ST_ENTERPRISE, values, &f->diag));
}

/* docs/dossier.md lists every column with its Chinese header, as the code has them */
static void test_docs_match_columns(void **state)
{
	FILE *fp = fopen("docs/dossier.md", "r");
	char line[512];
	int kind = -1, seen[ST_KIND_COUNT] = { 0 };

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		char name[64], label[64];
		if (!strncmp(line, "### ", 4)) {
			line[strcspn(line, "\n")] = '\0';
			kind = st_kind_find(line + 4);
			continue;
		}
		if (kind < 0 || line[0] != '|' || !strncmp(line, "| column", 8) ||
		    !strncmp(line, "|---", 4))
			continue;
		assert_int_equal(sscanf(line, "| %63[^ |]%*[^|]| %63[^ |]", name, label), 2);
		const struct st_kind_info *info = st_kind_info(kind);
		char *n = name;
		int required = !strncmp(n, "**", 2);
		if (required)
			n += 2;
		n[strcspn(n, "*")] = '\0';
		int c = st_column_find(info, n);
		if (c < 0)
			fail_msg("%s: no column %s", info->file, n);
		assert_string_equal(info->cols[c].label, label);
		assert_int_equal(info->cols[c].required, required);
		/* "item1 … item13" is one row for thirteen columns */
		if (!strcmp(n, "item1"))
			seen[kind] += 12;
		seen[kind]++;
	}
	fclose(fp);
	for (int k = 0; k < ST_KIND_COUNT; k++)
		assert_int_equal(seen[k], st_kind_info(k)->ncols);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_bom_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_quoting_and_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_formula_guard_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_not_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_line_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_missing_file, setup, teardown),
		cmocka_unit_test(test_csv_put_field),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_kind_and_column_find),
		cmocka_unit_test_setup_teardown(test_put_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_canonical_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_alternative_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_messages_both_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_id, setup, teardown),
		cmocka_unit_test(test_docs_match_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
