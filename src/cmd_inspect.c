/*
 * cmd_inspect.c — `safetrack inspect`: record one inspection of an
 * enterprise with the results of all ST_ITEMS (13) checklist items (chapter 7).
 *
 *   safetrack inspect ENTERPRISE --date 2026-03-10 --kind quarterly \
 *       1=pass 2=pass ... 5=fail:"消防通道堵塞" ... 13=na
 *
 * All 13 items are required: a checklist with a gap would let CHK-xx read
 * "not checked" where the inspector simply forgot to write the result.  A
 * note after an item ("5=fail:说明") goes into the inspection's notes as
 * "5: 说明", which is where the dossier keeps it too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_record_cli.h"
#include "st_values.h"

#define ITEMS ST_ITEMS_TEXT

static const char usage[] =
	"safetrack inspect ENTERPRISE --date DATE --kind KIND [--id ID] [--inspectors NAMES] "
	"[--notes TEXT] [--all-pass] [--force] 1=RESULT ... " ITEMS "=RESULT";

static const char intro[] =
	"登记一次检查：ENTERPRISE 为企业的统一社会信用代码、全称或名称中唯一的一段。\n"
	ITEMS " 个检查项都要给出结果，写作 N=pass、N=fail 或 N=na（或 N=合格、N=不合格、N=不适用，\n"
	"N 为 1 到 " ITEMS "）；加 --all-pass 时未写出的项均为合格。不合格项可附说明，如\n"
	"5=fail:\"消防通道堵塞\"，说明记入检查备注（“5: 消防通道堵塞”）。\n"
	"检查类型 --kind 可写 quarterly|mid-year|year-end|joint|special 或 季度、年中、年末、联合、专项。\n"
	"同一企业同一天同类检查已登记过、或检查日期晚于明天时拒绝登记，确有其事请加 --force。\n"
	"已登记的检查要修改请用 safetrack edit inspection ID --item5 …（只改给出的字段）。\n"
	"检查项：";

/* the intro with the checklist (st_items) after it, four items a line */
static const char *intro_with_items(char *buf, size_t n)
{
	size_t k = (size_t)snprintf(buf, n, "%s", intro);

	for (int i = 0; i < ST_ITEMS && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%d %s", i == 0 ? "" : i % 4 ? "  " : "\n",
				      i + 1, st_items[i]);
	return buf;
}

/* parse "N=RESULT[:NOTE]" into items[]/notes[]; 0 or 1 after a usage error */
static int parse_item(char *arg, const char *items[ST_ITEMS], const char *notes[ST_ITEMS])
{
	char *eq = strchr(arg, '='), *end;
	long n;

	if (!eq || eq == arg)
		return st_cli_usage(usage, "无法理解参数 '%s'（检查项应写作 N=pass、N=fail 或 N=na）",
				    arg);
	*eq = '\0';
	n = strtol(arg, &end, 10);
	if (*end || n < 1 || n > ST_ITEMS) {
		*eq = '=';
		return st_cli_usage(usage, "检查项编号 '%.*s' 应为 1 到 %d", (int)(eq - arg), arg,
				    ST_ITEMS);
	}
	if (items[n - 1])
		return st_cli_usage(usage, "第 %ld 项的结果给了两次", n);
	items[n - 1] = eq + 1;
	/* "5=fail:说明", also with a full-width colon */
	char *colon = strchr(eq + 1, ':'), *wide = strstr(eq + 1, "：");
	if (wide && (!colon || wide < colon)) {
		*wide = '\0';
		notes[n - 1] = wide + strlen("：");
	} else if (colon) {
		*colon = '\0';
		notes[n - 1] = colon + 1;
	}
	return 0;
}

/* the notes column: --notes, then "N: note" for each item note, "; "-joined */
static char *join_notes(const char *notes_opt, const char *notes[ST_ITEMS])
{
	size_t len = notes_opt ? strlen(notes_opt) + 2 : 0;
	char *s, *p;

	for (int i = 0; i < ST_ITEMS; i++)
		if (notes[i] && *notes[i])
			len += strlen(notes[i]) + 8;
	if (!(p = s = malloc(len + 1)))
		return NULL;
	*s = '\0';
	if (notes_opt && *notes_opt)
		p += sprintf(p, "%s", notes_opt);
	for (int i = 0; i < ST_ITEMS; i++)
		if (notes[i] && *notes[i])
			p += sprintf(p, "%s%d: %s", p == s ? "" : "; ", i + 1, notes[i]);
	return s;
}

int cmd_inspect(struct st_cli *cli, int argc, char **argv)
{
	const struct st_kind_info *k = st_kind_info(ST_INSPECTION);
	const char *values[ST_MAX_COLS], *items[ST_ITEMS] = { 0 }, *notes[ST_ITEMS] = { 0 };
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	char *pos[ST_ITEMS + 3], *notes_col = NULL, missing[64] = "", failed[64] = "", help[1600];
	int npos, rc, nfail = 0, all_pass = 0, n = 1;
	unsigned force;
	sqlite3 *db;

	/* --all-pass: every item not written out passed */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--all-pass"))
			all_pass = 1;
		else
			argv[n++] = argv[i];
	}
	argc = n;
	argv[n] = NULL;
	if (st_record_take_common(&argc, argv, NULL, &force, usage))
		return 1;
	rc = st_record_parse(argc, argv, ST_INSPECTION,
			     "enterprise item1 item2 item3 item4 item5 item6 item7 item8 item9 "
			     "item10 item11 item12 item13 voided void_reason",
			     values, pos, ST_ITEMS + 3, &npos, usage,
			     intro_with_items(help, sizeof help));
	if (rc)
		return rc == 2 ? 0 : rc;
	if (npos == 0)
		return st_cli_usage(usage, "缺少企业（统一社会信用代码或名称）");
	values[ST_COL_INSPECTION_enterprise] = pos[0];
	for (int i = 1; i < npos; i++)
		if (parse_item(pos[i], items, notes))
			return 1;
	for (int i = 0; i < ST_ITEMS; i++) {
		if (!items[i] && all_pass)
			items[i] = "pass";
		if (!items[i])
			snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%d",
				 *missing ? "、" : "", i + 1);
		values[ST_ITEM_COL + i] = items[i];
	}
	if (*missing)
		return st_cli_usage(usage, "缺少第 %s 项的检查结果（%d 项都要填写，或用 --all-pass "
				    "表示其余各项合格）", missing, ST_ITEMS);
	if (!(notes_col = join_notes(values[ST_COL_INSPECTION_notes], notes)))
		return st_cli_error("内存不足");
	values[ST_COL_INSPECTION_notes] = *notes_col ? notes_col : NULL;

	if (!(db = st_cli_db(cli, ST_STORE_WRITE))) {
		free(notes_col);
		return 1;
	}
	rc = st_record_save(db, "inspect", ST_INSPECTION, values, force, &res);
	if (rc == 0) {
		/* what was stored, not what was typed: 1=FAIL and 1=不合格 are fail */
		for (int i = 0; i < ST_ITEMS; i++) {
			if (strcmp(res.values[ST_ITEM_COL + i], "fail"))
				continue;
			nfail++;
			snprintf(failed + strlen(failed), sizeof failed - strlen(failed), "%s%d",
				 *failed ? "、" : "", i + 1);
		}
		const char *const *v = (const char *const *)res.values;
		printf("%s%s %s（企业 %s，%s，%s检查，不合格 %d 项%s%s%s）\n", st_record_verb(res.put),
		       k->label, v[ST_COL_INSPECTION_id], v[ST_COL_INSPECTION_enterprise],
		       v[ST_COL_INSPECTION_date], st_value_label(v[ST_COL_INSPECTION_kind]), nfail,
		       nfail ? "：第 " : "", nfail ? failed : "", nfail ? " 项" : "");
		if (nfail)
			printf("提示：不合格项请登记隐患，如 safetrack hazard add %s --inspection %s --item N …\n",
			       v[ST_COL_INSPECTION_enterprise], v[ST_COL_INSPECTION_id]);
	}
	st_record_result_release(&res);
	free(notes_col);
	return rc;
}
