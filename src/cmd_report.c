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
#include "st_columns.h"
#include "st_compare.h"
#include "st_outfile.h"
#include "st_pdf.h"
#include "st_report.h"

static const char usage[] =
	"safetrack report park|enterprise ID|notice ID|quarter YYYY-Qn [--park ID] [--as-of DATE] "
	"[--tailoring FILE] [--compare-rules DIR | --compare-tailoring FILE] [--template FILE] "
	"[-o FILE] [--pdf FILE]";

static const char help[] =
	"用 XSLT 模板生成 HTML 合规报告（单个文件，内嵌样式，可直接用 A4 纸打印）。\n\n"
	"  park                园区安全生产合规报告：总体合规率、各状态数量、企业问题排名、\n"
	"                      逾期与即将到期事项、隐患整改、分规则汇总、近八个季度合规率趋势\n"
	"  enterprise ID       企业安全生产档案（一企一档）：需要整改的问题（按逾期天数）、\n"
	"                      隐患台账、档案记录，合格的规则汇成一张表\n"
	"  notice ID           整改通知书：逐条列出不合格和逾期事项、条款原文、整改要求和\n"
	"                      整改期限，附签收和盖章栏，可直接打印（一至两页）\n"
	"  quarter YYYY-Qn     季度安全检查报告：各企业 " ST_ITEMS_TEXT " 项检查结果、检查人员及由不合格项\n"
	"                      登记的隐患（四落实）\n\n"
	"  --park ID           园区（数据库中只有一个园区时可省略）\n"
	"  --as-of DATE        评估日（YYYY-MM-DD，默认今天）；晚于该日的记录不计入\n"
	"  --tailoring FILE    园区裁剪文件（调整参数、停用规则，或设定整改通知书的默认整改天数）\n"
	"  --compare-tailoring FILE\n"
	"                      园区报告增加“假设分析”一节：改用这个裁剪文件时，每条规则有多少\n"
	"                      企业的结果改变、从什么状态变为什么状态\n"
	"  --compare-rules DIR 同上，比较的是另一个规则目录（沿用 --tailoring）\n"
	"  --template FILE     使用自己的 XSLT 1.0 样式表（输入文档见 templates/README.md）\n"
	"  -o FILE             写入文件（默认输出到标准输出）\n"
	"  --pdf FILE          同时用无界面 Chromium 打印成 PDF（A4，带页码，无浏览器页眉页脚）；\n"
	"                      需要安装 chromium（环境变量 SAFETRACK_CHROMIUM 可指定浏览器）\n";

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

/* The report as PDF: rendered to html (the -o file, or report.html in a
 * temporary folder beside the PDF) and printed by the browser into the
 * PDF's temporary, which replaces the destination only if it is a PDF. */
static int render_pdf(const struct st_report_input *in, enum st_report_kind kind,
		      const char *arg, const char *template_path, const char *html,
		      const char *pdf, const char *db_path)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_outfile o = { .lock.fd = -1 };
	char *browser = st_pdf_browser(&diag), *dir = NULL, *page = NULL;
	int rc = 1;

	if (!browser)
		goto out;
	free(browser);
	if (!html) {
		/* the browser tells HTML by the name's extension */
		size_t len = strlen(pdf) + 32;
		if (!(dir = malloc(len)) || !(page = malloc(len))) {
			st_diag_add(&diag, "内存不足");
			goto out;
		}
		snprintf(dir, len, "%s.html-XXXXXX", pdf);
		if (!mkdtemp(dir)) {
			st_diag_add(&diag, "%s: 无法创建临时目录: %s", dir, strerror(errno));
			free(dir);
			dir = NULL;
			goto out;
		}
		snprintf(page, len, "%s/report.html", dir);
		html = page;
	}
	if (render_to(in, kind, arg, template_path, html, db_path) != 0)
		goto out;
	if (st_outfile_open(&o, pdf, db_path, &diag) != 0)
		goto out;
	if (st_pdf_print(html, o.tmp, &diag) != 0) {
		st_outfile_abort(&o);
		goto out;
	}
	if (st_outfile_commit(&o, &diag) == 0)
		rc = 0;
out:
	if (dir) {
		remove(page);
		st_dir_remove(dir);
	}
	st_cli_print_errors(&diag);
	st_diag_release(&diag);
	free(dir);
	free(page);
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
		{ "compare-rules", required_argument, NULL, 'R' },
		{ "compare-tailoring", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_report_input in = { 0 };
	const char *as_of_arg = NULL, *tailoring = NULL, *template_path = NULL, *output = NULL;
	const char *pdf = NULL, *compare_rules = NULL, *compare_tailoring = NULL;
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
		case 'R': compare_rules = optarg; break;
		case 'C': compare_tailoring = optarg; break;
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
	if (compare_rules && compare_tailoring)
		return st_cli_usage(usage, "--compare-rules 与 --compare-tailoring 只能选一个");
	if ((compare_rules || compare_tailoring) && kind != ST_REPORT_PARK)
		return st_cli_usage(usage, "--compare-rules 与 --compare-tailoring 只用于园区报告（park）");

	if (st_cli_parse_as_of(as_of_arg, &in.as_of) != 0)
		return 1;
	if (!(in.pack = st_cli_pack(cli, tailoring)))
		return 1;
	/* what-if: the proposed rules, loaded before anything is written */
	struct st_pack *other = NULL;
	if (compare_rules || compare_tailoring) {
		struct st_diag diag = ST_DIAG_INIT;
		if (st_compare_load_other(in.pack, compare_rules, compare_tailoring, &other,
					  &diag) != 0) {
			st_cli_print_diag(&diag);
			st_diag_release(&diag);
			return 1;
		}
		in.compare = other;
		in.compare_rules = compare_rules != NULL;
	}
	if (!(in.db = st_cli_db(cli, ST_STORE_READ))) {
		st_pack_free(other);
		return 1;
	}
	/* an enterprise or park by code, name or a unique fragment */
	char *ent = NULL, *park = NULL;
	if ((kind == ST_REPORT_ENTERPRISE || kind == ST_REPORT_NOTICE) &&
	    !(arg = ent = st_cli_resolve(in.db, ST_ENTERPRISE, arg))) {
		st_pack_free(other);
		return 1;
	}
	if (in.park && !(in.park = park = st_cli_resolve(in.db, ST_PARK, in.park))) {
		st_pack_free(other);
		return 1;
	}
	int rc = pdf ? render_pdf(&in, kind, arg, template_path, output, pdf, cli->db_path)
		     : render_to(&in, kind, arg, template_path, output, cli->db_path);
	free(ent);
	free(park);
	st_pack_free(other);
	return rc;
}
