/*
 * cmd_list.c — `safetrack list KIND [--enterprise ID] [--park ID]`: the
 * records of one kind as a readable Chinese table.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_record_cli.h"

static const char usage[] =
	"safetrack list KIND [--enterprise ID] [--park ID] [--open] [--limit N] [--offset M]";

static const char help[] =
	"列出一类记录（按日期、编号排序）。KIND 为 parks、enterprises、inspections、hazards、\n"
	"evaluations、projects、workers、certificates、equipment、accidents、meetings、drills、\n"
	"letters（单数亦可）。\n\n"
	"  --enterprise ID   只列这家企业的记录（演练：该企业参加的演练）；编号、全称或名称中唯一的一段\n"
	"  --park ID         只列这个园区的记录（企业、会议、演练、责任书）；编号或名称\n"
	"  --open            只列未销号、未作废的记录（隐患）\n"
	"  --limit N         最多列 N 条（分页）\n"
	"  --offset M        跳过前 M 条（与 --limit 一起分页）\n";

/* a --limit or --offset value: an integer >= min; -1 after the usage error */
static long long count_arg(const char *opt, const char *arg, long long min)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (!*arg || *end || errno || v < min) {
		st_cli_usage(usage, "%s 的值 '%s' 应为%s整数", opt, arg, min ? "正" : "不小于 0 的");
		return -1;
	}
	return v;
}

int cmd_list(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "enterprise", required_argument, NULL, 'e' },
		{ "park", required_argument, NULL, 'p' },
		{ "open", no_argument, NULL, 'o' },
		{ "limit", required_argument, NULL, 'l' },
		{ "offset", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *enterprise = NULL, *park = NULL, *col = NULL, *val = NULL;
	const struct st_kind_info *k;
	char *named = NULL;
	sqlite3 *db;
	long long limit = -1, offset = 0;
	int c, kind, open_only = 0;
	long n;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'e': enterprise = optarg; break;
		case 'p': park = optarg; break;
		case 'o': open_only = 1; break;
		case 'l':
			if ((limit = count_arg("--limit", optarg, 1)) < 0)
				return 1;
			break;
		case 'O':
			if ((offset = count_arg("--offset", optarg, 0)) < 0)
				return 1;
			break;
		default:
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (argc - optind != 1)
		return st_cli_usage(usage, argc == optind ? "缺少记录类别 KIND" : "参数过多");
	if ((kind = st_kind_find(argv[optind])) < 0 || strstr(argv[optind], ".csv"))
		return st_cli_usage(usage, "未知的记录类别 '%s'", argv[optind]);
	k = st_kind_info(kind);
	if (enterprise && park)
		return st_cli_usage(usage, "--enterprise 与 --park 只能选一个");
	if (enterprise) {
		val = enterprise;
		col = kind == ST_DRILL ? "participants" : "enterprise";
	} else if (park) {
		val = park;
		col = "park";
	}
	if (col && st_column_find(k, col) < 0)
		return st_cli_usage(usage, "%s不按%s区分", k->label, enterprise ? "企业" : "园区");
	if (open_only && st_column_find(k, "closed") < 0)
		return st_cli_usage(usage, "--open 只用于隐患（hazards）");
	if (!(db = st_cli_db(cli, ST_STORE_READ)))
		return 1;
	if (val && !(val = named = st_cli_resolve(db, enterprise ? ST_ENTERPRISE : ST_PARK, val)))
		return 1;
	n = st_record_list_page(stdout, db, kind, col, val, ST_ORDER_DATE, NULL, open_only, limit,
				offset);
	free(named);
	if (n < 0)
		return 1;
	if (n == 0 && offset > 0)
		printf("第 %lld 条之后没有%s%s。\n", offset, open_only ? "未销号的" : "", k->label);
	else if (n == 0)
		printf("没有%s%s。\n", open_only ? "未销号的" : "", k->label);
	else if (limit >= 0 || offset > 0)
		printf("第 %lld 至 %lld 条。\n", offset + 1, offset + n);
	else
		printf("共 %ld 条。\n", n);
	return 0;
}
