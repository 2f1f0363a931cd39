/*
 * uscc.c — unified social credit code check character (GB 32100-2015).
 */
#include "st_uscc.h"

#include <string.h>

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weight[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int value_of(char c)
{
	const char *p = c ? strchr(charset, c) : NULL;
	return p ? (int)(p - charset) : -1;
}

char st_uscc_check_char(const char *code17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int v = value_of(code17[i]);
		if (v < 0)
			return 0;
		sum += v * weight[i];
	}
	return charset[(31 - sum % 31) % 31];
}

enum st_uscc_error st_uscc_validate(const char *code, int *pos, char *expected)
{
	if (strlen(code) != 18)
		return ST_USCC_LENGTH;
	for (int i = 0; i < 18; i++) {
		if (value_of(code[i]) < 0) {
			if (pos)
				*pos = i + 1;
			return ST_USCC_CHAR;
		}
	}
	char want = st_uscc_check_char(code);
	if (want != code[17]) {
		if (expected)
			*expected = want;
		return ST_USCC_CHECK;
	}
	return ST_USCC_OK;
}

const char *st_uscc_strerror(enum st_uscc_error e)
{
	switch (e) {
	case ST_USCC_OK:
		return "有效";
	case ST_USCC_LENGTH:
		return "统一社会信用代码应为 18 位";
	case ST_USCC_CHAR:
		return "统一社会信用代码含有不允许的字符（不得使用 I、O、S、V、Z 及小写字母）";
	case ST_USCC_CHECK:
		return "统一社会信用代码校验位不正确";
	}
	return "?";
}

const char *st_uscc_strerror_en(enum st_uscc_error e)
{
	switch (e) {
	case ST_USCC_OK:
		return "valid";
	case ST_USCC_LENGTH:
		return "a unified social credit code has 18 characters";
	case ST_USCC_CHAR:
		return "the unified social credit code holds a character it may not "
		       "(I, O, S, V, Z and lower case are not used)";
	case ST_USCC_CHECK:
		return "the check character of the unified social credit code is wrong";
	}
	return "?";
}
