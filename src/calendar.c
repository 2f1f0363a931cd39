/*
 * calendar.c — the chase list as iCalendar (see st_calendar.h).  An event
 * is all-day on the due date; its UID is stable across fetches (rule,
 * subject and date), so a calendar application updates rather than
 * duplicates it; the summary says overdue or due, the rule and the
 * subject; the description holds the detail and what to do.
 */
#include "st_calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

int st_calendar_ics(const struct st_chase *l, char **out, struct st_diag *diag)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	struct icaltimetype stamp = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
	char *text;

	if (!cal)
		return st_diag_add(diag, "内存不足");
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//safetrack//园区安全生产合规//ZH"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	for (size_t i = 0; i < l->n; i++) {
		const struct st_chase_item *it = &l->v[i];
		icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
		struct icaltimetype day = icaltime_null_date();
		char buf[2048], uid[300];
		int y, m, d;

		if (!ev)
			break;
		st_day_to_ymd(it->due, &y, &m, &d);
		day.year = y;
		day.month = m;
		day.day = d;
		snprintf(uid, sizeof uid, "%s-%s-%04d%02d%02d@safetrack", it->rule->id, it->subject,
			 y, m, d);
		icalcomponent_add_property(ev, icalproperty_new_uid(uid));
		icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
		icalcomponent_add_property(ev, icalproperty_new_dtstart(day));
		snprintf(buf, sizeof buf, "%s %s：%s（%s）", it->status == ST_OVERDUE ? "【逾期】" : "【到期】",
			 it->rule->title ? it->rule->title : it->rule->id, it->name, it->subject);
		icalcomponent_add_property(ev, icalproperty_new_summary(buf));
		snprintf(buf, sizeof buf, "%s\n规则 %s\n应做：%s", it->detail, it->rule->id,
			 it->rule->remediation ? it->rule->remediation : "");
		icalcomponent_add_property(ev, icalproperty_new_description(buf));
		icalcomponent_add_component(cal, ev);
	}
	text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	*out = text ? strdup(text) : NULL;
	icalmemory_free_buffer(text);
	if (!*out)
		return st_diag_add(diag, "内存不足");
	return 0;
}
