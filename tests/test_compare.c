/*
 * test_compare.c — what-if (st_compare): the per-rule summary that check's
 * text output and the park report's what-if section are both built from.
 *
 * First the summary alone on hand-made rows: the union of both packs'
 * rules, pairs of statuses (a side without a result, a due that alone
 * differs), subjects counted once each and by kind.  Then a real run on the
 * small dossier tests/data/dossier/good under a proposed tailoring that
 * changes one park rule, one enterprise rule and deselects a third.
 */
#include "st_test.h"

/* the library allocates with the C library and frees what these tests
 * hand it: use the real allocator throughout (leaks: make asan/valgrind) */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "st_compare.h"
#include "st_fixture.h"

static char A[] = "A", B[] = "B", C[] = "C", D[] = "D";
static struct st_rule rules_a[] = { { .id = A, .selected = 1 }, { .id = B, .selected = 1 },
				    { .id = C, .selected = 1 } };
static struct st_rule rules_b[] = { { .id = B, .selected = 1 }, { .id = C, .selected = 1 },
				    { .id = D, .selected = 1 } };

static struct st_compare_row row(enum st_scope kind, const char *subject, const char *rule,
				 int a, int b, st_day due_a, st_day due_b)
{
	struct st_compare_row r = { kind, subject, rule, a >= 0, b >= 0,
				    a >= 0 ? (enum st_status)a : ST_NOT_APPLICABLE,
				    b >= 0 ? (enum st_status)b : ST_NOT_APPLICABLE, due_a, due_b };
	return r;
}

static void test_summary_counts(void **state)
{
	struct st_pack a = { .rules = rules_a, .nrules = 3 }, b = { .rules = rules_b, .nrules = 3 };
	struct st_compare_summary sum;
	struct st_diag d = ST_DIAG_INIT;
	struct st_compare_row r;
	const st_day N = ST_DAY_NONE;

	(void)state;
	assert_int_equal(st_compare_summary_init(&sum, &a, &b, &d), 0);
	/* the union of both packs, by id, each side's rule where it has one */
	assert_int_equal(sum.nrules, 4);
	assert_string_equal(sum.rules[0].id, "A");
	assert_ptr_equal(sum.rules[0].rule, &rules_a[0]);
	assert_null(sum.rules[0].other_rule);
	assert_ptr_equal(sum.rules[1].rule, &rules_a[1]);
	assert_ptr_equal(sum.rules[1].other_rule, &rules_b[0]);
	assert_null(sum.rules[3].rule);
	assert_ptr_equal(sum.rules[3].other_rule, &rules_b[2]);

	/* enterprise e1: A missing there, B pass -> fail, C due alone */
	r = row(ST_SCOPE_ENTERPRISE, "e1", "A", ST_PASS, -1, N, N);
	assert_int_equal(st_compare_summary_add(&sum, &r), 0);
	r = row(ST_SCOPE_ENTERPRISE, "e1", "B", ST_PASS, ST_FAIL, N, N);
	assert_int_equal(st_compare_summary_add(&sum, &r), 0);
	r = row(ST_SCOPE_ENTERPRISE, "e1", "C", ST_OVERDUE, ST_OVERDUE, 100, 70);
	assert_int_equal(st_compare_summary_add(&sum, &r), 0);
	/* enterprise e2: B pass -> fail again, then the park with D new there */
	r = row(ST_SCOPE_ENTERPRISE, "e2", "B", ST_PASS, ST_FAIL, N, N);
	assert_int_equal(st_compare_summary_add(&sum, &r), 0);
	r = row(ST_SCOPE_PARK, "e2", "D", -1, ST_NOT_CHECKED, N, N);   /* same id, other kind */
	assert_int_equal(st_compare_summary_add(&sum, &r), 0);
	/* a rule of neither pack is ignored */
	r = row(ST_SCOPE_PARK, "p", "Z", ST_PASS, ST_FAIL, N, N);
	assert_int_equal(st_compare_summary_add(&sum, &r), 0);
	assert_null(st_compare_summary_find(&sum, "Z"));

	assert_int_equal(sum.changed, 5);
	assert_int_equal(sum.subjects, 3);
	assert_int_equal(sum.subjects_of[ST_SCOPE_ENTERPRISE], 2);
	assert_int_equal(sum.subjects_of[ST_SCOPE_PARK], 1);
	assert_int_equal(sum.rules_changed, 4);
	const struct st_compare_rule *ra = st_compare_summary_find(&sum, "A"),
		*rb = st_compare_summary_find(&sum, "B"), *rc = st_compare_summary_find(&sum, "C"),
		*rd = st_compare_summary_find(&sum, "D");
	assert_non_null(ra);
	assert_non_null(rb);
	assert_non_null(rc);
	assert_non_null(rd);
	assert_int_equal(ra->changed, 1);
	assert_int_equal(ra->n[ST_PASS][ST_COMPARE_NONE], 1);
	assert_int_equal(rb->changed, 2);
	assert_int_equal(rb->n[ST_PASS][ST_FAIL], 2);
	assert_int_equal(rb->n[ST_FAIL][ST_PASS], 0);
	assert_int_equal(rc->n[ST_OVERDUE][ST_OVERDUE], 1);
	assert_int_equal(rd->n[ST_COMPARE_NONE][ST_NOT_CHECKED], 1);
	/* nothing counted anywhere else */
	size_t total = 0;
	for (size_t i = 0; i < sum.nrules; i++)
		for (int x = 0; x <= ST_COMPARE_NONE; x++)
			for (int y = 0; y <= ST_COMPARE_NONE; y++)
				total += sum.rules[i].n[x][y];
	assert_int_equal(total, 5);
	st_compare_summary_release(&sum);
	assert_null(sum.rules);
}

/* ---- a run on the small dossier ---------------------------------------------- */

/* the proposed tailoring's path in the fixture's folder */
static const char *proposed(const struct st_fixture *f, char buf[128])
{
	snprintf(buf, 128, "%s/proposed.xml", f->dir);
	return buf;
}

static int setup(void **state)
{
	struct st_fixture *f = st_fixture_new("compare");
	char path[128];
	FILE *t;

	assert_non_null(t = fopen(proposed(f, path), "w"));
	fputs("<tailoring xmlns=\"urn:safetrack:tailoring:1\" id=\"proposed\" "
	      "pack=\"tacheng-park-safety\">\n"
	      "  <set rule=\"ORG-STAFFING\" param=\"staff_step\">50</set>\n"
	      "  <set rule=\"ACC-INVESTIGATION\" param=\"deadline_days\">30</set>\n"
	      "  <deselect rule=\"CHK-13\"/>\n"
	      "</tailoring>\n", t);
	assert_int_equal(fclose(t), 0);
	st_fixture_import(f, "tests/data/dossier/good");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	st_fixture_free(*state);
	return 0;
}

static int summarize(void *arg, const struct st_compare_row *row)
{
	return st_compare_summary_add(arg, row);
}

/* As of 2026-06-30 the proposal changes 5 results of 4 subjects: the park
 * fails ORG-STAFFING (2 staff, 467 employees, one more per 50), accident
 * A-1 (2025-11-03, investigation closed 2025-12-20 after 47 days) fails
 * ACC-INVESTIGATION in 30 days, and CHK-13 (not applicable to each of the
 * three enterprises that day) is no longer judged. */
static void test_run_small_dossier(void **state)
{
	struct st_fixture *f = *state;
	struct st_pack *other = NULL;
	struct st_compare_summary sum;
	struct st_diag d = ST_DIAG_INIT;
	st_day as_of;

	assert_int_equal(st_date_parse("2026-06-30", &as_of), 0);
	char path[128];

	assert_int_equal(st_compare_load_other(f->pack, NULL, proposed(f, path), &other, &d), 0);
	assert_int_equal(st_compare_summary_init(&sum, f->pack, other, &d), 0);
	assert_int_equal(st_compare_run(f->db, f->pack, other, as_of, NULL, 1, summarize, &sum, &d), 0);
	assert_int_equal(sum.changed, 5);
	assert_int_equal(sum.subjects, 4);
	assert_int_equal(sum.subjects_of[ST_SCOPE_PARK], 1);
	assert_int_equal(sum.subjects_of[ST_SCOPE_ENTERPRISE], 3);
	assert_int_equal(sum.rules_changed, 3);
	const struct st_compare_rule *staff = st_compare_summary_find(&sum, "ORG-STAFFING"),
		*inv = st_compare_summary_find(&sum, "ACC-INVESTIGATION"),
		*chk = st_compare_summary_find(&sum, "CHK-13");
	assert_int_equal(staff->changed, 1);
	assert_int_equal(staff->n[ST_PASS][ST_FAIL], 1);
	assert_int_equal(inv->changed, 1);
	assert_int_equal(inv->n[ST_PASS][ST_FAIL], 1);
	assert_int_equal(chk->changed, 3);
	assert_int_equal(chk->n[ST_NOT_APPLICABLE][ST_COMPARE_NONE], 3);
	assert_int_equal(chk->other_rule->selected, 0);
	assert_int_equal(st_compare_summary_find(&sum, "INSP-QUARTERLY")->changed, 0);
	st_compare_summary_release(&sum);

	/* one rule only, and the same pack on both sides: nothing differs */
	struct st_check_filter only = { NULL, NULL, "ACC-INVESTIGATION" };
	assert_int_equal(st_compare_summary_init(&sum, f->pack, other, &d), 0);
	assert_int_equal(st_compare_run(f->db, f->pack, other, as_of, &only, 2, summarize, &sum, &d), 0);
	assert_int_equal(sum.changed, 1);
	assert_int_equal(sum.rules_changed, 1);
	st_compare_summary_release(&sum);
	assert_int_equal(st_compare_summary_init(&sum, f->pack, f->pack, &d), 0);
	assert_int_equal(st_compare_run(f->db, f->pack, f->pack, as_of, NULL, 1, summarize, &sum, &d), 0);
	assert_int_equal(sum.changed, 0);
	assert_int_equal(sum.subjects, 0);
	st_compare_summary_release(&sum);
	st_pack_free(other);
	assert_int_equal(d.count, 0);
	st_diag_release(&d);
}

/* the other side's errors come back from the loader, as written */
static void test_load_other_errors(void **state)
{
	struct st_fixture *f = *state;
	struct st_pack *other = NULL;
	struct st_diag d = ST_DIAG_INIT;
	char want[160];

	snprintf(want, sizeof want, "%s/none.xml", f->dir);
	assert_int_equal(st_compare_load_other(f->pack, NULL, want, &other, &d), -1);
	assert_null(other);
	assert_int_equal(d.count, 1);
	snprintf(want, sizeof want, "%s/none.xml: 无法打开：文件或目录不存在", f->dir);
	assert_string_equal(d.line[0], want);
	st_diag_release(&d);
	assert_int_equal(st_compare_load_other(f->pack, "/nonexistent-rules", NULL, &other, &d), -1);
	assert_null(other);
	assert_true(d.count >= 1);
	assert_non_null(strstr(d.line[0], "/nonexistent-rules"));
	st_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_counts),
		cmocka_unit_test(test_run_small_dossier),
		cmocka_unit_test(test_load_other_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
