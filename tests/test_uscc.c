/*
 * test_uscc.c — credit code validation against GB 32100-2015.
 */
#include "st_test.h"

#include "st_uscc.h"

/* the worked example of GB 32100-2015 */
static void test_uscc_valid(void **state)
{
	(void)state;
	assert_int_equal(st_uscc_validate("91350100M000100Y43", NULL, NULL), ST_USCC_OK);
	assert_int_equal(st_uscc_check_char("91350100M000100Y4"), '3');
}

static void test_uscc_check_wrong(void **state)
{
	(void)state;
	char want = 0;
	assert_int_equal(st_uscc_validate("91350100M000100Y44", NULL, &want), ST_USCC_CHECK);
	assert_int_equal(want, '3');
}

static void test_uscc_length(void **state)
{
	(void)state;
	assert_int_equal(st_uscc_validate("91350100M000100Y4", NULL, NULL), ST_USCC_LENGTH);
	assert_int_equal(st_uscc_validate("", NULL, NULL), ST_USCC_LENGTH);
	assert_int_equal(st_uscc_validate("91350100M000100Y433", NULL, NULL), ST_USCC_LENGTH);
}

static void test_uscc_bad_char(void **state)
{
	(void)state;
	int pos = 0;
	assert_int_equal(st_uscc_validate("91350100I000100Y43", &pos, NULL), ST_USCC_CHAR);
	assert_int_equal(pos, 9);
	assert_int_equal(st_uscc_validate("91350100m000100Y43", &pos, NULL), ST_USCC_CHAR);
	assert_int_equal(st_uscc_validate("9135010OM000100Y43", &pos, NULL), ST_USCC_CHAR);
	assert_int_equal(pos, 8);
	assert_int_equal(st_uscc_check_char("9135010OM000100Y4"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uscc_valid),
		cmocka_unit_test(test_uscc_check_wrong),
		cmocka_unit_test(test_uscc_length),
		cmocka_unit_test(test_uscc_bad_char),
	};
	return cmocka_run_group_tests_name("uscc", tests, NULL, NULL);
}
