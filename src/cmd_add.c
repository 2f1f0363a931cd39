/*
 * cmd_add.c — `safetrack add KIND --COLUMN VALUE ...`: record one record of
 * any dossier kind from the command line (an evaluation, a certificate, an
 * equipment test, an accident, a meeting, a drill, a letter, a worker, a
 * project, an enterprise, a park ...).
 *
 * One generic command rather than one per kind: the options, the checks and
 * the help all come from the dossier's column table, so each kind behaves
 * exactly like its CSV file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack add KIND --COLUMN VALUE ...";

static void print_kinds(FILE *f)
{
	fprintf(f, "KIND 为记录类别（单数或复数均可）:\n");
	for (int k = 0; k < ST_KIND_COUNT; k++)
		fprintf(f, "  %-12s %s\n", st_kind_info(k)->singular, st_kind_info(k)->label);
	fprintf(f, "\n各类别的选项见 safetrack add KIND --help。\n");
}

int cmd_add(struct st_cli *cli, int argc, char **argv)
{
	const char *values[ST_MAX_COLS];
	char kind_usage[200], intro[400], *pos[1];
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	const struct st_kind_info *k;
	unsigned force;
	sqlite3 *db;
	int kind, npos, rc;

	if (argc < 2)
		return st_cli_usage(usage, "缺少记录类别 KIND（见 safetrack add --help）");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("用法: %s\n\n登记一条记录，校验规则与导入档案完全相同。"
		       "选项名即档案列名（下划线写作连字符）。\n"
		       "编号（--id）已存在时拒绝登记；修改已有记录请用 safetrack edit KIND ID。\n"
		       "枚举值可写英文或中文（见 docs/values.md），企业与园区可写编号或名称。\n"
		       "记录日期晚于明天时拒绝登记，确属未来日期请加 --force。\n\n", usage);
		print_kinds(stdout);
		return 0;
	}
	if ((kind = st_kind_find(argv[1])) < 0 || strstr(argv[1], ".csv")) {
		st_cli_usage(usage, "未知的记录类别 '%s'", argv[1]);
		print_kinds(stderr);
		return 1;
	}
	k = st_kind_info(kind);
	snprintf(kind_usage, sizeof kind_usage, "safetrack add %s --COLUMN VALUE ... [--force]",
		 k->singular);
	snprintf(intro, sizeof intro, "登记一条%s记录（对应档案文件 %s）。%s", k->label, k->file,
		 k->id_prefix ? "不给 --id 时自动生成编号。" : "必须给出 --id。");
	argc--, argv++;
	if (st_record_take_common(&argc, argv, NULL, &force, kind_usage))
		return 1;
	rc = st_record_parse(argc, argv, kind, NULL, values, pos, 0, &npos, kind_usage, intro);
	if (rc)
		return rc == 2 ? 0 : rc;
	if (kind == ST_WAIVER) {   /* its rule must be in the pack */
		const struct st_pack *pack = st_cli_pack(cli, NULL);
		if (!pack)
			return 1;
		st_record_set_pack(pack);
	}
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	char command[64];
	snprintf(command, sizeof command, "add %s", k->singular);
	rc = st_record_save(db, command, kind, values, force, &res);
	if (rc == 0) {
		printf("%s%s %s", st_record_verb(res.put), k->label, res.values[ST_COL_id]);
		if (k->owner >= 0 && res.values[k->owner])
			printf("（%s %s）", k->cols[k->owner].label, res.values[k->owner]);
		printf("\n");
	}
	st_record_result_release(&res);
	return rc;
}
