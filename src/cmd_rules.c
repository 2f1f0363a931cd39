/*
 * cmd_rules.c — `safetrack rules validate|list|show`: the rule pack seen by
 * the safety officer who maintains it.
 *
 * validate loads a pack (and optionally a tailoring file) exactly as `check`
 * would and prints either a one-line summary or every loader error; list
 * prints one aligned line per rule; show explains one rule in words: its
 * clause, when it applies, what each check does with its parameters, and
 * which values a tailoring file changed; catalogue says the same of every
 * rule as Markdown, which is docs/catalogue.md (generated, never edited).  The words for each check kind are
 * built from its parameters here, next to the only code that prints them.
 */
#include "st_cli.h"
#include "st_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "safetrack rules validate [DIR] | manifest [DIR] | list | show ID | catalogue  [--tailoring FILE]"

static const char help[] =
	"用法: safetrack rules validate [DIR] [--tailoring FILE]\n"
	"      safetrack rules manifest [DIR]\n"
	"      safetrack rules list [--tailoring FILE]\n"
	"      safetrack rules show ID [--tailoring FILE]\n"
	"      safetrack rules catalogue [--tailoring FILE]\n\n"
	"校验、列出或查看规则包中的规则。\n\n"
	"子命令:\n"
	"  validate [DIR]     校验规则目录（默认为 --rules 指定的目录或默认规则目录）中的全部\n"
	"                     规则文件（每个文件都用 RELAX NG 模式校验），并与清单 MANIFEST\n"
	"                     核对；通过时输出规则数，否则逐条输出“文件:行号: 错误”\n"
	"  manifest [DIR]     完整校验规则目录，通过后重写其清单 MANIFEST（文件、SHA-256、\n"
	"                     规则数）；增删或修改规则文件后运行\n"
	"  list               列出全部规则：ID、条款、级别、标题\n"
	"  show ID            查看一条规则：条文、适用条件、每项检查的含义与参数\n"
	"  catalogue          以 Markdown 输出全部规则的说明（即 docs/catalogue.md）\n\n"
	"选项:\n"
	"  --tailoring FILE   同时应用园区裁剪文件（调整参数或停用规则）\n"
	"  --help             显示本帮助\n\n"
	"规则文件格式见规则目录中的 README.md。\n";

/* Terminal columns taken by a UTF-8 string: CJK and full-width forms take
 * two, so that Chinese titles do not break the alignment of `list`. */
static int display_width(const char *s)
{
	int w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		w += *p >= 0xE1 ? 2 : 1;  /* U+1000 and above: wide enough here */
	}
	return w;
}

static void pad(const char *s, int width)
{
	fputs(s, stdout);
	for (int i = display_width(s); i < width; i++)
		putchar(' ');
}

static int rules_validate(struct st_cli *cli, const char *dir, const char *tailoring)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_pack *pack = NULL;
	size_t informational = 0, tailored = 0, deselected = 0;

	if (!dir)
		dir = cli->rules_dir ? cli->rules_dir : st_rules_default_dir();
	if (st_pack_load_flags(dir, tailoring, ST_PACK_VALIDATE, &pack, &diag) != 0) {
		st_cli_print_diag(&diag);
		st_diag_release(&diag);
		return 1;
	}
	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		informational += r->informational;
		deselected += !r->selected;
		for (size_t c = 0; c < r->nchecks; c++)
			for (size_t p = 0; p < r->checks[c].nparams; p++)
				tailored += r->checks[c].params[p].tailored;
	}
	if (pack->npacks > 1)
		printf("%zu 个规则包：%zu 条规则（%zu 条可核查，%zu 条说明性）校验通过\n", pack->npacks,
		       pack->nrules, pack->nrules - informational, informational);
	else
		printf("规则包 %s 版本 %s：%zu 条规则（%zu 条可核查，%zu 条说明性）校验通过\n",
		       pack->id, pack->version, pack->nrules, pack->nrules - informational,
		       informational);
	if (pack->npacks > 1)
		for (size_t k = 0; k < pack->npacks; k++) {
			size_t n = 0;
			for (size_t i = 0; i < pack->nrules; i++)
				n += pack->rules[i].pack == k;
			printf("  %s规则包 %s 版本 %s：%zu 条\n",
			       st_authority_name_zh(pack->packs[k].authority), pack->packs[k].id,
			       pack->packs[k].version, n);
		}
	if (pack->tailoring)
		printf("裁剪文件 %s（%s）：调整 %zu 个参数，停用 %zu 条规则\n", pack->tailoring,
		       pack->tailoring_id, tailored, deselected);
	st_pack_free(pack);
	return 0;
}

static int rules_manifest(struct st_cli *cli, const char *dir)
{
	struct st_diag diag = ST_DIAG_INIT;
	size_t n = 0;

	if (!dir)
		dir = cli->rules_dir ? cli->rules_dir : st_rules_default_dir();
	if (st_pack_write_manifest(dir, &n, &diag) != 0) {
		st_cli_print_diag(&diag);
		st_diag_release(&diag);
		fprintf(stderr, "safetrack: 规则包未通过校验，清单未改动\n");
		return 1;
	}
	printf("已写入 %s/MANIFEST：%zu 条规则\n", dir, n);
	return 0;
}

static int rules_list(struct st_cli *cli, const char *tailoring)
{
	struct st_pack *pack = st_cli_pack(cli, tailoring);
	int wid = 2, wclause = 4;
	char clause[256];

	if (!pack)
		return 1;
	for (size_t i = 0; i < pack->nrules; i++) {
		int w = display_width(pack->rules[i].id);
		wid = w > wid ? w : wid;
		w = display_width(st_report_clause_zh(pack->rules[i].clause, clause, sizeof clause));
		wclause = w > wclause ? w : wclause;
	}
	/* revision 2: grouped by pack, each saying which regulation it enforces */
	for (size_t k = 0; k < pack->npacks; k++) {
		const struct st_pack_info *pi = &pack->packs[k];
		size_t n = 0;
		for (size_t i = 0; i < pack->nrules; i++)
			n += pack->rules[i].pack == k;
		printf("%s【%s规则包】%s %s  %s（%zu 条）\n", k ? "\n" : "",
		       st_authority_name_zh(pi->authority), pi->id, pi->version, pi->title, n);
		pad("ID", wid + 2);
		pad("条款", wclause + 2);
		pad("级别", 10);
		puts("标题");
		for (size_t i = 0; i < pack->nrules; i++) {
			const struct st_rule *r = &pack->rules[i];
			if (r->pack != k)
				continue;
			pad(r->id, wid + 2);
			pad(st_report_clause_zh(r->clause, clause, sizeof clause), wclause + 2);
			pad(st_severity_name_zh(r->severity), 10);
			printf("%s%s", r->title, r->selected ? "" : "（已由裁剪文件停用）");
			if (r->regulation)
				printf("（《%s》）", r->regulation);
			putchar('\n');
		}
	}
	return 0;
}

/* ---- show ------------------------------------------------------------ */

static const char *P(const struct st_check *c, const char *name)
{
	const char *t = st_check_text(c, name);
	return t ? t : "";
}

static const char *period_zh(const char *period)
{
	return !strcmp(period, "quarter") ? "季度" : !strcmp(period, "half") ? "半年" : "年度";
}

/* one sentence saying what the check does with these parameter values */
static void explain(const struct st_check *c)
{
	switch (c->spec->kind) {
	case ST_CHECK_INFORMATIONAL:
		printf("%s。", c->spec->doc_zh);
		break;
	case ST_CHECK_CALENDAR:
		printf("每个%s须有一条 %s 记录，", period_zh(P(c, "period")), P(c, "select"));
		if (st_check_param(c, "year_field"))
			printf("按字段 %s 的年度计入（签订日期取字段 %s）；", P(c, "year_field"),
			       P(c, "date"));
		else
			printf("按字段 %s 的日期计入所在周期；", P(c, "date"));
		if (st_check_param(c, "due_month"))
			printf("截止日为当年 %ld 月末；", st_check_int(c, "due_month", 12));
		else
			printf("截止日为周期最后一天；");
		printf("自 %s 起按完整周期纳入范围；截止日前 %ld 天起为“即将到期”，最近一个已过截止日的周期未满足为“逾期”。",
		       P(c, "scope_start"), st_check_int(c, "warn_days", 0));
		break;
	case ST_CHECK_INTERVAL:
		printf("%s 记录（日期字段 %s）相邻两次间隔不得超过 %ld 个月；没有记录时自 %s 起算；到期前 %ld 天起为“即将到期”，超过到期日为“逾期”。",
		       P(c, "select"), P(c, "date"), st_check_int(c, "months", 0),
		       P(c, "scope_start"), st_check_int(c, "warn_days", 0));
		break;
	case ST_CHECK_DEADLINE:
		printf("每个 %s 事件（时间字段 %s）须在", P(c, "select"), P(c, "event"));
		if (st_check_param(c, "due_field"))
			printf("其字段 %s 所载期限内", P(c, "due_field"));
		else if (st_check_param(c, "deadline_hours"))
			printf("发生后 %ld 小时内", st_check_int(c, "deadline_hours", 0));
		else
			printf("发生后 %ld 天内", st_check_int(c, "deadline_days", 0));
		printf("登记 %s；期限已过仍未登记为“逾期”，登记晚于期限为“不合格”，期限前 %ld 天起为“即将到期”；已办结且早于 %ld 天的事件不再判断。",
		       P(c, "record"), st_check_int(c, "warn_days", 0),
		       st_check_int(c, "lookback_days", 0));
		if (st_check_param(c, "priority"))
			printf("满足 %s 的事件在明细中优先列出。", P(c, "priority"));
		break;
	case ST_CHECK_CHECKLIST_ITEM:
		printf("取评估日前 %ld 天（含）内最近一次检查中第 %ld 项的结果：pass 为合格，fail 为不合格，na 为不适用；窗口内没有检查为“未核查”。",
		       st_check_int(c, "window_days", 0), st_check_int(c, "item", 0));
		break;
	case ST_CHECK_FAILED_ITEMS:
		printf("评估日前 %ld 天（含）内每次检查的每个不合格项，都须有关联该检查和检查项的隐患记录。",
		       st_check_int(c, "window_days", 0));
		break;
	case ST_CHECK_REQUIRED_FIELDS:
		printf("每个 %s 都须填写字段：%s。", P(c, "select"), P(c, "fields"));
		break;
	case ST_CHECK_DATE_ORDER:
		printf("每个 %s 的日期字段 %s 都须填写，且按此顺序先后（后者不早于前者）。",
		       P(c, "select"), P(c, "fields"));
		break;
	case ST_CHECK_THRESHOLD:
		printf("%s（%s）不得少于要求值（%s）", P(c, "value_zh"), P(c, "value"), P(c, "required"));
		if (st_check_param(c, "basis"))
			printf("；%s：%s", P(c, "basis_zh"), P(c, "basis"));
		printf("。");
		break;
	case ST_CHECK_ASSERT:
		printf("每个 %s 都须满足 %s；不满足时报告：%s", P(c, "select"), P(c, "test"),
		       P(c, "message_zh"));
		break;
	case ST_CHECK_EXPIRY:
		printf("每个 %s 的最晚有效期（%s）不得早于评估日：已过期为“逾期”，%ld 天内到期为“即将到期”，没有有效期为“不合格”。",
		       P(c, "select"), P(c, "expires"), st_check_int(c, "warn_days", 0));
		break;
	case ST_CHECK_KNOWN:
		printf("须满足 %s，否则为“未核查”（%s），不再执行其后的检查。", P(c, "test"),
		       P(c, "message_zh"));
		break;
	case ST_CHECK_RENEWAL:
		printf("所选 %s 中有效期（%s）最晚的一条须在有效期内；须不晚于期满前 %ld 个月申请延期（%s）："
		       "申请晚了为“不合格”，期限已过仍未申请为“逾期”，%ld 天内到期为“即将到期”；没有记录为“不合格”。",
		       P(c, "select"), P(c, "expires"), st_check_int(c, "months_before", 0),
		       P(c, "applied"), st_check_int(c, "warn_days", 0));
		break;
	case ST_CHECK__COUNT:
		break;
	}
	putchar('\n');
}

static void show_params(const struct st_check *c, const struct st_check *orig)
{
	int w = 0;

	for (size_t i = 0; i < c->nparams; i++) {
		int n = display_width(c->params[i].name);
		w = n > w ? n : w;
	}
	for (size_t i = 0; i < c->nparams; i++) {
		const struct st_param *p = &c->params[i];
		const char *was = orig ? st_check_text(orig, p->name) : NULL;

		printf("    ");
		pad(p->name, w + 2);
		printf("%s", p->text);
		if (p->tailored)
			printf("  （裁剪，原值 %s）", was ? was : "?");
		else if (!p->given)
			printf("  （默认值）");
		if (!p->spec || p->spec->type == ST_PARAM_INT)
			printf("  （允许 %ld–%ld）", p->min, p->max);
		if (p->spec)
			printf("  — %s", p->spec->doc);
		else
			printf("  — 公式中使用的整数参数 $%s", p->name);
		putchar('\n');
	}
}

static int rules_show(struct st_cli *cli, const char *id, const char *tailoring)
{
	struct st_pack *pack = st_cli_pack(cli, tailoring), *orig = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_rule *r, *o = NULL;

	if (!pack)
		return 1;
	if (!(r = st_pack_find(pack, id)))
		return st_cli_error("没有规则 '%s'（safetrack rules list 列出全部规则）", id);
	/* the untailored values, to say what a tailoring changed */
	if (pack->tailoring && st_pack_load(pack->dir, NULL, &orig, &diag) == 0)
		o = st_pack_find(orig, id);
	st_diag_release(&diag);

	char clause[256];

	printf("%s  %s\n", r->id, r->title);
	printf("条款：%s    级别：%s    对象：%s%s%s\n",
	       st_report_clause_zh(r->clause, clause, sizeof clause), st_severity_name_zh(r->severity),
	       r->scope == ST_SCOPE_PARK ? "园区" : "企业", r->informational ? "    不核查" : "",
	       r->selected ? "" : "    已由裁剪文件停用");
	const struct st_pack_info *pi = st_rule_pack(pack, r);
	if (pi)
		printf("规则包：%s规则包 %s %s（%s）\n", st_authority_name_zh(pi->authority), pi->id,
		       pi->version, pi->title);
	if (r->regulation)
		printf("法规：《%s》\n", r->regulation);
	if (r->effective_from != ST_DAY_NONE || r->effective_until != ST_DAY_NONE) {
		char d1[11], d2[11];
		printf("施行：%s%s%s%s\n", r->effective_from != ST_DAY_NONE ? "自 " : "",
		       r->effective_from != ST_DAY_NONE ? st_date_format(r->effective_from, d1) : "",
		       r->effective_until != ST_DAY_NONE ? " 至 " : "",
		       r->effective_until != ST_DAY_NONE ? st_date_format(r->effective_until, d2) : "");
	}
	printf("条文：%s\n", r->clause_text);
	if (!r->informational)
		printf("适用条件：%s\n", r->applies_src ? r->applies_src :
		       r->scope == ST_SCOPE_PARK ? "全部园区（自成立之日起）" : "全部未关闭的企业");
	if (r->informational)
		printf("核查：%s\n", st_check_spec(ST_CHECK_INFORMATIONAL)->doc_zh);
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct st_check *c = &r->checks[i];
		printf("检查 %zu（%s）：", i + 1, c->spec->name);
		explain(c);
		show_params(c, o && i < o->nchecks ? &o->checks[i] : NULL);
	}
	printf("整改要求：%s\n", r->remediation);
	if (r->note)
		printf("解释说明：%s\n", r->note);
	printf("来源：%s:%d\n", r->file, r->line);
	if (pack->tailoring)
		printf("裁剪文件：%s（%s）\n", pack->tailoring, pack->tailoring_id);
	st_pack_free(orig);
	return 0;
}

/* ---- catalogue ------------------------------------------------------- */

/* text on one line: a clause quoted over several lines reads as one */
static void one_line(const char *s)
{
	int space = 0;

	for (; *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t' || *s == ' ') {
			space = 1;
			continue;
		}
		if (space)
			putchar(' ');
		space = 0;
		putchar(*s);
	}
}

static void catalogue_rule(const struct st_rule *r)
{
	char clause[256], d[11];
	const char *file = strrchr(r->file, '/');

	printf("\n### %s %s\n\n", r->id, r->title);
	printf("- 条款：%s；级别：%s；对象：%s%s\n",
	       st_report_clause_zh(r->clause, clause, sizeof clause), st_severity_name_zh(r->severity),
	       r->scope == ST_SCOPE_PARK ? "园区" : "企业",
	       r->selected ? "" : "；已由裁剪文件停用");
	if (r->regulation)
		printf("- 法规：《%s》\n", r->regulation);
	if (r->effective_from != ST_DAY_NONE)
		printf("- 施行：自 %s 起\n", st_date_format(r->effective_from, d));
	if (r->effective_until != ST_DAY_NONE)
		printf("- 施行至：%s\n", st_date_format(r->effective_until, d));
	printf("- 条文：");
	one_line(r->clause_text);
	putchar('\n');
	if (r->informational) {
		printf("- 核查：%s\n", st_check_spec(ST_CHECK_INFORMATIONAL)->doc_zh);
	} else {
		if (r->applies_src)
			printf("- 适用：`%s`\n", r->applies_src);
		else
			printf("- 适用：%s\n", r->scope == ST_SCOPE_PARK ? "全部园区（自成立之日起）"
								 : "全部未关闭的企业");
	}
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct st_check *c = &r->checks[i];
		printf("- 检查 %zu（%s）：", i + 1, c->spec->name);
		explain(c);
		for (size_t k = 0; k < c->nparams; k++) {
			const struct st_param *p = &c->params[k];
			printf("  - `%s` = `", p->name);
			one_line(p->text);
			printf("`%s%s", p->tailored ? "（裁剪）" : !p->given ? "（默认值）" : "",
			       p->spec ? "：" : "");
			if (p->spec)
				fputs(p->spec->doc, stdout);
			putchar('\n');
		}
	}
	printf("- 整改要求：");
	one_line(r->remediation);
	putchar('\n');
	if (r->note) {
		printf("- 本项目的读法：");
		one_line(r->note);
		putchar('\n');
	}
	printf("- 规则文件：`%s`\n", file ? file + 1 : r->file);
}

static int rules_catalogue(struct st_cli *cli, const char *tailoring)
{
	struct st_pack *pack = st_cli_pack(cli, tailoring);

	if (!pack)
		return 1;
	printf("# 规则目录\n\n"
	       "<!-- Generated from the rule files by `safetrack rules catalogue`; do not edit.\n"
	       "     After changing rules/, run: ./safetrack rules catalogue > docs/catalogue.md\n"
	       "     (tests/cli/22-docs.sh compares the two). -->\n\n"
	       "本目录用项目自己的话逐条说明规则包中的每条规则：编号、依据条款、核查什么、用哪些参数、"
	       "整改要求，以及条文未明确之处本项目的读法。条文原文见 `docs/regulation/`。\n\n"
	       "每条可核查的规则对每个对象给出一个结果：合格（pass）、即将到期（due-soon）、"
	       "不合格（fail）、逾期（overdue）、不适用（not-applicable：不满足适用条件，如已关闭的"
	       "企业）、未核查（not-checked：判断所需的记录缺失）、无法评估（error）、已豁免"
	       "（waived：有效的豁免覆盖该对象和规则）。各检查的说明写明它何时给出哪一种结果；"
	       "结果表的格式见 `docs/check-table.md`。说明性条款只列出，不核查。\n");
	for (size_t k = 0; k < pack->npacks; k++) {
		const struct st_pack_info *pi = &pack->packs[k];
		size_t n = 0;
		for (size_t i = 0; i < pack->nrules; i++)
			n += pack->rules[i].pack == k;
		printf("\n## %s规则包 %s %s：%s（%zu 条）\n", st_authority_name_zh(pi->authority), pi->id,
		       pi->version, pi->title, n);
		for (size_t i = 0; i < pack->nrules; i++)
			if (pack->rules[i].pack == k)
				catalogue_rule(&pack->rules[i]);
	}
	return 0;
}

int cmd_rules(struct st_cli *cli, int argc, char **argv)
{
	const char *tailoring = NULL, *sub = NULL, *arg = NULL;
	int npos = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(help, stdout);
			return 0;
		} else if (!strcmp(a, "--tailoring")) {
			if (++i >= argc)
				return st_cli_usage(USAGE, "选项 --tailoring 需要一个文件名");
			tailoring = argv[i];
		} else if (!strncmp(a, "--tailoring=", 12)) {
			tailoring = a + 12;
		} else if (a[0] == '-' && a[1]) {
			return st_cli_usage(USAGE, "未知选项 '%s'", a);
		} else if (npos == 0) {
			sub = a, npos++;
		} else if (npos == 1) {
			arg = a, npos++;
		} else {
			return st_cli_usage(USAGE, "多余的参数 '%s'", a);
		}
	}
	if (!sub)
		return st_cli_usage(USAGE, "缺少子命令（validate、manifest、list、show 或 catalogue）");
	if (!strcmp(sub, "validate"))
		return rules_validate(cli, arg, tailoring);
	if (!strcmp(sub, "manifest")) {
		if (tailoring)
			return st_cli_usage(USAGE, "裁剪文件不属于规则包，rules manifest 不接受 --tailoring");
		return rules_manifest(cli, arg);
	}
	if (!strcmp(sub, "list")) {
		if (arg)
			return st_cli_usage(USAGE, "多余的参数 '%s'", arg);
		return rules_list(cli, tailoring);
	}
	if (!strcmp(sub, "catalogue")) {
		if (arg)
			return st_cli_usage(USAGE, "多余的参数 '%s'", arg);
		return rules_catalogue(cli, tailoring);
	}
	if (!strcmp(sub, "show")) {
		if (!arg)
			return st_cli_usage(USAGE, "rules show 需要一个规则 ID");
		return rules_show(cli, arg, tailoring);
	}
	return st_cli_usage(USAGE, "未知的子命令 '%s'（validate、manifest、list、show 或 catalogue）", sub);
}
