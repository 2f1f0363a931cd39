/*
 * test_record.c — the recording layer: create, edit (patch), the hazard
 * lifecycle, guard rails, field-level errors, history with who and why.
 */
#include "st_test.h"

#include <unistd.h>

#include "st_record.h"
#include "st_store.h"
#include "st_values.h"

#define E1 "91654200MA7A1B2C3W"

struct fx {
	char dir[64];
	char path[128];
	sqlite3 *db;
	struct st_record_result r;
};

static const struct st_change officer = { "wang", NULL, NULL, 0, "2026-06-30", NULL, NULL };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void ok(struct fx *f, int rc)
{
	if (rc != ST_RECORD_OK)
		fail_msg("status %d: %s: %s", rc,
			 f->r.nerrors && f->r.errors[0].column ? f->r.errors[0].column : "-",
			 f->r.nerrors ? f->r.errors[0].message : "-");
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct st_diag d = ST_DIAG_INIT;
	const struct st_field park[] = {
		{ "id", "P1" }, { "name", "塔城经济技术开发区" }, { "established", "2019/5/1" },
	};
	const struct st_field ent[] = {
		{ "id", E1 }, { "企业名称", "塔城化工有限公司" }, { "park", "P1" },
		{ "employees", "420" }, { "hazchem", "hazardous" }, { "status", "operating" },
		{ "operating_since", "2020-03-01" },
	};
	const struct st_field insp[] = {
		{ "id", "INSP-1" }, { "enterprise", E1 }, { "date", "2026-03-10" },
		{ "kind", "quarterly" }, { "item1", "pass" }, { "item2", "pass" }, { "item3", "pass" },
		{ "item4", "pass" }, { "item5", "fail" }, { "item6", "pass" }, { "item7", "pass" },
		{ "item8", "na" }, { "item9", "pass" }, { "item10", "pass" }, { "item11", "pass" },
		{ "item12", "pass" }, { "item13", "na" },
	};

	strcpy(f->dir, "/tmp/st-record-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/park.db", f->dir);
	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	f->r = (struct st_record_result)ST_RECORD_RESULT_INIT;
	ok(f, st_record_create(f->db, ST_PARK, park, N(park), &officer, &f->r));
	ok(f, st_record_create(f->db, ST_ENTERPRISE, ent, N(ent), &officer, &f->r));
	ok(f, st_record_create(f->db, ST_INSPECTION, insp, N(insp), &officer, &f->r));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[200];

	st_record_result_release(&f->r);
	st_store_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const char *value(struct fx *f, const char *col)
{
	const char *v = st_record_value(&f->r, col);
	return v ? v : "(null)";
}

static void add_hazard(struct fx *f, const char *grade)
{
	const struct st_field h[] = {
		{ "enterprise", E1 }, { "found", "2026/3/10" }, { "description", "消防通道堵塞" },
		{ "grade", grade }, { "inspection", "INSP-1" }, { "item", "5" }, { "owner", "赵强" },
	};
	ok(f, st_record_create(f->db, ST_HAZARD, h, N(h), &officer, &f->r));
}

static void test_create_normalises(void **state)
{
	struct fx *f = *state;

	add_hazard(f, "MAJOR");
	assert_int_equal(f->r.put, ST_PUT_INSERTED);
	assert_string_equal(value(f, "id"), "HAZ-" E1 "-2026-03-10-1");
	assert_string_equal(value(f, "grade"), "major");
	assert_string_equal(value(f, "found"), "2026-03-10");
	assert_int_equal(count(f->db, "SELECT count(*) FROM created WHERE tbl = 'hazards'"
				      " AND who = 'wang' AND command = 'create'"), 1);
}

static void test_field_errors(void **state)
{
	struct fx *f = *state;
	const struct st_field h[] = {
		{ "enterprise", E1 }, { "found", "2026-13-10" }, { "grade", "minor" }, { "colour", "red" },
	};

	assert_int_equal(st_record_create(f->db, ST_HAZARD, h, 3, &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_int_equal(f->r.nerrors, 3);
	assert_string_equal(f->r.errors[0].column, "found");
	assert_string_equal(f->r.errors[0].message,
			    "值 '2026-13-10' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）");
	/* each message in English beside the Chinese (st_msg.h) */
	assert_string_equal(f->r.errors[0].message_en,
			    "value '2026-13-10' is not a valid date (YYYY-MM-DD or YYYY/M/D)");
	assert_string_equal(f->r.errors[1].column, "description");
	assert_string_equal(f->r.errors[1].message, "必填，不能为空");
	assert_string_equal(f->r.errors[1].message_en, "required, cannot be empty");
	assert_string_equal(f->r.errors[2].column, "grade");
	assert_string_equal(f->r.errors[2].message, "值 'minor' 不是 general、major 之一");
	assert_string_equal(f->r.errors[2].message_en, "value 'minor' is not one of general, major");
	assert_null(f->r.values);
	/* an unknown column is the field's error too, and nothing is written */
	assert_int_equal(st_record_create(f->db, ST_HAZARD, h, 4, &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_string_equal(f->r.errors[0].column, "colour");
	assert_string_equal(f->r.errors[0].message, "隐患没有“colour”这一项");
	assert_string_equal(f->r.errors[0].message_en, "a hazard has no column 'colour'");
	assert_int_equal(count(f->db, "SELECT count(*) FROM hazards"), 0);
	/* nobody */
	const struct st_change anon = { NULL, NULL, NULL, 0, NULL, NULL, NULL };
	assert_int_equal(st_record_create(f->db, ST_HAZARD, h, 3, &anon, &f->r),
			 ST_RECORD_INVALID);
	assert_null(f->r.errors[0].column);
}

static void test_edit_is_a_patch(void **state)
{
	struct fx *f = *state;
	const struct st_field four[] = {
		{ "measures", "清理通道" }, { "funds", "500" }, { "deadline", "2026/3/20" },
	};
	const struct st_change why = { "li", "补全四落实", NULL, 0, "2026-06-30", NULL, NULL };

	add_hazard(f, "general");
	ok(f, st_record_edit(f->db, ST_HAZARD, "HAZ-" E1 "-2026-03-10-1", four, N(four), &why,
			     &f->r));
	assert_int_equal(f->r.put, ST_PUT_UPDATED);
	assert_string_equal(value(f, "owner"), "赵强");         /* kept */
	assert_string_equal(value(f, "inspection"), "INSP-1");  /* kept */
	assert_string_equal(value(f, "deadline"), "2026-03-20");
	assert_int_equal(count(f->db, "SELECT count(*) FROM history WHERE who = 'li'"
				      " AND why = '补全四落实' AND command = 'edit'"), 1);
	/* the same again: nothing written */
	ok(f, st_record_edit(f->db, ST_HAZARD, "HAZ-" E1 "-2026-03-10-1", four, N(four), &why,
			     &f->r));
	assert_int_equal(f->r.put, ST_PUT_UNCHANGED);
	assert_int_equal(count(f->db, "SELECT count(*) FROM history"), 1);
	/* id cannot change; unknown id */
	const struct st_field id[] = { { "id", "X" } };
	assert_int_equal(st_record_edit(f->db, ST_HAZARD, "HAZ-" E1 "-2026-03-10-1", id, 1, &why,
					&f->r), ST_RECORD_INVALID);
	assert_int_equal(st_record_edit(f->db, ST_HAZARD, "HAZ-404", four, 1, &why, &f->r),
			 ST_RECORD_NOT_FOUND);
	assert_string_equal(f->r.errors[0].message, "隐患 HAZ-404 不存在");
}

static void test_hazard_lifecycle(void **state)
{
	struct fx *f = *state;
	const char *id = "HAZ-" E1 "-2026-03-10-1";
	const struct st_change reopen = { "wang", "复查发现仍堵塞", NULL, 0, "2026-06-30", NULL, NULL };
	const struct st_change noreason = { "wang", NULL, NULL, 0, "2026-06-30", NULL, NULL };

	add_hazard(f, "major");
	assert_int_equal(st_hazard_state((const char *const *)f->r.values), ST_HAZARD_REGISTERED);
	/* a major hazard without 四落实 and verifier does not close */
	assert_int_equal(st_hazard_close(f->db, id, "2026-03-18", NULL, &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_int_equal(f->r.nerrors, 2);
	assert_string_equal(f->r.errors[0].message,
			    "重大隐患 " "HAZ-" E1 "-2026-03-10-1" " 的四落实不全（缺整改措施、整改资金、整改期限），不能销号");
	assert_string_equal(f->r.errors[1].column, "verified_by");
	const struct st_field four[] = {
		{ "measures", "清理" }, { "funds", "500" }, { "deadline", "2026-03-20" },
	};
	ok(f, st_record_edit(f->db, ST_HAZARD, id, four, N(four), &officer, &f->r));
	assert_int_equal(st_hazard_state((const char *const *)f->r.values), ST_HAZARD_PLANNED);
	ok(f, st_hazard_rectify(f->db, id, "2026-03-17", "通道已清理，附照片", &officer, &f->r));
	assert_int_equal(st_hazard_state((const char *const *)f->r.values), ST_HAZARD_RECTIFIED);
	ok(f, st_hazard_close(f->db, id, "2026-03-18", "张三", &officer, &f->r));
	assert_int_equal(st_hazard_state((const char *const *)f->r.values), ST_HAZARD_CLOSED);
	assert_int_equal(st_hazard_close(f->db, id, "2026-03-19", "张三", &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_int_equal(st_hazard_reopen(f->db, id, &noreason, &f->r), ST_RECORD_INVALID);
	ok(f, st_hazard_reopen(f->db, id, &reopen, &f->r));
	assert_string_equal(value(f, "closed"), "(null)");
	assert_string_equal(value(f, "rectified"), "(null)");
	assert_string_equal(value(f, "measures"), "清理");
	assert_int_equal(st_hazard_state((const char *const *)f->r.values), ST_HAZARD_PLANNED);
}

static int on_version(void *ctx, const struct st_version *v)
{
	char *log = ctx;
	size_t n = strlen(log);
	snprintf(log + n, 1000 - n, "%s/%s/%s/[%s];", v->who ? v->who : "?",
		 v->command ? v->command : "?", v->why ? v->why : "", v->changed);
	return 0;
}

static void test_history(void **state)
{
	struct fx *f = *state;
	const char *id = "HAZ-" E1 "-2026-03-10-1";
	const struct st_change li = { "li", "改期", NULL, 0, "2026-06-30", NULL, NULL };
	const struct st_field d[] = { { "deadline", "2026-04-01" } };
	char log[1000] = "";
	struct st_diag diag = ST_DIAG_INIT;

	add_hazard(f, "general");
	ok(f, st_record_edit(f->db, ST_HAZARD, id, d, 1, &li, &f->r));
	ok(f, st_hazard_close(f->db, id, "2026-03-18", NULL, &officer, &f->r));
	assert_int_equal(st_record_history(f->db, ST_HAZARD, id, on_version, log, &diag), 3);
	assert_string_equal(log, "wang/create//[];li/edit/改期/[deadline];"
				 "wang/hazard close//[closed];");
	assert_int_equal(st_record_history(f->db, ST_HAZARD, "HAZ-404", on_version, log, &diag), 0);
}

static void test_guard_rails(void **state)
{
	struct fx *f = *state;
	const struct st_field future[] = {
		{ "enterprise", E1 }, { "found", "2026-07-02" }, { "description", "x" },
		{ "grade", "general" },
	};
	const struct st_field passed[] = {
		{ "enterprise", E1 }, { "found", "2026-03-10" }, { "description", "x" },
		{ "grade", "general" }, { "inspection", "INSP-1" }, { "item", "4" },
	};
	const struct st_change force = { "wang", NULL, NULL, ST_FORCE_FUTURE, "2026-06-30", NULL, NULL };

	assert_int_equal(st_record_create(f->db, ST_HAZARD, future, N(future), &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_string_equal(f->r.errors[0].column, "found");
	assert_string_equal(f->r.errors[0].message,
			    "发现日期 2026-07-02 晚于明天（今天是 2026-06-30）；确属未来日期请用 --force 强制登记");
	assert_string_equal(f->r.errors[0].message_en,
			    "found 2026-07-02 is after tomorrow (today is 2026-06-30); "
			    "if it really is, record it with --force");
	assert_int_equal(count(f->db, "SELECT count(*) FROM hazards"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM created WHERE tbl = 'hazards'"), 0);
	ok(f, st_record_create(f->db, ST_HAZARD, future, N(future), &force, &f->r));

	assert_int_equal(st_record_create(f->db, ST_HAZARD, passed, N(passed), &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_string_equal(f->r.errors[0].column, "item");
	assert_string_equal(f->r.errors[0].message,
			    "检查 INSP-1 的第 4 项结果为合格，不能由它登记隐患（请核对检查项）");
	assert_string_equal(f->r.errors[0].message_en,
			    "inspection INSP-1 found item 4 pass, not fail: it cannot raise a hazard "
			    "(check the item)");

	const struct st_field dup[] = {
		{ "enterprise", E1 }, { "date", "2026-03-10" }, { "kind", "quarterly" },
		{ "item1", "pass" }, { "item2", "pass" }, { "item3", "pass" }, { "item4", "pass" },
		{ "item5", "pass" }, { "item6", "pass" }, { "item7", "pass" }, { "item8", "pass" },
		{ "item9", "pass" }, { "item10", "pass" }, { "item11", "pass" }, { "item12", "pass" },
		{ "item13", "pass" },
	};
	assert_int_equal(st_record_create(f->db, ST_INSPECTION, dup, N(dup), &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_string_equal(f->r.errors[0].message,
			    "企业 " E1 " 在 2026-03-10 已有一次同类检查（INSP-1）；确属另一次检查请用 --force 登记");
	assert_int_equal(count(f->db, "SELECT count(*) FROM inspections"), 1);
}

static void test_void(void **state)
{
	struct fx *f = *state;
	const char *id = "HAZ-" E1 "-2026-03-10-1";
	const struct st_change why = { "wang", "重复登记", NULL, 0, "2026-06-30", NULL, NULL };

	add_hazard(f, "general");
	assert_int_equal(st_record_void(f->db, ST_HAZARD, id, "2026-04-01", &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_string_equal(f->r.errors[0].column, "void_reason");
	ok(f, st_record_void(f->db, ST_HAZARD, id, "2026/4/1", &why, &f->r));
	assert_string_equal(value(f, "voided"), "2026-04-01");
	assert_string_equal(value(f, "void_reason"), "重复登记");
	assert_int_equal(st_hazard_state((const char *const *)f->r.values), ST_HAZARD_VOIDED);
	/* a voided hazard has no lifecycle left */
	assert_int_equal(st_hazard_close(f->db, id, "2026-04-02", "张三", &officer, &f->r),
			 ST_RECORD_INVALID);
	assert_int_equal(st_record_void(f->db, ST_ENTERPRISE, E1, NULL, &why, &f->r),
			 ST_RECORD_INVALID);
	assert_string_equal(f->r.errors[0].message, "企业不能作废（只能修改）");
	assert_int_equal(count(f->db, "SELECT count(*) FROM hazards WHERE voided IS NOT NULL"), 1);
}

/* docs/values.md lists st_value_names row by row: English, 中文, the other
 * accepted words joined by 、 (— for none) */
static void test_values_documented(void **state)
{
	FILE *fp = fopen("docs/values.md", "r");
	char line[1024];
	size_t n = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		char en[64], zh[64], also[256], want[256] = "";
		if (sscanf(line, "| `%63[^`]` | %63[^ |] | %255[^|]|", en, zh, also) != 3)
			continue;
		also[strcspn(also, " ")] = '\0';
		const struct st_value_name *v = &st_value_names[n++];
		assert_non_null(v->en);
		assert_string_equal(en, v->en);
		assert_string_equal(zh, v->zh);
		for (const char *p = v->aliases; *p;) {
			size_t len = strcspn(p, " ");
			snprintf(want + strlen(want), sizeof want - strlen(want), "%s%.*s",
				 *want ? "、" : "", (int)len, p);
			p += len;
			p += *p == ' ';
		}
		assert_string_equal(also, *want ? want : "—");
		/* and the code reads it back */
		assert_string_equal(st_value_label(en), zh);
	}
	fclose(fp);
	assert_int_equal(n, 35);
	assert_null(st_value_names[n].en);
	assert_string_equal(st_value_from_zh("quarterly joint", "联席会议"), "joint");
	/* the checklist constant names the inspection columns it says */
	const struct st_kind_info *k = st_kind_info(ST_INSPECTION);
	assert_int_equal(st_column_find(k, "item1"), ST_ITEM_COL);
	assert_int_equal(st_column_find(k, "item13"), ST_ITEM_COL + ST_ITEMS - 1);
	assert_null(st_value_from_zh("general major", "季度"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_normalises, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_is_a_patch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hazard_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guard_rails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_void, setup, teardown),
		cmocka_unit_test(test_values_documented),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
