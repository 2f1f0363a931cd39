/*
 * st_date — calendar dates and minute-resolution times of the park's local day.
 *
 * A date is a day number (days since 1970-01-01 in the proleptic Gregorian
 * calendar); a time is minutes since 1970-01-01T00:00.  Both are plain
 * integers so that ordering and "within N days" are integer comparisons.
 * Month arithmetic clamps to the month's last day, as the catalogue says:
 * 2024-02-29 + 1 year = 2025-02-28; 2025-01-31 + 1 month = 2025-02-28.
 */
#ifndef ST_DATE_H
#define ST_DATE_H

#include <stdint.h>

typedef int32_t st_day;
typedef int64_t st_minute;

#define ST_DAY_NONE INT32_MIN           /* "no date" */
#define ST_MINUTES_PER_DAY 1440

/* day number of a calendar date; the caller guarantees a valid date */
st_day st_day_from_ymd(int y, int m, int d);
/* the calendar date of a day number */
void st_day_to_ymd(st_day day, int *y, int *m, int *d);
/* 1 if y-m-d is a real date with 1 <= y <= 9999, else 0 */
int st_ymd_valid(int y, int m, int d);
/* number of days in month m of year y */
int st_month_days(int y, int m);

/* parse "YYYY-MM-DD" exactly; returns 0, or -1 if s is not a valid date */
int st_date_parse_iso(const char *s, st_day *out);
/* parse "YYYY-MM-DD" or "YYYY/M/D" (one or two digit month and day), the
 * forms a dossier may hold; returns 0 or -1 */
int st_date_parse(const char *s, st_day *out);
/* write "YYYY-MM-DD" into buf (at least 11 bytes); returns buf */
char *st_date_format(st_day day, char *buf);

/* parse "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM"; returns 0 or -1 */
int st_time_parse(const char *s, st_minute *out);
/* write "YYYY-MM-DDTHH:MM" into buf (at least 17 bytes); returns buf */
char *st_time_format(st_minute t, char *buf);
/* the day a time falls on */
st_day st_time_day(st_minute t);

/* the day of a stored value: an ISO date, or the date part of a time
 * ("YYYY-MM-DDTHH:MM"); ST_DAY_NONE for NULL, empty or anything else */
st_day st_day_of_value(const char *s);

/* day + months, clamped to the last day of the resulting month */
st_day st_day_add_months(st_day day, int months);

/* calendar periods: quarter q (1-4), half h (1-2) or the whole year of y.
 * `months` is 3, 6 or 12; `index` counts from 1 within the year. */
st_day st_period_first(int y, int months, int index);
st_day st_period_last(int y, int months, int index);
/* index (from 1) of the period of `months` months that contains day */
int st_period_index(st_day day, int months);

/* today's date on this machine's local clock */
st_day st_today(void);

#endif
