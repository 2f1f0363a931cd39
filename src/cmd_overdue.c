/*
 * cmd_overdue.c — `safetrack overdue`: the office's daily "what must I chase".
 *
 * Every overdue and due-soon obligation across the park, most late first,
 * with days late or left, the enterprise, the rule and what to do.  With
 * --within DAYS the look-ahead is DAYS instead of each rule's warning window:
 * any dated obligation not yet failed whose deadline falls within DAYS is
 * listed too.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "st_chase.h"
#include "st_cli.h"
#include "st_outfile.h"
#include "st_report.h"
#include "st_xlsx.h"

static const char usage[] =
	"safetrack overdue [--as-of DATE] [--within DAYS] [--enterprise ID | --park ID] "
	"[--tailoring FILE] [--format text|tsv|json | --format xlsx -o FILE]";

static const char help[] =
	"列出全园区已逾期和即将到期的义务，逾期最久的排在最前，并给出应做的事。\n\n"
	"  --as-of DATE       评估日（默认今天）\n"
	"  --within DAYS      列出 DAYS 天内到期的义务（默认按各规则的预警天数）\n"
	"  --enterprise ID    只看这家企业（统一社会信用代码、全称或名称中唯一的一段）\n"
	"  --park ID          只看这个园区（编号或名称）\n"
	"  --tailoring FILE   园区裁剪文件\n"
	"  --format FMT       text（默认）、tsv（制表符分隔，首行为列名；days 为逾期天数，\n"
	"                     负数为剩余天数）、json，或 xlsx（Excel 工作簿，每个园区一张\n"
	"                     工作表，须同时用 -o 指定文件）\n"
	"  -o FILE            xlsx 写入的文件\n";

static void print_text(const struct st_chase *l)
{
	char day[11], clause[256];

	printf("安全生产督办清单  评估日 %s：逾期 %zu 项，即将到期 %zu 项\n",
	       st_date_format(l->as_of, day), l->overdue, l->n - l->overdue);
	for (size_t i = 0; i < l->n; i++) {
		const struct st_chase_item *it = &l->v[i];
		int days = (int)(l->as_of - it->due);
		printf("\n%s %d 天  截止 %s  %s（%s）\n  %s %s（%s）\n  %s\n  应做：%s\n",
		       it->status == ST_OVERDUE ? "已逾期" : "剩余", days >= 0 ? days : -days,
		       st_date_format(it->due, day), it->name, it->subject, it->rule->id,
		       it->rule->title ? it->rule->title : "",
		       st_report_rule_clause_zh(it->rule, clause, sizeof clause),
		       it->detail, it->rule->remediation ? it->rule->remediation : "");
	}
}

/* a TSV cell: tabs and line breaks would break the row */
static void cell(const char *s, int last)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar(last ? '\n' : '\t');
}

static void print_tsv(const struct st_chase *l)
{
	char day[11], days[16];

	printf("status\tdays\tdue\tsubject\tname\trule\ttitle\tclause\tdetail\tremediation\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct st_chase_item *it = &l->v[i];
		snprintf(days, sizeof days, "%d", (int)(l->as_of - it->due));
		cell(it->status == ST_OVERDUE ? "overdue" : "due-soon", 0);
		cell(days, 0);
		cell(st_date_format(it->due, day), 0);
		cell(it->subject, 0);
		cell(it->name, 0);
		cell(it->rule->id, 0);
		cell(it->rule->title, 0);
		cell(it->rule->clause, 0);
		cell(it->detail, 0);
		cell(it->rule->remediation, 1);
	}
}

/* {"as_of", "overdue", "due_soon", "items": [{status, days_late, due,
 * subject, name, rule, title, clause, detail, remediation}]}; 0 or -1 */
static int print_json(const struct st_chase *l)
{
	json_t *items = json_array(), *root;
	char day[11], *text;

	for (size_t i = 0; items && i < l->n; i++) {
		const struct st_chase_item *it = &l->v[i];
		json_array_append_new(items, json_pack(
			"{s:s, s:i, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s?}",
			"status", it->status == ST_OVERDUE ? "overdue" : "due-soon",
			"days_late", (int)(l->as_of - it->due), "due", st_date_format(it->due, day),
			"subject", it->subject, "name", it->name, "rule", it->rule->id,
			"title", it->rule->title, "clause", it->rule->clause, "detail", it->detail,
			"remediation", it->rule->remediation));
	}
	root = json_pack("{s:s, s:I, s:I, s:o}", "as_of", st_date_format(l->as_of, day),
			 "overdue", (json_int_t)l->overdue, "due_soon",
			 (json_int_t)(l->n - l->overdue), "items", items);
	text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(root);
	if (!text)
		return st_cli_error("内存不足"), -1;
	printf("%s\n", text);
	free(text);
	return 0;
}

int cmd_overdue(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "within", required_argument, NULL, 'w' },
		{ "park", required_argument, NULL, 'p' },
		{ "enterprise", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "tailoring", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_check_filter filter = { NULL, NULL, NULL };
	struct st_chase l;
	long within = -1;
	st_day as_of;
	const char *as_of_arg = NULL, *tailoring = NULL, *format = "text", *output = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	char *named = NULL;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'a': as_of_arg = optarg; break;
		case 'p': filter.park = optarg; break;
		case 'e': filter.enterprise = optarg; break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "tsv") && strcmp(optarg, "json") &&
			    strcmp(optarg, "xlsx"))
				return st_cli_usage(usage, "--format: '%s' 应为 text、tsv、json 或 xlsx",
						    optarg);
			format = optarg;
			break;
		case 'o': output = optarg; break;
		case 't': tailoring = optarg; break;
		case 'w': {
			char *end;
			within = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || within > 3660)
				return st_cli_usage(usage, "--within: '%s' 不是 0 到 3660 之间的天数",
						    optarg);
			break;
		}
		default:
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (optind < argc)
		return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);
	if (!strcmp(format, "xlsx") != (output != NULL))
		return st_cli_usage(usage, output ? "-o 只用于 --format xlsx"
						  : "xlsx 格式须用 -o FILE 指定输出文件");
	if (filter.enterprise && filter.park)
		return st_cli_usage(usage, "--enterprise 与 --park 只能选一个");
	if (st_cli_parse_as_of(as_of_arg, &as_of) != 0)
		return 1;
	struct st_pack *pack = st_cli_pack(cli, tailoring);
	sqlite3 *db = pack ? st_cli_db(cli, ST_STORE_READ) : NULL;
	if (!db)
		return 1;
	/* an enterprise or park by code, name or a unique fragment */
	if (filter.enterprise || filter.park) {
		named = st_cli_resolve(db, filter.enterprise ? ST_ENTERPRISE : ST_PARK,
				       filter.enterprise ? filter.enterprise : filter.park);
		if (!named)
			return 1;
		*(filter.enterprise ? &filter.enterprise : &filter.park) = named;
	}

	rc = st_chase_run(db, pack, as_of, within, &filter, NULL, NULL, &l, &diag);
	free(named);
	if (rc != 0) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}

	if (output) {
		struct st_outfile o = { .lock.fd = -1 };
		rc = 1;
		if (st_outfile_open(&o, output, cli->db_path, &diag) == 0) {
			if (st_xlsx_overdue(o.tmp, db, &l, &diag) == 0 && st_outfile_commit(&o, &diag) == 0)
				rc = 0;
			else
				st_outfile_abort(&o);
		}
		st_cli_print_errors(&diag);
	} else if (!strcmp(format, "text"))
		print_text(&l);
	else if (!strcmp(format, "tsv"))
		print_tsv(&l);
	else
		rc = print_json(&l) ? 1 : 0;
	st_chase_release(&l);
	st_diag_release(&diag);
	return rc;
}
