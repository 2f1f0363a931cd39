/*
 * checks.c — the closed table of check kinds and the parameters each takes.
 *
 * This is the one place that says what a rule file may write inside
 * <check kind="...">.  The loader rejects any parameter not listed here (or,
 * for kinds with free_ints, any non-integer extra); the evaluator reads
 * parameters only by the names listed here.  `rules show` prints `doc`.
 */
#include "st_rules.h"
#include "st_columns.h"

#include <string.h>

#define END { NULL, 0, 0, NULL, 0, 0, NULL, NULL }
#define WARN(d) { "warn_days", ST_PARAM_INT, 0, d, 0, 366, NULL, \
		  "截止日前多少天起显示为“即将到期”" }
#define LOOKBACK { "lookback_days", ST_PARAM_INT, 0, "365", 0, 36600, NULL, \
		   "已办结且早于评估日这么多天的事件不再判定" }
#define WINDOW { "window_days", ST_PARAM_INT, 0, "92", 1, 3660, NULL, \
		 "评估日前多少天内的检查计入（含首尾两天）" }
#define SELECT(req, d) { "select", ST_PARAM_XPATH, req, d, 0, 0, NULL, \
			 "本检查判定的记录（相对于被查对象的 XPath）" }
#define LABEL { "label", ST_PARAM_XPATH, 0, "string(@id)", 0, 0, NULL, \
		"说明中如何称呼不符合要求的记录" }

static const struct st_param_spec calendar_params[] = {
	{ "period", ST_PARAM_ENUM, 1, NULL, 0, 0, "quarter half year",
	  "应有记录的日历周期：quarter 季度、half 半年、year 年度" },
	SELECT(1, NULL),
	{ "date", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL,
	  "记录的日期字段；记录计入其日期所在的周期" },
	{ "year_field", ST_PARAM_FIELD, 0, NULL, 0, 0, NULL,
	  "（仅年度）若设置，记录计入该字段所写的年度" },
	{ "due_month", ST_PARAM_INT, 0, NULL, 1, 12, NULL,
	  "（仅年度）截止日为该月最后一天，而非 12 月 31 日" },
	{ "scope_start", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "对象纳入范围的起始日期（只计完整周期）" },
	WARN("30"),
	END
};

static const struct st_param_spec interval_params[] = {
	SELECT(1, NULL),
	{ "date", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL, "记录的日期字段" },
	{ "months", ST_PARAM_INT, 1, NULL, 1, 1200, NULL,
	  "距上一条记录的最长间隔（月）" },
	{ "scope_start", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "尚无记录时的起算日期" },
	WARN("30"),
	END
};

static const struct st_param_spec deadline_params[] = {
	SELECT(1, NULL),
	{ "event", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL,
	  "事件的日期或时间字段" },
	{ "record", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL,
	  "办结记录的日期或时间字段" },
	{ "due_field", ST_PARAM_FIELD, 0, NULL, 0, 0, NULL,
	  "事件自身的期限字段（无期限的事件不判定）" },
	{ "deadline_days", ST_PARAM_INT, 0, NULL, 0, 36600, NULL,
	  "期限为事件日期加上这么多天" },
	{ "deadline_hours", ST_PARAM_INT, 0, NULL, 1, 8784, NULL,
	  "期限为事件时间加上这么多小时" },
	{ "priority", ST_PARAM_XPATH, 0, NULL, 0, 0, NULL,
	  "满足该条件的事件在说明中排在最前（如重大隐患）" },
	LABEL,
	WARN("30"),
	LOOKBACK,
	END
};

static const struct st_param_spec checklist_params[] = {
	{ "item", ST_PARAM_INT, 1, NULL, 1, ST_ITEMS, NULL, "检查项编号 1–" ST_ITEMS_TEXT },
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
	  "每条记录必须填写的字段（date-order：按此先后顺序）" },
	LABEL,
	END
};

static const struct st_param_spec threshold_params[] = {
	{ "value", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL, "被判定的数值" },
	{ "required", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "要求的最小值；实际值不小于要求值为合格" },
	{ "basis", ST_PARAM_XPATH, 0, NULL, 0, 0, NULL,
	  "计算要求值所依据的数值，显示在说明中" },
	{ "value_zh", ST_PARAM_TEXT, 0, "实际值", 0, 0, NULL, "实际值的中文名称" },
	{ "value_en", ST_PARAM_TEXT, 0, "value", 0, 0, NULL, "实际值的英文名称（tsv 输出）" },
	{ "basis_zh", ST_PARAM_TEXT, 0, "依据", 0, 0, NULL, "依据的中文名称" },
	{ "basis_en", ST_PARAM_TEXT, 0, "basis", 0, 0, NULL, "依据的英文名称（tsv 输出）" },
	END
};

static const struct st_param_spec assert_params[] = {
	SELECT(0, "."),
	{ "test", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "对符合要求的对象为真" },
	LABEL,
	{ "message_zh", ST_PARAM_TEXT, 1, NULL, 0, 0, NULL,
	  "不符合时的中文说明，后接不符合的对象" },
	{ "message_en", ST_PARAM_TEXT, 1, NULL, 0, 0, NULL,
	  "不符合时的英文说明（tsv 输出）" },
	END
};

static const struct st_param_spec expiry_params[] = {
	SELECT(1, NULL),
	{ "expires", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "对象的候选有效期（节点集），以最晚者为准" },
	LABEL,
	WARN("30"),
	/* revision 2, CERT-SPECIAL-OPERATION: started before the first issue */
	{ "issued", ST_PARAM_XPATH, 0, NULL, 0, 0, NULL,
	  "对象的候选发证日期（节点集）；给出时，开始日期早于最早发证日期为不合格（未持证上岗）" },
	{ "started", ST_PARAM_XPATH, 0, NULL, 0, 0, NULL,
	  "对象开始须持证的日期（如上岗日期），与 issued 一起使用" },
	{ "lookback_days", ST_PARAM_INT, 0, "365", 0, 36600, NULL,
	  "最早发证日期早于评估日这么多天的未持证时段不再判定" },
	END
};

/* revision 2 */
static const struct st_param_spec known_params[] = {
	{ "test", ST_PARAM_XPATH, 1, NULL, 0, 0, NULL,
	  "判断所需的记录齐全时为真（相对于被查对象）" },
	{ "message_zh", ST_PARAM_TEXT, 1, NULL, 0, 0, NULL, "记录不全时的中文说明" },
	{ "message_en", ST_PARAM_TEXT, 1, NULL, 0, 0, NULL, "记录不全时的英文说明（tsv 输出）" },
	END
};

static const struct st_param_spec renewal_params[] = {
	SELECT(1, NULL),
	{ "expires", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL, "记录的有效期字段；以最晚到期者为准" },
	{ "applied", ST_PARAM_FIELD, 1, NULL, 0, 0, NULL, "申请延期的日期字段" },
	{ "months_before", ST_PARAM_INT, 1, NULL, 0, 120, NULL,
	  "须在有效期满前多少个月申请延期（加减月遇月末取该月最后一天）" },
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
	{ "known", ST_CHECK_KNOWN,
	  "判断所需的记录须齐全，否则为“未核查”，不再执行其后的检查", 0, known_params },
	{ "renewal", ST_CHECK_RENEWAL,
	  "最晚到期的一条记录须在有效期内，且在期满前规定月数内申请延期", 0, renewal_params },
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
