/*
 * cmd_show.c — `safetrack show ID`: one enterprise (or park) with every
 * record that belongs to it, the way an officer opens a file folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "st_cli.h"
#include "st_record.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack show ENTERPRISE|PARK|ID";

static const char help[] =
	"查看一家企业（统一社会信用代码、全称或名称中唯一的一段）的全部信息及其全部记录：检查、\n"
	"隐患、安全评价、建设项目、从业人员、特种作业证书、特种设备、事故、安全目标责任书、\n"
	"参加的应急演练。给出园区编号或名称时，显示园区及其企业、会议和演练。\n"
	"给出其他任何记录的编号（如隐患、检查记录）时，显示该条记录。\n";

/* the fields of one record, "label（name）: value" */
static void print_fields(enum st_kind kind, char **v)
{
	const struct st_kind_info *k = st_kind_info(kind);

	printf("%s %s\n", k->label, v[ST_COL_id]);
	for (int i = ST_COL_id + 1; i < k->ncols; i++) {
		const char *zh = st_record_shown(&k->cols[i], v[i]);
		printf("  %s", k->cols[i].label);
		if (kind == ST_INSPECTION && i >= ST_ITEM_COL && i < ST_ITEM_COL + ST_ITEMS)
			printf(" %s", st_items[i - ST_ITEM_COL]);
		printf("（%s）: %s", k->cols[i].name, v[i] ? zh : "—");
		if (v[i] && zh != v[i])
			printf("（%s）", v[i]);
		printf("\n");
	}
	if (kind == ST_HAZARD)
		printf("  状态: %s\n", st_hazard_state_label(st_hazard_state((const char *const *)v)));
}

/* one section per kind of record that refers to the subject through col */
static int print_section(sqlite3 *db, enum st_kind kind, const char *col, const char *id)
{
	const struct st_kind_info *k = st_kind_info(kind);
	long n;

	printf("\n【%s】\n", k->label);
	fflush(stdout);
	n = st_record_list(stdout, db, kind, col, id, ST_ORDER_DATE, col, 0);
	if (n < 0)
		return -1;
	if (n == 0)
		printf("（无）\n");
	return 0;
}

int cmd_show(struct st_cli *cli, int argc, char **argv)
{
	static const enum st_kind of_enterprise[] = {
		ST_INSPECTION, ST_HAZARD, ST_EVALUATION, ST_PROJECT, ST_WORKER, ST_CERTIFICATE,
		ST_EQUIPMENT, ST_ACCIDENT, ST_LETTER, ST_LICENCE,
	};
	struct st_diag diag = ST_DIAG_INIT;
	const char *id;
	char **v = NULL;
	sqlite3 *db;
	int c, rc = 0, found;

	if ((c = st_record_help_only(argc, argv, usage, help)) != 0)
		return c == 2 ? 0 : c;
	if (argc - optind != 1)
		return st_cli_usage(usage, argc == optind ? "缺少企业或园区编号" : "参数过多");
	id = argv[optind];
	if (!(db = st_cli_db(cli, ST_STORE_READ)))
		return 1;

	/* an enterprise or park by id; else any record by its id; else an
	 * enterprise or park by name */
	enum st_kind kind = ST_ENTERPRISE;
	char *named = NULL;
	found = st_record_load(db, ST_ENTERPRISE, id, &v, &diag);
	for (int k = 0; found > 0 && k < ST_KIND_COUNT; k++)
		if (k != ST_ENTERPRISE && (found = st_record_load(db, k, id, &v, &diag)) == 0)
			kind = k;
	if (found > 0) {
		st_diag_release(&diag);
		st_diag_init(&diag);
		/* a name: the enterprise first, then a park; say what the
		 * enterprise lookup said if neither knows it */
		found = st_record_resolve(db, ST_ENTERPRISE, id, &named, &diag);
		if (found == 1) {
			struct st_diag pd = ST_DIAG_INIT;
			if (st_record_resolve(db, ST_PARK, id, &named, &pd) == 0)
				kind = ST_PARK, found = 0;
			st_diag_release(&pd);
		}
		if (found == 0 && (found = st_record_load(db, kind, named, &v, &diag)) == 0)
			id = named;
		else if (found > 0) {
			if (found == 1)
				st_cli_error("没有编号或名称为“%s”的企业、园区或记录", id);
			for (size_t i = found == 1; i < st_diag_kept(&diag); i++) {
				if (i == 0 || strncmp(diag.line[i], "  ", 2))
					st_cli_error("%s", diag.line[i]);
				else
					fprintf(stderr, "%s\n", diag.line[i]);
			}
			st_diag_release(&diag);
			free(named);
			return 1;
		}
	}
	if (found < 0) {
		st_cli_print_diag(&diag);
		st_diag_release(&diag);
		free(named);
		return 1;
	}
	print_fields(kind, v);
	st_values_free(v, st_kind_info(kind)->ncols);
	if (kind == ST_ENTERPRISE) {
		for (size_t i = 0; i < sizeof of_enterprise / sizeof of_enterprise[0] && !rc; i++)
			rc = print_section(db, of_enterprise[i], "enterprise", id);
		if (!rc)
			rc = print_section(db, ST_DRILL, "participants", id);
		if (!rc)
			rc = print_section(db, ST_WAIVER, "subject", id);
	} else if (kind == ST_PARK) {
		rc = print_section(db, ST_ENTERPRISE, "park", id);
		if (!rc)
			rc = print_section(db, ST_MEETING, "park", id);
		if (!rc)
			rc = print_section(db, ST_DRILL, "park", id);
		if (!rc)
			rc = print_section(db, ST_WAIVER, "subject", id);
	} else if (kind == ST_INSPECTION) {
		rc = print_section(db, ST_HAZARD, "inspection", id);
	}
	free(named);
	return rc ? 1 : 0;
}
