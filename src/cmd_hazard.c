/*
 * cmd_hazard.c — `safetrack hazard add|rectify|close|reopen`: the hazard
 * lifecycle of the recording layer (st_record.h) on the command line.
 *
 *   add      register a hazard, with its "four implementations" (四落实:
 *            measures, funds, responsible person, deadline;
 *            HAZ-FOUR-IMPLEMENTATIONS) now or later with `edit hazard ID`
 *   rectify  the enterprise reports it rectified, with a note
 *   close    an officer verifies and closes it (销号; HAZ-RECTIFY-DEADLINE
 *            judges the closing date against the deadline); a major hazard
 *            needs complete 四落实 and --verified-by
 *   reopen   back to open, with a reason
 *
 * Every message printed after a change describes the stored record, not
 * the arguments.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_record_cli.h"
#include "st_values.h"

static const char usage[] = "safetrack hazard add|rectify|close|reopen ...";
static const char usage_add[] =
	"safetrack hazard add ENTERPRISE --found DATE --description TEXT --grade general|major "
	"[--inspection ID --item N] [--measures TEXT] [--funds YUAN] [--owner NAME] "
	"[--deadline DATE] [--id ID] [--force]";
static const char usage_rectify[] = "safetrack hazard rectify ID --note TEXT [--date DATE]";
static const char usage_close[] =
	"safetrack hazard close ID --date DATE [--verified-by NAME]";
static const char usage_reopen[] = "safetrack hazard reopen ID --reason TEXT";

static const char intro_add[] =
	"登记一条事故隐患。ENTERPRISE 为企业的统一社会信用代码、全称或名称中唯一的一段。\n"
	"整改措施、资金、责任人、期限即“四落实”，可以登记时填写，也可以稍后用\n"
	"safetrack edit hazard ID --measures …… 补全（只改给出的字段）。\n"
	"由检查发现的隐患请用 --inspection 与 --item 关联到检查记录及其不合格项。\n"
	"发现日期晚于明天时拒绝登记，确属未来日期请加 --force。";
static const char intro_rectify[] =
	"企业整改完成后报告整改情况（--note：做了什么、有何凭证），隐患进入待验收状态。\n"
	"--date 为整改完成日期，默认今天。";
static const char intro_close[] =
	"隐患整改完成并经验收后销号：记录销号日期（--date）和验收人。重大隐患须四落实齐全\n"
	"并填写验收人（--verified-by）。原记录保存在历史中。";
static const char intro_reopen[] =
	"重新打开已整改或已销号的隐患（如复查发现仍未消除），须说明原因（--reason）。\n"
	"销号日期、验收人和整改情况清空，原记录保存在历史中。";

/* "已登记隐患 ID（企业 …，一般隐患）" and what is still missing */
static void print_hazard(const char *verb, const struct st_record_result *res)
{
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const char *const *v = (const char *const *)res->values;
	char missing[160] = "";

	printf("%s隐患 %s（企业 %s，%s隐患，%s）\n", verb, v[ST_COL_HAZARD_id],
	       v[ST_COL_HAZARD_enterprise], st_value_label(v[ST_COL_HAZARD_grade]),
	       st_hazard_state_label(st_hazard_state(v)));
	for (int i = 0; i < ST_HAZARD_FOUR; i++)
		if (!v[st_hazard_four[i]])
			snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
				 *missing ? "、" : "", k->cols[st_hazard_four[i]].label);
	if (*missing && !v[ST_COL_HAZARD_closed])
		printf("提示：尚未落实%s（四落实），补全请用 safetrack edit hazard %s --measures …\n",
		       missing, v[ST_COL_HAZARD_id]);
}

static int hazard_add(struct st_cli *cli, int argc, char **argv)
{
	const char *values[ST_MAX_COLS];
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	char *pos[1];
	unsigned force;
	sqlite3 *db;
	int npos, rc;

	if (st_record_take_common(&argc, argv, NULL, &force, usage_add))
		return 1;
	rc = st_record_parse(argc, argv, ST_HAZARD,
			     "enterprise closed verified_by rectified rectification voided void_reason",
			     values, pos, 1, &npos, usage_add, intro_add);
	if (rc)
		return rc == 2 ? 0 : rc;
	if (npos == 0)
		return st_cli_usage(usage_add, "缺少企业（统一社会信用代码或名称）");
	values[ST_COL_HAZARD_enterprise] = pos[0];
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	rc = st_record_save(db, "hazard add", ST_HAZARD, values, force, &res);
	if (rc == 0)
		print_hazard(st_record_verb(res.put), &res);
	st_record_result_release(&res);
	return rc;
}

/* ID plus the options of one lifecycle step; 0, 1 (usage error), 2 (help) */
static int parse_step(int argc, char **argv, const struct option *opts, const char **vals,
		      const char *use, const char *intro, const char **id)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c >= 0 && c < 8) {
			vals[c] = optarg;
			continue;
		}
		if (c == 'h') {
			printf("用法: %s\n\n%s\n", use, intro);
			return 2;
		}
		return st_cli_option(c, argv, use, intro);
	}
	if (argc - optind != 1)
		return st_cli_usage(use, argc == optind ? "缺少隐患编号" : "参数过多");
	*id = argv[optind];
	return 0;
}

static int hazard_step(struct st_cli *cli, int argc, char **argv, const char *step)
{
	static const struct option o_rectify[] = {
		{ "note", required_argument, NULL, 0 },
		{ "date", required_argument, NULL, 1 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct option o_close[] = {
		{ "date", required_argument, NULL, 0 },
		{ "verified-by", required_argument, NULL, 1 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct option o_reopen[] = {
		{ "reason", required_argument, NULL, 0 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	const char *vals[8] = { 0 }, *id = NULL, *use;
	struct st_change ch;
	char command[32];
	sqlite3 *db;
	int rc;

	if (!strcmp(step, "rectify"))
		rc = parse_step(argc, argv, o_rectify, vals, use = usage_rectify, intro_rectify, &id);
	else if (!strcmp(step, "close"))
		rc = parse_step(argc, argv, o_close, vals, use = usage_close, intro_close, &id);
	else
		rc = parse_step(argc, argv, o_reopen, vals, use = usage_reopen, intro_reopen, &id);
	if (rc)
		return rc == 2 ? 0 : rc;
	if (!strcmp(step, "rectify") && !vals[0])
		return st_cli_usage(use, "缺少整改情况 --note");
	if (!strcmp(step, "close") && !vals[0])
		return st_cli_usage(use, "缺少销号日期 --date");
	if (!strcmp(step, "reopen") && (!vals[0] || !*vals[0]))
		return st_cli_usage(use, "缺少重新打开的原因 --reason");
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	snprintf(command, sizeof command, "hazard %s", step);
	st_record_cli_change(&ch, command, !strcmp(step, "reopen") ? vals[0] : NULL, 0);
	if (!strcmp(step, "rectify"))
		st_hazard_rectify(db, id, vals[1], vals[0], &ch, &res);
	else if (!strcmp(step, "close"))
		st_hazard_close(db, id, vals[0], vals[1], &ch, &res);
	else
		st_hazard_reopen(db, id, &ch, &res);
	if ((rc = st_record_cli_report(&res, "未保存")) == 0) {
		const char *const *v = (const char *const *)res.values;
		if (!strcmp(step, "close"))
			printf("已销号隐患 %s（企业 %s，销号日期 %s%s%s）\n", v[ST_COL_HAZARD_id],
			       v[ST_COL_HAZARD_enterprise], v[ST_COL_HAZARD_closed],
			       v[ST_COL_HAZARD_verified_by] ? "，验收人 " : "",
			       v[ST_COL_HAZARD_verified_by] ? v[ST_COL_HAZARD_verified_by] : "");
		else
			print_hazard(!strcmp(step, "rectify") ? "已记录整改：" : "已重新打开", &res);
	}
	st_record_result_release(&res);
	return rc;
}

int cmd_hazard(struct st_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return st_cli_usage(usage, "缺少子命令 add、rectify、close 或 reopen");
	if (!strcmp(argv[1], "add"))
		return hazard_add(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "rectify") || !strcmp(argv[1], "close") || !strcmp(argv[1], "reopen"))
		return hazard_step(cli, argc - 1, argv + 1, argv[1]);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("用法: %s\n      %s\n      %s\n      %s\n\n%s\n\n%s\n\n%s\n\n%s\n", usage_add,
		       usage_rectify, usage_close, usage_reopen, intro_add, intro_rectify, intro_close,
		       intro_reopen);
		return 0;
	}
	return st_cli_usage(usage, "未知的子命令 '%s'", argv[1]);
}
