/*
 * checks.c — the closed table of check kinds and the parameters each takes.
 *
 * This is the one place that says what a rule file may write inside
 * <check kind="...">.  The loader rejects any parameter not listed here (or,
 * for kinds with free_ints, any non-integer extra); the evaluator reads
 * parameters only by the names listed here.  `rules show` prints `doc`.
 */
#include "st_rules.h"

#include <string.h>

#define END { NULL, 0, 0, NULL, 0, 0, NULL, NULL }
#define WARN(d) { "warn_days", ST_PARAM_INT, 0, d, 0, 366, NULL, \
		  "days before a deadline from which the status is due-soon" }
#define LOOKBACK { "lookback_days", ST_PARAM_INT, 0, "365", 0, 36600, NULL, \
		   "resolved events older than this many days are no longer judged" }
#define WINDOW { "window_days", ST_PARAM_INT, 0, "92", 1, 3660, NULL, \
		 "inspections dated from as-of minus this many days count" }
#define SELECT(req, d) { "select", ST_PARAM_XPATH, req, d, 0, 0, NULL, \
			 "the records (or nodes) the check judges, relative to the subject" }
#define LABEL { "label", ST_PARAM_XPATH, 0, "string(@id)", 0, 0, NULL, \
		"how a failing record is named in the detail" }

static const struct st_param_spec calendar_params[] = {
	{ "period", ST_PARAM_ENUM, 1, NULL, 0, 0, "quarter half year",
	  "the calendar period in which a record is owed" },
	SELECT(1, NULL),
	{ "date", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL,
	  "the record's date field; a record counts for the period containing it" },
	{ "year_field", ST_PARAM_FIELD, 0, NULL, 0, 0, NULL,
	  "if set (yearly only), the record counts for the year in this field instead" },
	{ "due_month", ST_PARAM_INT, 0, NULL, 1, 12, NULL,
	  "yearly only: the due date is the last day of this month, not 31 December" },
	{ "scope_start", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "the date from which the subject is in scope (whole periods only)" },
	WARN("30"),
	END
};

static const struct st_param_spec interval_params[] = {
	SELECT(1, NULL),
	{ "date", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL, "the record's date field" },
	{ "months", ST_PARAM_INT, 1, NULL, 1, 1200, NULL,
	  "the longest allowed gap, in months, after the last record" },
	{ "scope_start", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "the base date when there is no record yet" },
	WARN("30"),
	END
};

static const struct st_param_spec deadline_params[] = {
	SELECT(1, NULL),
	{ "event", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL,
	  "the event's date or time field" },
	{ "record", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL,
	  "the field holding the date or time of the record that resolves the event" },
	{ "due_field", ST_PARAM_FIELD, 0, NULL, 0, 0, NULL,
	  "the event's own deadline date (events without one are not judged)" },
	{ "deadline_days", ST_PARAM_INT, 0, NULL, 0, 36600, NULL,
	  "the deadline is the event's date plus this many days" },
	{ "deadline_hours", ST_PARAM_INT, 0, NULL, 1, 8784, NULL,
	  "the deadline is the event's time plus this many hours" },
	{ "priority", ST_PARAM_XPATH, 0, NULL, 0, 0, NULL,
	  "events for which this is true are listed first in the detail" },
	LABEL,
	WARN("30"),
	LOOKBACK,
	END
};

static const struct st_param_spec checklist_params[] = {
	{ "item", ST_PARAM_INT, 1, NULL, 1, 13, NULL, "the checklist item, 1 to 13" },
	WINDOW,
	END
};

static const struct st_param_spec failed_items_params[] = {
	WINDOW,
	END
};

static const struct st_param_spec fields_params[] = {
	SELECT(1, NULL),
	{ "fields", ST_PARAM_FIELDS, 1, NULL, 0, 0, NULL,
	  "the fields every selected record must have (date-order: in this order)" },
	LABEL,
	END
};

static const struct st_param_spec threshold_params[] = {
	{ "value", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL, "the number that is judged" },
	{ "required", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "the least value allowed; value >= required passes" },
	{ "basis", ST_PARAM_XPATH, 0, NULL, 0, 0, NULL,
	  "the number the requirement is computed from, shown in the detail" },
	{ "value_zh", ST_PARAM_TEXT, 0, "实际值", 0, 0, NULL, "what value is, in Chinese" },
	{ "value_en", ST_PARAM_TEXT, 0, "value", 0, 0, NULL, "what value is, in English" },
	{ "basis_zh", ST_PARAM_TEXT, 0, "依据", 0, 0, NULL, "what basis is, in Chinese" },
	{ "basis_en", ST_PARAM_TEXT, 0, "basis", 0, 0, NULL, "what basis is, in English" },
	END
};

static const struct st_param_spec assert_params[] = {
	SELECT(0, "."),
	{ "test", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "true for a selected node that meets the obligation" },
	LABEL,
	{ "message_zh", ST_PARAM_TEXT, 1, NULL, 0, 0, NULL,
	  "the violation, in Chinese; failing labels follow it" },
	{ "message_en", ST_PARAM_TEXT, 1, NULL, 0, 0, NULL,
	  "the violation, in English; failing labels follow it" },
	END
};

static const struct st_param_spec expiry_params[] = {
	SELECT(1, NULL),
	{ "expires", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "the candidate expiry dates of a selected item (node set); the latest decides" },
	LABEL,
	WARN("30"),
	END
};

static const struct st_param_spec no_params[] = { END };

static const struct st_check_spec specs[ST_CHECK__COUNT] = {
	{ "informational", ST_CHECK_INFORMATIONAL,
	  "本条为职责性规定，无法由记录核查，仅供报告完整列出", 0, no_params },
	{ "calendar", ST_CHECK_CALENDAR,
	  "每个日历周期（季度/半年/年度）内须有一条符合条件的记录，截止日为周期最后一天或指定月末", 0,
	  calendar_params },
	{ "interval", ST_CHECK_INTERVAL,
	  "自上一条符合条件的记录（无记录时自纳入范围之日）起，间隔不得超过规定月数", 0,
	  interval_params },
	{ "deadline", ST_CHECK_DEADLINE,
	  "每个事件发生后须在期限内有相应记录；逾期未办为逾期，办理晚于期限为不合格", 0,
	  deadline_params },
	{ "checklist-item", ST_CHECK_CHECKLIST_ITEM,
	  "取窗口期内最近一次检查中该检查项的结果", 0, checklist_params },
	{ "failed-items-linked", ST_CHECK_FAILED_ITEMS,
	  "窗口期内每次检查的每个不合格项均须登记关联的隐患记录", 0, failed_items_params },
	{ "required-fields", ST_CHECK_REQUIRED_FIELDS,
	  "所选每条记录均须填写规定字段", 0, fields_params },
	{ "date-order", ST_CHECK_DATE_ORDER,
	  "所选每条记录的各日期均须填写且先后顺序正确", 0, fields_params },
	{ "threshold", ST_CHECK_THRESHOLD,
	  "实际值不得低于按公式计算的要求值", 1, threshold_params },
	{ "assert", ST_CHECK_ASSERT,
	  "所选每个对象均须满足条件", 0, assert_params },
	{ "expiry", ST_CHECK_EXPIRY,
	  "所选每个对象的最晚有效期不得早于评估日", 0, expiry_params },
};

const struct st_check_spec *st_check_spec(enum st_check_kind kind)
{
	return kind < ST_CHECK__COUNT ? &specs[kind] : NULL;
}

const struct st_check_spec *st_check_spec_by_name(const char *name)
{
	for (size_t i = 0; i < ST_CHECK__COUNT; i++)
		if (strcmp(specs[i].name, name) == 0)
			return &specs[i];
	return NULL;
}
