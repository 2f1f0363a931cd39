/*
 * fuzz_date.c — date and time parsing (st_date.h).
 *
 * The input is the text of a dossier cell.  Beyond "no crash, no UB", it
 * checks what the rest of the program relies on: a parsed date is a real
 * calendar date whose canonical form parses back to the same day, the ISO
 * parser accepts only the canonical form, and a parsed time formats back
 * to the input with its separator made 'T'.  The first bytes also drive
 * month arithmetic and the calendar periods from the parsed day.
 */
#include "fuzz.h"

#include "st_date.h"

static void date_check_day(st_day day, const char *s)
{
	char buf[11], again[11];
	st_day back;
	int y, m, d;

	st_day_to_ymd(day, &y, &m, &d);
	FUZZ_CHECK(st_ymd_valid(y, m, d));
	FUZZ_CHECK(st_day_from_ymd(y, m, d) == day);
	st_date_format(day, buf);
	FUZZ_CHECK(strlen(buf) == 10);
	FUZZ_CHECK(st_date_parse_iso(buf, &back) == 0 && back == day);
	FUZZ_CHECK(!strcmp(st_date_format(back, again), buf));
	/* the ISO parser takes exactly the canonical form */
	if (st_date_parse_iso(s, &back) == 0)
		FUZZ_CHECK(!strcmp(s, buf));
}

/* month arithmetic clamps to the month's end and never leaves the month it
 * lands in; periods contain their days */
static void date_check_arith(st_day day, const uint8_t *data, size_t size)
{
	int months = size >= 2 ? (int)(int16_t)(data[0] | data[1] << 8) % 1200 : 1;
	int y, m, d, y2, m2, d2, total;
	static const int lens[3] = { 3, 6, 12 };

	st_day_to_ymd(day, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	if (total / 12 >= 1 && total / 12 <= 9999) {
		st_day r = st_day_add_months(day, months);
		st_day_to_ymd(r, &y2, &m2, &d2);
		FUZZ_CHECK(y2 == total / 12 && m2 == total % 12 + 1);
		FUZZ_CHECK(d2 == (d < st_month_days(y2, m2) ? d : st_month_days(y2, m2)));
	}
	for (int i = 0; i < 3; i++) {
		int idx = st_period_index(day, lens[i]);
		FUZZ_CHECK(idx >= 1 && idx <= 12 / lens[i]);
		FUZZ_CHECK(st_period_first(y, lens[i], idx) <= day);
		FUZZ_CHECK(st_period_last(y, lens[i], idx) >= day);
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	st_day day;
	st_minute t;

	if (!s)
		return 0;
	if (st_date_parse(s, &day) == 0) {
		date_check_day(day, s);
		date_check_arith(day, data, size);
	} else {
		FUZZ_CHECK(st_date_parse_iso(s, &day) != 0);
	}
	if (st_time_parse(s, &t) == 0) {
		char buf[17], canon[17];
		st_minute back;

		st_time_format(t, buf);
		snprintf(canon, sizeof canon, "%s", s);
		if (strlen(s) == 16)
			canon[10] = 'T';
		FUZZ_CHECK(!strcmp(buf, canon));
		FUZZ_CHECK(st_time_parse(buf, &back) == 0 && back == t);
		date_check_day(st_time_day(t), "");
	}
	free(s);
	return 0;
}
