/*
 * st_calendar — a chase list as an iCalendar feed (RFC 5545, libical):
 * one all-day event per deadline, with the rule and the subject, for the
 * calendar of an officer's phone (HTTP.md §5 /calendar.ics).
 */
#ifndef ST_CALENDAR_H
#define ST_CALENDAR_H

#include "st_chase.h"
#include "st_diag.h"

/* Write the events of l as one VCALENDAR.  Returns 0 with a new string in
 * *out (the caller frees it with free()), or -1 with a message. */
int st_calendar_ics(const struct st_chase *l, char **out, struct st_diag *diag);

#endif
