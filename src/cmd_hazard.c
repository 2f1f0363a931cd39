/*
 * cmd_hazard.c — `safetrack hazard add|close`: register a hazard with its
 * "four implementations" (四落实: measures, funds, responsible person,
 * deadline; HAZ-FOUR-IMPLEMENTATIONS) and close it when it is rectified
 * (HAZ-RECTIFY-DEADLINE judges the closing date against the deadline).
 *
 * Closing rewrites the whole hazard record through the same validation as
 * every other record, so the open version lands in the history.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack hazard add|close ...";
static const char usage_add[] =
	"safetrack hazard add ENTERPRISE --found DATE --description TEXT --grade general|major "
	"[--inspection ID --item N] [--measures TEXT] [--funds YUAN] [--owner NAME] "
	"[--deadline DATE] [--id ID]";
static const char usage_close[] =
	"safetrack hazard close ID --date DATE [--verified-by NAME]";

static const char intro_add[] =
	"登记一条事故隐患。ENTERPRISE 为企业的统一社会信用代码。整改措施、资金、责任人、期限\n"
	"即“四落实”，可以登记时填写，也可以稍后用同一编号（--id）再次登记补全。\n"
	"由检查发现的隐患请用 --inspection 与 --item 关联到检查记录及其不合格项。";

static const char intro_close[] =
	"隐患整改完成后销号：记录销号日期（--date）和验收人。原记录保存在历史中。";

static int hazard_add(struct st_cli *cli, int argc, char **argv)
{
	const char *values[ST_MAX_COLS];
	char *pos[1], *id = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	enum st_put result;
	sqlite3 *db;
	int npos, rc;

	rc = st_record_parse(argc, argv, ST_HAZARD, "enterprise closed verified_by", values, pos, 1,
			     &npos, usage_add, intro_add);
	if (rc)
		return rc == 2 ? 0 : rc;
	if (npos == 0)
		return st_cli_usage(usage_add, "缺少企业（统一社会信用代码）");
	values[1] = pos[0];
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	if (!values[0]) {
		if (!(id = st_record_new_id(db, ST_HAZARD, values, &diag))) {
			st_cli_print_diag(&diag);
			st_diag_release(&diag);
			return 1;
		}
		values[0] = id;
	}
	rc = st_record_save(db, "hazard add", ST_HAZARD, values, &result);
	if (rc == 0) {
		static const char *const four[] = { "measures", "funds", "owner", "deadline" };
		static const char *const names[] = { "整改措施", "整改资金", "整改责任人", "整改期限" };
		char missing[128] = "";
		const struct st_kind_info *k = st_kind_info(ST_HAZARD);

		for (int i = 0; i < 4; i++)
			if (!values[st_column_find(k, four[i])])
				snprintf(missing + strlen(missing), sizeof missing - strlen(missing),
					 "%s%s", *missing ? "、" : "", names[i]);
		printf("%s隐患 %s（企业 %s，%s）\n", st_record_verb(result), values[0], values[1],
		       strcmp(values[6], "major") ? "一般隐患" : "重大隐患");
		if (*missing)
			printf("提示：尚未落实%s（四落实）\n", missing);
	}
	free(id);
	return rc;
}

static int hazard_close(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "verified-by", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const int c_closed = st_column_find(k, "closed"), c_by = st_column_find(k, "verified_by");
	const char *values[ST_MAX_COLS], *date = NULL, *by = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	enum st_put result;
	char **old = NULL;
	sqlite3 *db;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'v': by = optarg; break;
		case 'h':
			printf("用法: %s\n\n%s\n", usage_close, intro_close);
			return 0;
		case ':':
			return st_cli_usage(usage_close, "选项 %s 需要一个值", argv[optind - 1]);
		default:
			return st_cli_usage(usage_close, "未知选项 '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return st_cli_usage(usage_close, argc == optind ? "缺少隐患编号" : "参数过多");
	if (!date)
		return st_cli_usage(usage_close, "缺少销号日期 --date");
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	rc = st_record_load(db, ST_HAZARD, argv[optind], &old, &diag);
	if (rc != 0) {
		if (rc > 0)
			st_cli_error("隐患 %s 不存在", argv[optind]);
		else
			st_cli_print_diag(&diag);
		st_diag_release(&diag);
		return 1;
	}
	if (old[c_closed]) {
		st_cli_error("隐患 %s 已于 %s 销号", argv[optind], old[c_closed]);
		st_values_free(old, k->ncols);
		return 1;
	}
	for (int i = 0; i < k->ncols; i++)
		values[i] = old[i];
	values[c_closed] = date;
	if (by)
		values[c_by] = by;
	rc = st_record_save(db, "hazard close", ST_HAZARD, values, &result);
	if (rc == 0)
		printf("已销号隐患 %s（企业 %s，销号日期 %s%s%s）\n", old[0], old[1], date,
		       values[c_by] ? "，验收人 " : "", values[c_by] ? values[c_by] : "");
	st_values_free(old, k->ncols);
	return rc;
}

int cmd_hazard(struct st_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return st_cli_usage(usage, "缺少子命令 add 或 close");
	if (!strcmp(argv[1], "add"))
		return hazard_add(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "close"))
		return hazard_close(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("用法: %s\n      %s\n\n%s\n%s\n", usage_add, usage_close, intro_add, intro_close);
		return 0;
	}
	return st_cli_usage(usage, "未知的子命令 '%s'", argv[1]);
}
