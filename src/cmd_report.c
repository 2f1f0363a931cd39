/*
 * cmd_report.c — `safetrack report`: an HTML compliance report from an XSLT
 * template (park, one enterprise, or one quarter's inspections).
 *
 * With -o the report is written to a new temporary beside FILE and renamed
 * over FILE only once it is complete and on disk, under FILE.lock, so that a
 * failed run never leaves half a report where a good one was, two runs to
 * the same FILE never mix, and FILE is never the database (st_outfile.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_outfile.h"
#include "st_report.h"

static const char usage[] =
	"safetrack report park|enterprise ID|quarter YYYY-Qn [--park ID] [--as-of DATE] "
	"[--tailoring FILE] [--template FILE] [-o FILE]";

static const char help[] =
	"用 XSLT 模板生成 HTML 合规报告（单个文件，内嵌样式，可直接用 A4 纸打印）。\n\n"
	"  park                园区安全生产合规报告：总体合规率、各状态数量、企业问题排名、\n"
	"                      逾期与即将到期事项、隐患整改、分规则汇总、近八个季度合规率趋势\n"
	"  enterprise ID       企业合规报告：每条规则的状态、期限、说明、条款原文与整改要求\n"
	"  quarter YYYY-Qn     季度安全检查报告：各企业 13 项检查结果、检查人员及由不合格项\n"
	"                      登记的隐患（四落实）\n\n"
	"  --park ID           园区（数据库中只有一个园区时可省略）\n"
	"  --as-of DATE        评估日（YYYY-MM-DD，默认今天）；晚于该日的记录不计入\n"
	"  --tailoring FILE    园区裁剪文件（调整参数或停用规则）\n"
	"  --template FILE     使用自己的 XSLT 1.0 样式表（输入文档见 templates/README.md）\n"
	"  -o FILE             写入文件（默认输出到标准输出）\n";

/* write the report to stdout, or to path through a temporary beside it
 * under path's lock (never the database at db_path) */
static int render_to(const struct st_report_input *in, enum st_report_kind kind,
		     const char *arg, const char *template_path, const char *path,
		     const char *db_path)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_outfile o = { .lock.fd = -1 };
	FILE *f = stdout;
	int rc;

	if (path) {
		if (st_outfile_open(&o, path, db_path, &diag)) {
			st_cli_print_errors(&diag);
			st_diag_release(&diag);
			return 1;
		}
		f = o.f;
	}
	rc = st_report_render(in, kind, arg, template_path, f, &diag);
	if (rc == 0 && (fflush(f) != 0 || ferror(f)))
		rc = st_diag_add(&diag, "写出报告失败: %s", strerror(errno));
	if (path) {
		if (rc == 0)
			rc = st_outfile_commit(&o, &diag);
		else
			st_outfile_abort(&o);
	}
	/* on success diag may still hold the template's xsl:message lines */
	st_cli_print_errors(&diag);
	st_diag_release(&diag);
	return rc == 0 ? 0 : 1;
}

int cmd_report(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "park", required_argument, NULL, 'p' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "tailoring", required_argument, NULL, 't' },
		{ "template", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_report_input in = { 0 };
	const char *as_of_arg = NULL, *tailoring = NULL, *template_path = NULL, *output = NULL;
	const char *arg = NULL;
	enum st_report_kind kind;
	int c, y, q;

	optind = 1;
	opterr = 0;
	/* GNU getopt permutes: options may come before or after the operands */
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'p': in.park = optarg; break;
		case 'a': as_of_arg = optarg; break;
		case 't': tailoring = optarg; break;
		case 'T': template_path = optarg; break;
		case 'o': output = strcmp(optarg, "-") ? optarg : NULL; break;
		default:
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (optind >= argc)
		return st_cli_usage(usage, "缺少报告类型（park、enterprise 或 quarter）");
	const char *what = argv[optind++];
	if (!strcmp(what, "park")) {
		kind = ST_REPORT_PARK;
	} else if (!strcmp(what, "enterprise") || !strcmp(what, "quarter")) {
		kind = what[0] == 'e' ? ST_REPORT_ENTERPRISE : ST_REPORT_QUARTER;
		if (optind >= argc)
			return st_cli_usage(usage, "%s 报告需要%s", what,
					    kind == ST_REPORT_ENTERPRISE ? "企业 ID" : "季度（YYYY-Qn）");
		arg = argv[optind++];
		if (kind == ST_REPORT_QUARTER && st_report_parse_quarter(arg, &y, &q) != 0)
			return st_cli_usage(usage, "季度 '%s' 的格式应为 YYYY-Qn，例如 2026-Q3", arg);
	} else {
		return st_cli_usage(usage, "未知的报告类型 '%s'（应为 park、enterprise 或 quarter）", what);
	}
	if (optind < argc)
		return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);

	if (st_cli_parse_as_of(as_of_arg, &in.as_of) != 0)
		return 1;
	if (!(in.pack = st_cli_pack(cli, tailoring)))
		return 1;
	if (!(in.db = st_cli_db(cli, ST_STORE_READ)))
		return 1;
	return render_to(&in, kind, arg, template_path, output, cli->db_path);
}
