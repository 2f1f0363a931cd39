/*
 * cmd_edit.c — `safetrack edit`, `void` and `history`: correcting records
 * through the recording layer (st_record.h), and reading back every
 * version of one with who changed it, when and why.
 *
 *   safetrack edit hazard HAZ-1 --measures 清理通道 --deadline 2026-03-20 [--reason TEXT]
 *   safetrack void inspection INSP-7 --reason "重复登记" [--date DATE]
 *   safetrack history hazard HAZ-1
 *
 * An edit is a patch: only the options given change; `--COLUMN ""` clears
 * an optional column.  A void keeps the record (export and history still
 * show it) and the checker ignores it from the void date on.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_record_cli.h"
#include "st_values.h"

static const char usage_edit[] = "safetrack edit KIND ID --COLUMN VALUE ... [--reason TEXT] [--force]";
static const char usage_void[] = "safetrack void KIND ID --reason TEXT [--date DATE]";
static const char usage_history[] = "safetrack history KIND ID";

static int print_kinds(const char *usage, const char *kind)
{
	st_cli_usage(usage, "未知的记录类别 '%s'", kind);
	fprintf(stderr, "KIND 为记录类别:");
	for (int k = 0; k < ST_KIND_COUNT; k++)
		fprintf(stderr, " %s", st_kind_info(k)->singular);
	fprintf(stderr, "（或其复数、中文名称）\n");
	return 1;
}

/* "值" for printing: the Chinese label beside an enum value */
static void print_value(const struct st_column *c, const char *v)
{
	const char *zh = c->type == ST_COL_ENUM || c->type == ST_COL_BOOL ? st_value_label(v) : NULL;

	if (!v)
		printf("（空）");
	else if (zh)
		printf("%s（%s）", zh, v);
	else
		printf("%s", v);
}

/* the changed columns of an edit: "  标签: 旧 → 新" */
static void print_changes(enum st_kind kind, const char *const *before, const char *const *after)
{
	const struct st_kind_info *k = st_kind_info(kind);

	for (int i = 0; i < k->ncols; i++) {
		const char *a = before ? before[i] : NULL, *b = after[i];
		if ((!a) == (!b) && (!a || !strcmp(a, b)))
			continue;
		printf("  %s（%s）: ", k->cols[i].label, k->cols[i].name);
		if (before) {
			print_value(&k->cols[i], a);
			printf(" → ");
		}
		print_value(&k->cols[i], b);
		printf("\n");
	}
}

/* a waiver names a rule of the pack: load it so the waiver can be checked */
static int pack_for(struct st_cli *cli, int kind)
{
	const struct st_pack *pack;

	if (kind != ST_WAIVER)
		return 0;
	if (!(pack = st_cli_pack(cli, NULL)))
		return -1;
	st_record_set_pack(pack);
	return 0;
}

int cmd_edit(struct st_cli *cli, int argc, char **argv)
{
	const char *values[ST_MAX_COLS], *reason;
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	struct st_field fields[ST_MAX_COLS];
	char kind_usage[200], intro[600], *pos[1], **old = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_kind_info *k;
	struct st_change ch;
	size_t n = 0;
	unsigned force;
	sqlite3 *db;
	int kind, npos, rc;

	if (argc < 2)
		return st_cli_usage(usage_edit, "缺少记录类别 KIND 和编号 ID");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("用法: %s\n\n修改一条已有记录：只改给出的字段，其余字段保持原值；"
		       "--COLUMN \"\" 清空一个选填字段。\n校验与导入档案相同；原记录和修改人、时间、"
		       "原因（--reason）保存在历史中（safetrack history KIND ID）。\n"
		       "各类别的字段见 safetrack edit KIND --help。\n", usage_edit);
		return 0;
	}
	if ((kind = st_kind_find(argv[1])) < 0)
		return print_kinds(usage_edit, argv[1]);
	k = st_kind_info(kind);
	snprintf(kind_usage, sizeof kind_usage,
		 "safetrack edit %s ID --COLUMN VALUE ... [--reason TEXT] [--force]", k->singular);
	snprintf(intro, sizeof intro, "修改一条%s记录：只改给出的字段，其余保持原值；"
		 "--COLUMN \"\" 清空选填字段。\n--reason 说明修改原因，记入历史。", k->label);
	argc--, argv++;
	if (st_record_take_common(&argc, argv, &reason, &force, kind_usage))
		return 1;
	rc = st_record_parse(argc, argv, kind, "id", values, pos, 1, &npos, kind_usage, intro);
	if (rc)
		return rc == 2 ? 0 : rc;
	if (npos == 0)
		return st_cli_usage(kind_usage, "缺少%s编号 ID", k->label);
	for (int i = 0; i < k->ncols; i++)
		if (values[i])
			fields[n++] = (struct st_field){ k->cols[i].name, values[i] };
	if (!n)
		return st_cli_usage(kind_usage, "没有给出要修改的字段（如 --%s VALUE）",
				    k->cols[ST_COL_id + 1].name);
	if (pack_for(cli, kind) || !(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	/* the record before, to say what changed */
	char *id = NULL;
	if ((rc = st_record_resolve(db, kind, pos[0], &id, &diag)) != 0 ||
	    st_record_load(db, kind, id, &old, &diag) != 0) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		free(id);
		return 1;
	}
	st_record_cli_change(&ch, "edit", reason, force);
	st_record_edit(db, kind, id, fields, n, &ch, &res);
	if ((rc = st_record_cli_report(&res, "未修改")) == 0) {
		if (res.put == ST_PUT_UNCHANGED) {
			printf("%s %s 未改动（给出的值与原记录相同）\n", k->label, id);
		} else {
			printf("已修改%s %s：\n", k->label, id);
			print_changes(kind, (const char *const *)old, (const char *const *)res.values);
		}
	}
	st_values_free(old, k->ncols);
	st_record_result_release(&res);
	free(id);
	return rc;
}

int cmd_void(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char help[] =
		"作废一条登记错误或重复的记录：记录仍然保留（导出和历史中都有），带作废日期和原因，\n"
		"核查从作废日期起不再计入。--reason 必填；--date 为作废日期，默认今天。\n"
		"园区和企业不能作废，只能修改（safetrack edit）。\n";
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	const char *reason = NULL, *date = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	struct st_change ch;
	char *id = NULL;
	sqlite3 *db;
	int c, kind, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'r')
			reason = optarg;
		else if (c == 'd')
			date = optarg;
		else
			return st_cli_option(c, argv, usage_void, help);
	}
	if (argc - optind != 2)
		return st_cli_usage(usage_void, argc - optind < 2 ? "缺少记录类别 KIND 或编号 ID"
								   : "参数过多");
	if ((kind = st_kind_find(argv[optind])) < 0)
		return print_kinds(usage_void, argv[optind]);
	if (!reason || !*reason)
		return st_cli_usage(usage_void, "缺少作废原因 --reason");
	if (pack_for(cli, kind) || !(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	if (st_record_resolve(db, kind, argv[optind + 1], &id, &diag) != 0) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	st_record_cli_change(&ch, "void", reason, 0);
	st_record_void(db, kind, id, date, &ch, &res);
	if ((rc = st_record_cli_report(&res, "未作废")) == 0)
		printf("已作废%s %s（作废日期 %s，原因：%s）；记录仍保留在导出和历史中\n",
		       st_kind_info(kind)->label, id, st_record_value(&res, "voided"),
		       st_record_value(&res, "void_reason"));
	st_record_result_release(&res);
	free(id);
	return rc;
}

struct history_ctx {
	enum st_kind kind;
	int n;
	char **prev;
};

static int print_version(void *ctx, const struct st_version *v)
{
	struct history_ctx *h = ctx;
	const struct st_kind_info *k = st_kind_info(h->kind);

	h->n++;
	printf("%s第 %d 版  %s  %s", h->n > 1 ? "\n" : "", h->n, v->at ? v->at : "（时间不详）",
	       v->who ? v->who : "（修改人不详）");
	if (v->command)
		printf("  %s", v->command);
	if (v->why)
		printf("  原因：%s", v->why);
	printf("\n");
	if (!v->values[ST_COL_id])
		printf("  （记录已删除）\n");
	else
		print_changes(h->kind, (const char *const *)h->prev, v->values);
	if (!h->prev && !(h->prev = calloc((size_t)k->ncols, sizeof *h->prev)))
		return -1;
	for (int i = 0; i < k->ncols; i++) {
		free(h->prev[i]);
		h->prev[i] = v->values[i] ? strdup(v->values[i]) : NULL;
	}
	return 0;
}

int cmd_history(struct st_cli *cli, int argc, char **argv)
{
	static const char help[] =
		"列出一条记录的每一个版本：时间、修改人、命令、原因，以及与上一版相比改动的字段。\n"
		"导入或早期版本程序所做的修改没有记录修改人。\n";
	struct st_diag diag = ST_DIAG_INIT;
	struct history_ctx h = { 0, 0, NULL };
	char *id = NULL;
	sqlite3 *db;
	int c, kind, rc;

	if ((c = st_record_help_only(argc, argv, usage_history, help)) != 0)
		return c == 2 ? 0 : c;
	if (argc - optind != 2)
		return st_cli_usage(usage_history, argc - optind < 2 ? "缺少记录类别 KIND 或编号 ID"
								      : "参数过多");
	if ((kind = st_kind_find(argv[optind])) < 0)
		return print_kinds(usage_history, argv[optind]);
	if (!(db = st_cli_db(cli, ST_STORE_READ)))
		return 1;
	h.kind = kind;
	/* a record that was deleted has no row to resolve a name against */
	if (st_record_resolve(db, kind, argv[optind + 1], &id, &diag) < 0) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	st_diag_release(&diag);
	st_diag_init(&diag);
	rc = st_record_history(db, kind, id ? id : argv[optind + 1], print_version, &h, &diag);
	if (rc < 0)
		st_cli_print_errors(&diag);
	else if (rc == 0)
		st_cli_error("%s %s 不存在，也没有历史记录", st_kind_info(kind)->label,
			     argv[optind + 1]);
	st_diag_release(&diag);
	st_values_free(h.prev, st_kind_info(kind)->ncols);
	free(id);
	return rc > 0 ? 0 : 1;
}
