/*
 * fuzz_uscc.c — unified social credit code validation (st_uscc.h).
 *
 * Checks the validator against an independent statement of GB 32100-2015:
 * a code is valid exactly when it is 18 characters of the set and the
 * weighted sum of all 18 values (the check character's weight being 1) is
 * 0 mod 31; the error positions and the expected character agree with it.
 */
#include "fuzz.h"

#include "st_uscc.h"

static const char uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int uscc_value(char c)
{
	for (int i = 0; i < 31; i++)
		if (uscc_set[i] == c)
			return i;
	return -1;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	int pos = -1, bad = 0, sum = 0, w = 1;
	char expected = 0;
	enum st_uscc_error e;

	if (!s)
		return 0;
	e = st_uscc_validate(s, &pos, &expected);
	FUZZ_CHECK(st_uscc_strerror(e) != NULL);
	if (size != 18) {
		FUZZ_CHECK(e == ST_USCC_LENGTH);
		goto out;
	}
	for (int i = 0; i < 18 && !bad; i++)
		if (uscc_value(s[i]) < 0)
			bad = i + 1;
	if (bad) {
		FUZZ_CHECK(e == ST_USCC_CHAR && pos == bad);
		goto out;
	}
	for (int i = 0; i < 17; i++) {
		sum += uscc_value(s[i]) * w;
		w = w * 3 % 31;
	}
	if ((sum + uscc_value(s[17])) % 31 == 0) {
		FUZZ_CHECK(e == ST_USCC_OK);
	} else {
		FUZZ_CHECK(e == ST_USCC_CHECK);
		FUZZ_CHECK(expected == st_uscc_check_char(s));
		FUZZ_CHECK((sum + uscc_value(expected)) % 31 == 0);
	}
out:
	free(s);
	return 0;
}
