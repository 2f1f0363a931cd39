/*
 * test_msg.c — the bilingual messages (st_msg.h): every message has both
 * texts, consuming the same arguments in the same order; the table holds
 * every message the header defines; both texts come out of one call.
 */
#include "st_test.h"

/* st_msg_format allocates with the C library and the test frees what it
 * returns: the real allocator throughout (leaks: make asan / valgrind) */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "st_diag.h"
#include "st_msg.h"

/* The arguments a printf format consumes, one letter string per argument:
 * the length modifier and the conversion ("s", "lld", "zu", "c"), "*" for
 * a width or precision taken from the arguments.  Flags, widths and
 * precisions do not change what is consumed ("%.0s" is an "s"). */
static int conversions(const char *fmt, char out[][8], int max)
{
	int n = 0;

	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (*++p == '%')
			continue;
		p += strspn(p, "-+ #0'");
		/* a width, then a precision: '*' takes an argument, digits do not */
		for (int part = 0; part < 2; part++) {
			if (part && *p != '.')
				break;
			p += part;
			if (*p == '*') {
				assert_true(n < max);
				strcpy(out[n++], "*");
				p++;
			}
			p += strspn(p, "0123456789");
		}
		size_t len = strspn(p, "hljztL");
		assert_true(len < 3 && p[len] && strchr("diouxXeEfFgGaAcsp", p[len]));
		assert_true(n < max);
		memcpy(out[n], p, len + 1);
		out[n++][len + 1] = '\0';
		p += len;
	}
	return n;
}

static void test_both_texts_same_arguments(void **state)
{
	(void)state;
	assert_true(st_nmsgs > 50);
	for (size_t i = 0; i < st_nmsgs; i++) {
		const struct st_msg *m = &st_msgs[i];
		char zh[16][8], en[16][8];
		int nzh, nen, ascii = 1, chinese = 0;

		assert_true(*m->zh && *m->en);
		nzh = conversions(m->zh, zh, 16);
		nen = conversions(m->en, en, 16);
		if (nzh != nen)
			fail_msg("%s: %d arguments in Chinese, %d in English", m->id, nzh, nen);
		for (int k = 0; k < nzh; k++)
			if (strcmp(zh[k], en[k]))
				fail_msg("%s: argument %d is %%%s in Chinese, %%%s in English", m->id,
					 k + 1, zh[k], en[k]);
		/* English, but for the Chinese yes and no a value may be written in */
		for (const char *p = m->en; *p; p++) {
			if (!strncmp(p, "是", 3) || !strncmp(p, "否", 3))
				p += 2;
			else
				ascii &= (unsigned char)*p < 0x80;
		}
		for (const unsigned char *p = (const unsigned char *)m->zh; *p; p++)
			chinese |= *p >= 0x80;
		if (!ascii || !chinese)
			fail_msg("%s: the English text is not English or the Chinese not Chinese",
				 m->id);
	}
}

/* a conversion the two texts disagree on is found (the check can fail) */
static void test_conversions_differ(void **state)
{
	char a[16][8], b[16][8];

	(void)state;
	assert_int_equal(conversions("%s%.0s 早于 %lld", a, 16), 3);
	assert_int_equal(conversions("%.0s%s is before %d", b, 16), 3);
	assert_string_equal(a[1], "s");
	assert_string_equal(a[2], "lld");
	assert_string_not_equal(a[2], b[2]);
	assert_int_equal(conversions("100%% %*d", a, 16), 2);
	assert_string_equal(a[0], "*");
	assert_int_equal(conversions("%-8.*s|%5.2f", a, 16), 3);
	assert_string_equal(a[0], "*");
	assert_string_equal(a[1], "s");
	assert_string_equal(a[2], "f");
}

/* every ST_MSG_<ID> the header defines is a row of the table */
static void test_table_complete(void **state)
{
	FILE *fp = fopen("include/st_msg.h", "r");
	char line[512];
	size_t defined = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp)) {
		char id[64];
		int found = 0;
		if (sscanf(line, "#define ST_MSG_%63[A-Z_0-9]", id) != 1 || !strcmp(id, "H") ||
		    !strncmp(line + strlen("#define ST_MSG_") + strlen(id), "(", 1))
			continue;
		defined++;
		for (size_t i = 0; i < st_nmsgs && !found; i++)
			found = !strcmp(st_msgs[i].id, id);
		if (!found)
			fail_msg("ST_MSG_%s is not in ST_MSGS", id);
	}
	fclose(fp);
	assert_int_equal(defined, st_nmsgs);
}

static void test_format_both(void **state)
{
	char *zh, *en;

	(void)state;
	assert_int_equal(st_msg_format(&zh, &en, ST_MSG_BEFORE, "作废日期", "voided", "2026-01-01",
				       "检查日期", "date", "2026-03-10"), 0);
	assert_string_equal(zh, "作废日期 2026-01-01 早于检查日期 2026-03-10");
	assert_string_equal(en, "voided 2026-01-01 is before date 2026-03-10");
	free(zh);
	free(en);
	assert_string_equal(st_msg_en("必填，不能为空"), "required, cannot be empty");
	assert_null(st_msg_en("不是表中的消息"));
}

static void test_diag_carries_english(void **state)
{
	struct st_diag d = ST_DIAG_INIT;

	(void)state;
	st_diag_msg(&d, ST_MSG_HAZARD_CLOSED, "HAZ-1", "2026-03-01");
	st_diag_add(&d, "只有中文");
	assert_int_equal(d.count, 2);
	assert_string_equal(d.line[0], "隐患 HAZ-1 已于 2026-03-01 销号");
	assert_string_equal(st_diag_line_en(&d, 0), "hazard HAZ-1 was closed on 2026-03-01");
	assert_null(st_diag_line_en(&d, 1));
	assert_null(st_diag_line_en(&d, 2));
	st_diag_truncate(&d, 1);
	assert_int_equal(d.count, 1);
	assert_null(d.line_en[1]);
	st_diag_release(&d);
	assert_int_equal(d.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_texts_same_arguments),
		cmocka_unit_test(test_conversions_differ),
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_format_both),
		cmocka_unit_test(test_diag_carries_english),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
