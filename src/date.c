/*
 * date.c — day numbers, parsing and month arithmetic (see st_date.h).
 *
 * The civil-from-days conversion is the well-known era-based algorithm
 * (400-year eras of 146097 days), exact for every year this program accepts.
 * Parsing is by hand rather than strptime(): strptime accepts leading blanks,
 * missing digits and out-of-range days on some C libraries, and a dossier
 * cell must either be a date or be rejected.
 */
#include "st_date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

st_day st_day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (st_day)(era * 146097 + doe - 719468);
}

void st_day_to_ymd(st_day day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp + (mp < 10 ? 3 : -9);

	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int st_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int st_ymd_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= st_month_days(y, m);
}

/* read exactly between min and max digits; returns chars used or 0 */
static int digits(const char *s, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (n < max && s[n] >= '0' && s[n] <= '9')
		v = v * 10 + (s[n++] - '0');
	if (n < min)
		return 0;
	*out = v;
	return n;
}

/* parse a date at s with separator sep; the month and day take between
 * dmin and 2 digits.  Returns chars consumed or 0. */
static int parse_ymd(const char *s, char sep, int dmin, st_day *out)
{
	int y, m, d, n, k;

	if (!(n = digits(s, 4, 4, &y)) || s[n] != sep)
		return 0;
	n++;
	if (!(k = digits(s + n, dmin, 2, &m)) || s[n + k] != sep)
		return 0;
	n += k + 1;
	if (!(k = digits(s + n, dmin, 2, &d)))
		return 0;
	n += k;
	if (!st_ymd_valid(y, m, d))
		return 0;
	*out = st_day_from_ymd(y, m, d);
	return n;
}

/* the whole of s is a date with this separator; *out is set only then */
static int parse_whole(const char *s, char sep, int dmin, st_day *out)
{
	st_day d;
	int n = parse_ymd(s, sep, dmin, &d);

	if (!n || s[n] != '\0')
		return -1;
	*out = d;
	return 0;
}

int st_date_parse_iso(const char *s, st_day *out)
{
	return parse_whole(s, '-', 2, out);
}

int st_date_parse(const char *s, st_day *out)
{
	if (parse_whole(s, '-', 2, out) == 0)
		return 0;
	return parse_whole(s, '/', 1, out);
}

char *st_date_format(st_day day, char *buf)
{
	int y, m, d;

	st_day_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
		return buf;
	}
	/* the common case by hand: the checker formats dates by the million */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int st_time_parse(const char *s, st_minute *out)
{
	st_day day;
	int n = parse_ymd(s, '-', 2, &day), hh, mm;

	if (!n || (s[n] != 'T' && s[n] != ' '))
		return -1;
	s += n + 1;
	if (digits(s, 2, 2, &hh) != 2 || s[2] != ':' || digits(s + 3, 2, 2, &mm) != 2 ||
	    s[5] != '\0' || hh > 23 || mm > 59)
		return -1;
	*out = (st_minute)day * ST_MINUTES_PER_DAY + hh * 60 + mm;
	return 0;
}

st_day st_time_day(st_minute t)
{
	st_minute q = t / ST_MINUTES_PER_DAY;
	if (t % ST_MINUTES_PER_DAY < 0)
		q--;
	return (st_day)q;
}

char *st_time_format(st_minute t, char *buf)
{
	st_day day = st_time_day(t);
	int rem = (int)(t - (st_minute)day * ST_MINUTES_PER_DAY);
	char date[11];
	unsigned hh = (unsigned)rem / 60 % 24, mm = (unsigned)rem % 60;

	snprintf(buf, 17, "%sT%02u:%02u", st_date_format(day, date), hh, mm);
	return buf;
}

st_day st_day_of_value(const char *s)
{
	st_day d;
	st_minute t;

	if (!s || !*s)
		return ST_DAY_NONE;
	if (st_date_parse_iso(s, &d) == 0)
		return d;
	if (strlen(s) == 16 && s[10] == 'T' && st_time_parse(s, &t) == 0)
		return st_time_day(t);
	return ST_DAY_NONE;
}

st_day st_day_add_months(st_day day, int months)
{
	int y, m, d;

	st_day_to_ymd(day, &y, &m, &d);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > st_month_days(y, m))
		d = st_month_days(y, m);
	return st_day_from_ymd(y, m, d);
}

st_day st_period_first(int y, int months, int index)
{
	return st_day_from_ymd(y, (index - 1) * months + 1, 1);
}

st_day st_period_last(int y, int months, int index)
{
	int m = index * months;
	return st_day_from_ymd(y, m, st_month_days(y, m));
}

int st_period_index(st_day day, int months)
{
	int y, m, d;

	st_day_to_ymd(day, &y, &m, &d);
	return (m - 1) / months + 1;
}

st_day st_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return st_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
