/*
 * main.c — global options and the command table.
 *
 *   safetrack [--db FILE] [--rules DIR] COMMAND [ARGS...]
 *
 * Global options come before the command (INTERCHANGE §0).  Dispatch is one
 * table lookup; every command parses its own options and answers --help.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/xslt.h>

#include "st_cli.h"
#include "st_columns.h"
#include "st_alloc.h"

#define VERSION "0.1.0"

static const struct st_command commands[] = {
	{ "init", cmd_init, "safetrack [--db FILE] init", "新建一个空数据库" },
	{ "import", cmd_import, "safetrack import DIR", "导入园区档案（CSV 文件夹），一个事务" },
	{ "export", cmd_export, "safetrack export DIR", "导出园区档案为 CSV 文件夹" },
	{ "check", cmd_check,
	  "safetrack check [--as-of DATE] [--enterprise ID] [--rule ID] [--tailoring FILE] [--format text|tsv|xml|json]",
	  "按规则包逐条核查园区与企业的合规状态" },
	{ "overdue", cmd_overdue, "safetrack overdue [--as-of DATE] [--within DAYS] [--tailoring FILE]",
	  "列出全园区已逾期和即将到期的义务（每日督办清单）" },
	{ "report", cmd_report,
	  "safetrack report park|enterprise ID|quarter YYYY-Qn [--as-of DATE] [--template FILE] [-o FILE]",
	  "用模板生成 HTML 合规报告" },
	{ "rules", cmd_rules, "safetrack rules validate [DIR] | list | show ID", "校验、列出、查看规则" },
	{ "inspect", cmd_inspect,
	  "safetrack inspect ENTERPRISE --date DATE --kind KIND [--id ID] [--inspectors NAMES] N=pass|fail[:NOTE]|na ...",
	  "登记一次检查及其 " ST_ITEMS_TEXT " 项检查结果" },
	{ "hazard", cmd_hazard, "safetrack hazard add|rectify|close|reopen ...",
	  "登记、整改、销号或重新打开事故隐患（四落实）" },
	{ "add", cmd_add, "safetrack add KIND --field VALUE ...",
	  "登记安全评价、证书、设备检测、事故、会议、演练、责任书等记录" },
	{ "edit", cmd_edit, "safetrack edit KIND ID --COLUMN VALUE ... [--reason TEXT]",
	  "修改一条记录（只改给出的字段），原记录留在历史中" },
	{ "void", cmd_void, "safetrack void KIND ID --reason TEXT [--date DATE]",
	  "作废一条记录（保留记录，核查自作废日起不再计入）" },
	{ "history", cmd_history, "safetrack history KIND ID",
	  "查看一条记录的全部版本：修改人、时间、原因、改动" },
	{ "list", cmd_list, "safetrack list KIND [--enterprise ID]", "列出企业或某类记录" },
	{ "show", cmd_show, "safetrack show ENTERPRISE", "查看一家企业及其全部记录" },
	{ "backup", cmd_backup, "safetrack backup FILE", "在线备份数据库（其他程序可同时写入）" },
	{ "restore", cmd_restore, "safetrack restore FILE", "检查备份后用它恢复数据库（先另存当前数据库）" },
	{ "user", cmd_user, "safetrack user add|passwd|disable|list ...", "管理网页端账户" },
	{ "serve", cmd_serve,
	  "safetrack serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]",
	  "启动网页端（园区办公室在平板或手机上使用）" },
	{ "generate", cmd_generate, "safetrack generate --enterprises N --years Y --seed S DIR",
	  "生成可复现的合成园区档案（用于测试与基准）" },
};

static void print_help(FILE *f)
{
	fprintf(f, "用法: safetrack [--db FILE] [--rules DIR] COMMAND [ARGS...]\n\n"
		   "工业园区安全生产合规管理工具。\n\n"
		   "全局选项:\n"
		   "  --db FILE     数据库文件（默认 $SAFETRACK_DB，否则 ./safetrack.db）\n"
		   "  --rules DIR   规则包目录（默认项目或安装目录中的 rules/）\n"
		   "  --help        显示本帮助\n"
		   "  --version     显示版本\n\n"
		   "命令:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n每个命令均支持 --help，例如: safetrack check --help\n");
}

int main(int argc, char **argv)
{
	struct st_cli cli = { 0 };
	int i = 1, rc;

	cli.db_path = getenv("SAFETRACK_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "safetrack.db";

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_help(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("safetrack %s\n", VERSION);
			return 0;
		} else if (!strcmp(a, "--db") || !strcmp(a, "--rules")) {
			if (i + 1 >= argc)
				return st_cli_usage("safetrack [--db FILE] [--rules DIR] COMMAND ...",
						    "选项 %s 需要一个值", a);
			if (a[2] == 'd')
				cli.db_path = argv[++i];
			else
				cli.rules_dir = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			cli.db_path = a + 5;
		} else if (!strncmp(a, "--rules=", 8)) {
			cli.rules_dir = a + 8;
		} else {
			return st_cli_usage("safetrack [--db FILE] [--rules DIR] COMMAND ...",
					    "未知的选项 '%s'", a);
		}
	}
	if (i >= argc) {
		print_help(stderr);
		return 1;
	}

	const struct st_command *cmd = NULL;
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (!strcmp(commands[k].name, argv[i]))
			cmd = &commands[k];
	if (!cmd) {
		const char *names[sizeof commands / sizeof commands[0]], *near;
		for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
			names[k] = commands[k].name;
		near = st_cli_nearest(argv[i], names, sizeof names / sizeof names[0]);
		if (near)
			return st_cli_usage("safetrack [--db FILE] [--rules DIR] COMMAND ...",
					    "未知的命令 '%s'（是不是 %s？见 safetrack --help）", argv[i],
					    near);
		return st_cli_usage("safetrack [--db FILE] [--rules DIR] COMMAND ...",
				    "未知的命令 '%s'（见 safetrack --help）", argv[i]);
	}

	/* libxml2's allocations through st_alloc's hooks from the start: report
	 * budgets, and failed allocations that libxml2 would not pass on */
	st_alloc_install();
	xmlInitParser();
	rc = cmd->run(&cli, argc - i, argv + i);
	/* output lost on a full disk must not end in success; a command that
	 * already failed has said why */
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc != 1)
		rc = st_cli_error("写出结果失败");

	st_pack_free(cli.pack);
	st_store_close(cli.db);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
