/*
 * cmd_show.c — `safetrack show ID`: one enterprise (or park) with every
 * record that belongs to it, the way an officer opens a file folder.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "st_cli.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack show ENTERPRISE|PARK";

static const char help[] =
	"查看一家企业（统一社会信用代码）的全部信息及其全部记录：检查、隐患、安全评价、建设项目、\n"
	"从业人员、特种作业证书、特种设备、事故、安全目标责任书、参加的应急演练。\n"
	"给出园区编号时，显示园区及其企业、会议和演练。\n";

/* the fields of one record, "label（name）: value" */
static void print_fields(enum st_kind kind, char **v)
{
	const struct st_kind_info *k = st_kind_info(kind);

	printf("%s %s\n", k->label, v[0]);
	for (int i = 1; i < k->ncols; i++)
		printf("  %s（%s）: %s\n", k->cols[i].label, k->cols[i].name, v[i] ? v[i] : "—");
}

/* one section per kind of record that refers to the subject through col */
static int print_section(sqlite3 *db, enum st_kind kind, const char *col, const char *id)
{
	const struct st_kind_info *k = st_kind_info(kind);
	long n;

	printf("\n【%s】\n", k->label);
	fflush(stdout);
	n = st_record_list(stdout, db, kind, col, id, ST_ORDER_DATE, col);
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

	if ((found = st_record_load(db, ST_ENTERPRISE, id, &v, &diag)) == 0) {
		print_fields(ST_ENTERPRISE, v);
		st_values_free(v, st_kind_info(ST_ENTERPRISE)->ncols);
		for (size_t i = 0; i < sizeof of_enterprise / sizeof of_enterprise[0] && !rc; i++)
			rc = print_section(db, of_enterprise[i], "enterprise", id);
		if (!rc)
			rc = print_section(db, ST_DRILL, "participants", id);
		if (!rc)
			rc = print_section(db, ST_WAIVER, "subject", id);
	} else if (found > 0 && (found = st_record_load(db, ST_PARK, id, &v, &diag)) == 0) {
		print_fields(ST_PARK, v);
		st_values_free(v, st_kind_info(ST_PARK)->ncols);
		rc = print_section(db, ST_ENTERPRISE, "park", id);
		if (!rc)
			rc = print_section(db, ST_MEETING, "park", id);
		if (!rc)
			rc = print_section(db, ST_DRILL, "park", id);
		if (!rc)
			rc = print_section(db, ST_WAIVER, "subject", id);
	}
	if (found < 0) {
		st_cli_print_diag(&diag);
		st_diag_release(&diag);
		return 1;
	}
	if (found > 0)
		return st_cli_error("企业或园区 %s 不存在", id);
	return rc ? 1 : 0;
}
