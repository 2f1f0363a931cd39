/*
 * cmd_report.c — `safetrack report`: an HTML compliance report from an XSLT
 * template (park, one enterprise, or one quarter's inspections).
 *
 * With -o the report is written to FILE.tmp and renamed over FILE only once
 * it is complete, so that a failed run never leaves half a report where a
 * good one was.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_pdf.h"
#include "st_report.h"

static const char usage[] =
	"safetrack report park|enterprise ID|notice ID|quarter YYYY-Qn [--park ID] [--as-of DATE] "
	"[--tailoring FILE] [--template FILE] [-o FILE] [--pdf FILE]";

static const char help[] =
	"用 XSLT 模板生成 HTML 合规报告（单个文件，内嵌样式，可直接用 A4 纸打印）。\n\n"
	"  park                园区安全生产合规报告：总体合规率、各状态数量、企业问题排名、\n"
	"                      逾期与即将到期事项、隐患整改、分规则汇总、近八个季度合规率趋势\n"
	"  enterprise ID       企业安全生产档案（一企一档）：需要整改的问题（按逾期天数）、\n"
	"                      隐患台账、档案记录，合格的规则汇成一张表\n"
	"  notice ID           整改通知书：逐条列出不合格和逾期事项、条款原文、整改要求和\n"
	"                      整改期限，附签收和盖章栏，可直接打印（一至两页）\n"
	"  quarter YYYY-Qn     季度安全检查报告：各企业 13 项检查结果、检查人员及由不合格项\n"
	"                      登记的隐患（四落实）\n\n"
	"  --park ID           园区（数据库中只有一个园区时可省略）\n"
	"  --as-of DATE        评估日（YYYY-MM-DD，默认今天）；晚于该日的记录不计入\n"
	"  --tailoring FILE    园区裁剪文件（调整参数、停用规则，或设定整改通知书的默认整改天数）\n"
	"  --template FILE     使用自己的 XSLT 1.0 样式表（输入文档见 templates/README.md）\n"
	"  -o FILE             写入文件（默认输出到标准输出）\n"
	"  --pdf FILE          同时用无界面 Chromium 打印成 PDF（A4，带页码，无浏览器页眉页脚）；\n"
	"                      需要安装 chromium（环境变量 SAFETRACK_CHROMIUM 可指定浏览器）\n";

/* write the report to path via path.tmp, or to stdout when path is NULL */
static int render_to(const struct st_report_input *in, enum st_report_kind kind,
		     const char *arg, const char *template_path, const char *path)
{
	struct st_diag diag = ST_DIAG_INIT;
	char *tmp = NULL;
	FILE *f = stdout;
	int rc;

	if (path) {
		size_t len = strlen(path) + 5;
		if (!(tmp = malloc(len)))
			return st_cli_error("内存不足");
		snprintf(tmp, len, "%s.tmp", path);
		if (!(f = fopen(tmp, "w"))) {
			st_cli_error("%s: 无法写入: %s", tmp, strerror(errno));
			free(tmp);
			return 1;
		}
	}
	rc = st_report_render(in, kind, arg, template_path, f, &diag);
	if (rc == 0 && (fflush(f) != 0 || ferror(f)))
		rc = st_diag_add(&diag, "写出报告失败: %s", strerror(errno));
	if (path) {
		if (fclose(f) != 0 && rc == 0)
			rc = st_diag_add(&diag, "%s: 写入失败: %s", tmp, strerror(errno));
		if (rc == 0 && rename(tmp, path) != 0)
			rc = st_diag_add(&diag, "%s: 无法写入: %s", path, strerror(errno));
		if (rc != 0)
			remove(tmp);
	}
	/* on success diag may still hold the template's xsl:message lines */
	st_cli_print_errors(&diag);
	st_diag_release(&diag);
	free(tmp);
	return rc == 0 ? 0 : 1;
}

/* the report as PDF: rendered to html (the -o file, or a temporary one
 * beside the PDF) and printed by the browser */
static int render_pdf(const struct st_report_input *in, enum st_report_kind kind,
		      const char *arg, const char *template_path, const char *html,
		      const char *pdf)
{
	struct st_diag diag = ST_DIAG_INIT;
	char *browser = st_pdf_browser(&diag), *tmp = NULL;
	int rc;

	if (!browser) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	free(browser);
	if (!html) {
		size_t len = strlen(pdf) + 10;
		if (!(tmp = malloc(len)))
			return st_cli_error("内存不足");
		/* the browser tells HTML by the name's extension */
		snprintf(tmp, len, "%s.tmp.html", pdf);
		html = tmp;
	}
	rc = render_to(in, kind, arg, template_path, html);
	if (rc == 0 && st_pdf_print(html, pdf, &diag) != 0)
		rc = 1;
	if (tmp)
		remove(tmp);
	st_cli_print_errors(&diag);
	st_diag_release(&diag);
	free(tmp);
	return rc;
}

int cmd_report(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "park", required_argument, NULL, 'p' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "tailoring", required_argument, NULL, 't' },
		{ "template", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "pdf", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_report_input in = { 0 };
	const char *as_of_arg = NULL, *tailoring = NULL, *template_path = NULL, *output = NULL;
	const char *pdf = NULL;
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
		case 'P': pdf = optarg; break;
		default:
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (optind >= argc)
		return st_cli_usage(usage, "缺少报告类型（park、enterprise、notice 或 quarter）");
	const char *what = argv[optind++];
	if (!strcmp(what, "park")) {
		kind = ST_REPORT_PARK;
	} else if (!strcmp(what, "enterprise") || !strcmp(what, "quarter") ||
		   !strcmp(what, "notice")) {
		kind = what[0] == 'e' ? ST_REPORT_ENTERPRISE
		     : what[0] == 'n' ? ST_REPORT_NOTICE : ST_REPORT_QUARTER;
		if (optind >= argc)
			return st_cli_usage(usage, "%s 报告需要%s", what,
					    kind == ST_REPORT_QUARTER ? "季度（YYYY-Qn）" : "企业 ID");
		arg = argv[optind++];
		if (kind == ST_REPORT_QUARTER && st_report_parse_quarter(arg, &y, &q) != 0)
			return st_cli_usage(usage, "季度 '%s' 的格式应为 YYYY-Qn，例如 2026-Q3", arg);
	} else {
		return st_cli_usage(usage, "未知的报告类型 '%s'（应为 park、enterprise、notice 或 quarter）",
				    what);
	}
	if (optind < argc)
		return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);

	if (st_cli_parse_as_of(as_of_arg, &in.as_of) != 0)
		return 1;
	if (!(in.pack = st_cli_pack(cli, tailoring)))
		return 1;
	if (!(in.db = st_cli_db(cli, ST_STORE_READ)))
		return 1;
	if (pdf)
		return render_pdf(&in, kind, arg, template_path, output, pdf);
	return render_to(&in, kind, arg, template_path, output);
}
