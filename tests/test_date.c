/*
 * test_date.c — day numbers, parsing, month clamping, periods.
 */
#include "st_test.h"

#include <string.h>

#include "st_date.h"

static st_day D(const char *s)
{
	st_day d = ST_DAY_NONE;
	assert_int_equal(st_date_parse_iso(s, &d), 0);
	return d;
}

static void test_day_roundtrip(void **state)
{
	(void)state;
	char buf[11];
	assert_int_equal(st_day_from_ymd(1970, 1, 1), 0);
	assert_int_equal(st_day_from_ymd(2000, 3, 1), 11017);
	for (st_day d = -800000; d < 2000000; d += 997) {
		int y, m, dd;
		st_day_to_ymd(d, &y, &m, &dd);
		assert_int_equal(st_day_from_ymd(y, m, dd), d);
	}
	assert_string_equal(st_date_format(D("2024-02-29"), buf), "2024-02-29");
}

static void test_date_parse_forms(void **state)
{
	(void)state;
	st_day d;
	assert_int_equal(st_date_parse("2026/3/5", &d), 0);
	assert_int_equal(d, D("2026-03-05"));
	assert_int_equal(st_date_parse("2026/03/05", &d), 0);
	assert_int_equal(d, D("2026-03-05"));
	assert_int_equal(st_date_parse("2026/12/31", &d), 0);
}

static void test_date_parse_rejects(void **state)
{
	(void)state;
	static const char *bad[] = {
		"", "2026", "2026-1-5", "2026-02-30", "2025-02-29", "2026-13-01",
		"2026-00-10", "2026-01-00", " 2026-01-01", "2026-01-01 ", "26-01-01",
		"2026/1/32", "2026/2/29", "2026-01-01T00:00", "0000-01-01", "2026/001/1",
		"2026-01/01", "２０２６-01-01", "2026-1-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		st_day d = 7;
		if (st_date_parse(bad[i], &d) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(d, 7);
	}
	st_day d;
	assert_int_equal(st_date_parse_iso("2026/1/5", &d), -1);
}

static void test_time_parse(void **state)
{
	(void)state;
	st_minute t, u;
	char buf[17];
	assert_int_equal(st_time_parse("2026-05-20T14:30", &t), 0);
	assert_int_equal(st_time_parse("2026-05-20 14:30", &u), 0);
	assert_true(t == u);
	assert_string_equal(st_time_format(t, buf), "2026-05-20T14:30");
	assert_int_equal(st_time_day(t), D("2026-05-20"));
	assert_int_equal(st_time_parse("2026-05-20T24:00", &t), -1);
	assert_int_equal(st_time_parse("2026-05-20T23:60", &t), -1);
	assert_int_equal(st_time_parse("2026-05-20T1:30", &t), -1);
	assert_int_equal(st_time_parse("2026-05-20", &t), -1);
	assert_int_equal(st_time_parse("2026-05-20T14:30:00", &t), -1);
	assert_int_equal(st_time_parse("2026-02-30T10:00", &t), -1);
	/* before 1970 the day is still right (negative minutes) */
	assert_int_equal(st_time_parse("1969-12-31T23:59", &t), 0);
	assert_int_equal(st_time_day(t), -1);
}

static void test_day_of_value(void **state)
{
	(void)state;
	assert_int_equal(st_day_of_value("2026-05-20"), D("2026-05-20"));
	assert_int_equal(st_day_of_value("2026-05-20T23:59"), D("2026-05-20"));
	assert_int_equal(st_day_of_value(NULL), ST_DAY_NONE);
	assert_int_equal(st_day_of_value(""), ST_DAY_NONE);
	assert_int_equal(st_day_of_value("2026"), ST_DAY_NONE);
	assert_int_equal(st_day_of_value("2026-05-20 23:59"), ST_DAY_NONE);   /* not stored form */
	assert_int_equal(st_day_of_value("2026-05-20Tjunk"), ST_DAY_NONE);
	assert_int_equal(st_day_of_value("2026-02-30"), ST_DAY_NONE);
}

static void test_add_months_clamps(void **state)
{
	(void)state;
	assert_int_equal(st_day_add_months(D("2024-02-29"), 12), D("2025-02-28"));
	assert_int_equal(st_day_add_months(D("2024-02-29"), 48), D("2028-02-29"));
	assert_int_equal(st_day_add_months(D("2025-01-31"), 1), D("2025-02-28"));
	assert_int_equal(st_day_add_months(D("2024-01-31"), 1), D("2024-02-29"));
	assert_int_equal(st_day_add_months(D("2025-10-31"), 2), D("2025-12-31"));
	assert_int_equal(st_day_add_months(D("2025-12-15"), 1), D("2026-01-15"));
	assert_int_equal(st_day_add_months(D("2025-03-31"), 24), D("2027-03-31"));
}

static void test_periods(void **state)
{
	(void)state;
	assert_int_equal(st_period_first(2026, 3, 1), D("2026-01-01"));
	assert_int_equal(st_period_last(2026, 3, 1), D("2026-03-31"));
	assert_int_equal(st_period_last(2024, 3, 1), D("2024-03-31"));
	assert_int_equal(st_period_first(2026, 3, 4), D("2026-10-01"));
	assert_int_equal(st_period_last(2026, 3, 4), D("2026-12-31"));
	assert_int_equal(st_period_last(2026, 6, 1), D("2026-06-30"));
	assert_int_equal(st_period_first(2026, 6, 2), D("2026-07-01"));
	assert_int_equal(st_period_last(2026, 12, 1), D("2026-12-31"));
	assert_int_equal(st_period_index(D("2026-03-31"), 3), 1);
	assert_int_equal(st_period_index(D("2026-04-01"), 3), 2);
	assert_int_equal(st_period_index(D("2026-06-30"), 6), 1);
	assert_int_equal(st_period_index(D("2026-07-01"), 6), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_roundtrip),
		cmocka_unit_test(test_date_parse_forms),
		cmocka_unit_test(test_date_parse_rejects),
		cmocka_unit_test(test_time_parse),
		cmocka_unit_test(test_day_of_value),
		cmocka_unit_test(test_add_months_clamps),
		cmocka_unit_test(test_periods),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
