/*
 * cmd_check.c — `safetrack check`: every rule for every subject, as of a date.
 *
 * Exit status (INTERCHANGE §3): 0 nothing fail/overdue/error; 2 some fail or
 * overdue; 1 the tool could not do its job, or some result is `error`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "st_checker.h"
#include "st_cli.h"
#include "st_compare.h"
#include "st_outfile.h"
#include "st_output.h"
#include "st_xlsx.h"

static const char usage[] =
	"safetrack check [--as-of DATE] [--enterprise ID | --park ID] [--rule ID] "
	"[--tailoring FILE] [--format text|tsv|xml|json|xlsx] [-o FILE] [--jobs N] "
	"[--compare-rules DIR | --compare-tailoring FILE]";

static const char help[] =
	"按规则包逐条核查园区与企业，给出每条规则的状态、截止日期与说明。\n\n"
	"  --as-of DATE        评估日（YYYY-MM-DD，默认今天）；晚于该日的记录不计入\n"
	"  --enterprise ID     只核查这家企业（统一社会信用代码、全称或名称中唯一的一段）\n"
	"  --park ID           只核查这个园区及其企业（编号或名称）\n"
	"  --rule ID           只核查这条规则\n"
	"  --tailoring FILE    园区裁剪文件（调整参数或停用规则）\n"
	"  --format FORMAT     text（默认，中文摘要）、tsv、xml、json，或 xlsx（Excel 工作簿，\n"
	"                      每个园区一张工作表，须同时用 -o 指定文件）\n"
	"  -o FILE             写入文件（默认输出到标准输出）\n"
	"  --jobs N            同时核查的线程数（1–64，默认为本机处理器核数）；结果与单线程完全相同\n"
	"  --compare-rules DIR       假设分析：与另一个规则目录的结果比较，只列出状态或期限不同的项\n"
	"  --compare-tailoring FILE  假设分析：与另一个裁剪文件的结果比较（只支持 text、tsv 格式）\n\n"
	"退出码：0 无不合格/逾期/错误；2 有不合格或逾期；1 无法完成核查或有规则无法评估。\n";

/* The writer is made when the first subject arrives (or at the end of an
 * empty run): a run that fails before that, e.g. on an unknown --enterprise,
 * leaves stdout empty instead of a table header without rows. */
struct sink {
	struct st_writer *w;
	enum st_format format;
	const struct st_run_meta *meta;
	struct st_progress progress;
	FILE *f;                 /* stdout, or the -o file's temporary */
	struct st_xlsx *xlsx;    /* --format xlsx instead of w */
	size_t counts[ST_STATUS__COUNT];
};

static int open_writer(struct sink *k)
{
	if (k->xlsx)
		return 0;
	return k->w || st_writer_new(k->f, k->format, k->meta, k->f == stdout && isatty(STDOUT_FILENO),
				     &k->w) == 0 ? 0 : 2;
}

static int write_subject(void *arg, const struct st_subject *s)
{
	struct sink *k = arg;
	st_progress_step(&k->progress);
	for (size_t i = 0; i < s->nresults; i++)
		k->counts[s->results[i].status]++;
	if (k->xlsx)
		return st_xlsx_check_subject(k->xlsx, s) == 0 ? 0 : 2;
	return open_writer(k) == 0 && st_writer_subject(k->w, s) == 0 ? 0 : 2;
}

/* 1..64, digits only */
static int parse_jobs(const char *s, unsigned *out)
{
	unsigned long v = 0;

	if (!*s || strlen(s) > 2)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v < 1 || v > 64)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* ---- what-if (INTERCHANGE revision 2) ---------------------------------------- */

struct diff_out {
	enum st_format format;
	size_t rows;
	struct st_compare_summary sum; /* text: changed results per rule */
};

static const char *or_dash(int has, const char *s)
{
	return has ? s : "-";
}

static int print_diff(void *arg, const struct st_compare_row *r)
{
	struct diff_out *o = arg;
	char d1[11] = "", d2[11] = "";

	if (r->due != ST_DAY_NONE)
		st_date_format(r->due, d1);
	if (r->other_due != ST_DAY_NONE)
		st_date_format(r->other_due, d2);
	if (o->format == ST_FORMAT_TSV) {
		if (!o->rows++)
			fputs("kind\tsubject\trule\tstatus\tdue\tother_status\tother_due\n", stdout);
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", st_scope_name(r->kind), r->subject, r->rule,
		       or_dash(r->has, st_status_name(r->status)), r->has ? d1 : "-",
		       or_dash(r->has_other, st_status_name(r->other_status)), r->has_other ? d2 : "-");
	} else {
		o->rows++;
		printf("%s %s  %s：%s%s%s → %s%s%s\n", r->kind == ST_SCOPE_PARK ? "园区" : "企业",
		       r->subject, r->rule, r->has ? st_status_name_zh(r->status) : "（不评估）",
		       *d1 ? "，截止 " : "", d1,
		       r->has_other ? st_status_name_zh(r->other_status) : "（不评估）",
		       *d2 ? "，截止 " : "", d2);
		if (st_compare_summary_add(&o->sum, r))
			return 3;
	}
	return ferror(stdout) ? 2 : 0;
}

/* "：合格 → 不合格 3，合格 → （不评估） 1": the pairs a rule changed; a
 * side "不评估" has no result (rule missing there, deselected, informational) */
static void print_changes(const struct st_compare_rule *r)
{
	const char *sep = "：";

	for (int a = 0; a <= ST_COMPARE_NONE; a++)
		for (int b = 0; b <= ST_COMPARE_NONE; b++) {
			if (!r->n[a][b])
				continue;
			if (a == b)
				printf("%s%s（期限不同） %zu", sep, st_status_name_zh(a), r->n[a][b]);
			else
				printf("%s%s → %s %zu", sep,
				       a == ST_COMPARE_NONE ? "（不评估）" : st_status_name_zh(a),
				       b == ST_COMPARE_NONE ? "（不评估）" : st_status_name_zh(b),
				       r->n[a][b]);
			sep = "，";
		}
}

static int has_pack(const struct st_pack *pack, const char *id)
{
	for (size_t k = 0; k < pack->npacks; k++)
		if (!strcmp(pack->packs[k].id, id))
			return 1;
	return 0;
}

static void print_rule_changes(const struct st_compare_rule *r)
{
	printf("  %-28s %zu 项", r->id, r->changed);
	print_changes(r);
	putchar('\n');
}

/* the rules that changed, grouped by pack like `rules list` and the
 * reports: the current packs in order, then a pack only the other side has */
static void print_by_pack(const struct st_compare_summary *sum, const struct st_pack *pack,
			  const struct st_pack *other)
{
	const struct st_pack *sides[2] = { pack, other };

	for (int side = 0; side < 2; side++)
		for (size_t k = 0; k < sides[side]->npacks; k++) {
			const struct st_pack_info *pi = &sides[side]->packs[k];
			int header = 0;
			if (side == 1 && has_pack(pack, pi->id))
				continue;   /* listed with the current side's pack */
			for (size_t i = 0; i < sum->nrules; i++) {
				const struct st_compare_rule *r = &sum->rules[i];
				const struct st_rule *in = r->rule ? r->rule : r->other_rule;
				const struct st_pack *from = r->rule ? pack : other;
				const struct st_pack_info *rp = st_rule_pack(from, in);
				if (!r->changed || !rp || strcmp(rp->id, pi->id))
					continue;
				if (!header++)
					printf("【%s规则包】%s\n", st_authority_name_zh(pi->authority), pi->title);
				print_rule_changes(r);
			}
		}
	/* a rule of no known pack (a pack without pack information) */
	for (size_t i = 0; i < sum->nrules; i++) {
		const struct st_compare_rule *r = &sum->rules[i];
		if (r->changed && !st_rule_pack(r->rule ? pack : other, r->rule ? r->rule : r->other_rule))
			print_rule_changes(r);
	}
}

static int check_compare(struct st_cli *cli, struct st_pack *pack, const char *rules_dir,
			 const char *other_tailoring, st_day as_of,
			 const struct st_check_filter *filter, enum st_format format, unsigned jobs)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_pack *other = NULL;
	struct diff_out o = { .format = format };
	int rc;

	if (format != ST_FORMAT_TSV && format != ST_FORMAT_TEXT)
		return st_cli_usage(usage, "--compare-rules 与 --compare-tailoring 只支持 text 与 tsv 格式");
	if (st_compare_load_other(pack, rules_dir, other_tailoring, &other, &diag) != 0) {
		st_cli_print_diag(&diag);
		st_diag_release(&diag);
		return 1;
	}
	sqlite3 *db = st_cli_db(cli, ST_STORE_READ);
	if (!db) {
		st_pack_free(other);
		return 1;
	}
	if (st_compare_summary_init(&o.sum, pack, other, &diag) != 0) {
		rc = st_cli_error("内存不足");
		goto out;
	}
	if (format == ST_FORMAT_TEXT)
		printf("假设分析  评估日 %s\n当前：规则目录 %s%s%s\n对比：规则目录 %s%s%s\n\n",
		       st_date_format(as_of, (char[11]){ 0 }), pack->dir,
		       pack->tailoring ? "  裁剪文件 " : "", pack->tailoring ? pack->tailoring : "",
		       other->dir, other->tailoring ? "  裁剪文件 " : "",
		       other->tailoring ? other->tailoring : "");
	rc = st_compare_run(db, pack, other, as_of, filter, jobs, print_diff, &o, &diag);
	if (rc == 0 && format == ST_FORMAT_TSV && !o.rows)
		fputs("kind\tsubject\trule\tstatus\tdue\tother_status\tother_due\n", stdout);
	if (rc == 0 && format == ST_FORMAT_TEXT) {
		printf("%s共 %zu 项结果不同。\n", o.rows ? "\n" : "", o.rows);
		print_by_pack(&o.sum, pack, other);
	}
	if (rc != 0) {
		if (rc == 2)
			st_cli_error("写出结果失败");
		else if (rc == 3)
			st_cli_error("内存不足");
		else
			st_cli_print_errors(&diag);
		rc = 1;
	}
out:
	st_diag_release(&diag);
	st_compare_summary_release(&o.sum);
	st_pack_free(other);
	return rc;
}

int cmd_check(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "enterprise", required_argument, NULL, 'e' },
		{ "park", required_argument, NULL, 'p' },
		{ "rule", required_argument, NULL, 'r' },
		{ "tailoring", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "compare-rules", required_argument, NULL, 'R' },
		{ "compare-tailoring", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_check_filter filter = { NULL, NULL, NULL };
	const char *as_of_arg = NULL, *tailoring = NULL, *compare_rules = NULL;
	const char *compare_tailoring = NULL;
	enum st_format format = ST_FORMAT_TEXT;
	int xlsx = 0;
	const char *output = NULL;
	unsigned jobs = 0;
	struct st_diag diag = ST_DIAG_INIT;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'a': as_of_arg = optarg; break;
		case 'e': filter.enterprise = optarg; break;
		case 'p': filter.park = optarg; break;
		case 'r': filter.rule = optarg; break;
		case 't': tailoring = optarg; break;
		case 'f':
			xlsx = !strcmp(optarg, "xlsx");
			if (!xlsx && st_format_parse(optarg, &format) != 0)
				return st_cli_usage(usage, "未知的输出格式 '%s'", optarg);
			break;
		case 'R': compare_rules = optarg; break;
		case 'T': compare_tailoring = optarg; break;
		case 'o': output = strcmp(optarg, "-") ? optarg : NULL; break;
		case 'j':
			if (parse_jobs(optarg, &jobs) != 0)
				return st_cli_usage(usage, "--jobs 须为 1 到 64 的整数，而不是 '%s'", optarg);
			break;
		default:
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (optind < argc)
		return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);
	if (filter.enterprise && filter.park)
		return st_cli_usage(usage, "--enterprise 与 --park 只能选一个");
	if (compare_rules && compare_tailoring)
		return st_cli_usage(usage, "--compare-rules 与 --compare-tailoring 只能选一个");
	if (xlsx && !output)
		return st_cli_usage(usage, "xlsx 格式须用 -o FILE 指定输出文件");

	st_day as_of;
	if (st_cli_parse_as_of(as_of_arg, &as_of) != 0)
		return 1;
	struct st_pack *pack = st_cli_pack(cli, tailoring);
	if (!pack)
		return 1;
	sqlite3 *db = st_cli_db(cli, ST_STORE_READ);
	if (!db)
		return 1;
	/* an enterprise or park by code, name or a unique fragment of it */
	char *named = NULL;
	if (filter.enterprise || filter.park) {
		named = st_cli_resolve(db, filter.enterprise ? ST_ENTERPRISE : ST_PARK,
				       filter.enterprise ? filter.enterprise : filter.park);
		if (!named)
			return 1;
		*(filter.enterprise ? &filter.enterprise : &filter.park) = named;
	}
	if (compare_rules || compare_tailoring) {
		int crc = xlsx || output ?
			st_cli_usage(usage, "--compare-rules 与 --compare-tailoring 只支持 text 与 tsv 格式") :
			check_compare(cli, pack, compare_rules, compare_tailoring, as_of,
				      &filter, format, jobs);
		free(named);
		return crc;
	}

	struct st_run_meta meta;
	struct st_outfile o = { .lock.fd = -1 };
	struct sink sink = { NULL, format, &meta, { 0, 0, 0, 0 }, stdout, NULL, { 0 } };
	st_run_meta_init(&meta, pack, as_of);
	if (output) {
		if (st_outfile_open(&o, output, cli->db_path, &diag) != 0 ||
		    (xlsx && st_xlsx_check_begin(o.tmp, db, &meta, &sink.xlsx, &diag) != 0)) {
			st_outfile_abort(&o);
			st_cli_print_errors(&diag);
			st_diag_release(&diag);
			return 1;
		}
		sink.f = o.f;
	}
	st_progress_start(&sink.progress, db);
	int rc = st_checker_run_jobs(db, pack, as_of, &filter, jobs, write_subject, &sink, &diag);
	free(named);
	st_progress_end(&sink.progress);
	if (sink.xlsx) {
		struct st_xlsx *x = sink.xlsx;
		sink.xlsx = NULL;
		if (rc == 0 && st_xlsx_finish(x, &diag) != 0)
			rc = 1;
		else if (rc != 0)
			st_xlsx_abandon(x);
	} else if (rc == 0 && (open_writer(&sink) != 0 || st_writer_finish(sink.w) != 0)) {
		rc = 2;
	}
	if (output) {
		if (rc == 0 && st_outfile_commit(&o, &diag) != 0)
			rc = 1;
		else if (rc != 0)
			st_outfile_abort(&o);
	}
	if (rc != 0) {
		if (rc == 2)
			st_cli_error("写出结果失败");
		else if (rc == 3)
			st_cli_error("内存不足");
		else
			st_cli_print_errors(&diag);
		st_diag_release(&diag);
		st_writer_free(sink.w);
		return 1;
	}
	const size_t *n = sink.counts;
	int status = n[ST_ERROR] ? 1 : n[ST_FAIL] || n[ST_OVERDUE] ? 2 : 0;
	st_writer_free(sink.w);
	return status;
}
