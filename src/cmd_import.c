/*
 * cmd_import.c — `safetrack import DIR`: load a park dossier in one
 * transaction and say, file by file, what changed.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "st_cli.h"
#include "st_dossier.h"
#include "st_evidence.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack import DIR";

static const char help[] =
	"导入园区档案：DIR 中的 CSV 文件（parks.csv、enterprises.csv、inspections.csv ……），\n"
	"按依赖顺序在一个事务中写入数据库。任何一行有错，整个导入都不生效，并列出前 20 个错误\n"
	"（文件:行号: column 列名: 说明）。编号已存在的记录被替换，旧版本保存在历史中。\n"
	"文件格式、列名与中文列名见 docs/dossier.md。\n";

struct progress {
	int shown;
};

/* large imports: a line on a terminal, rewritten in place */
static void on_progress(void *ctx, const char *file, long rows)
{
	struct progress *p = ctx;

	fprintf(stderr, "\r正在导入 %s：已读 %ld 行", file, rows);
	fflush(stderr);
	p->shown = 1;
}

static void print_summary(const char *dir, const struct st_import_stats *s)
{
	long total = 0;

	printf("已导入 %s：\n", dir);
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		if (!s->present[k])
			continue;
		printf("  %-18s %8ld 行（新增 %ld，更新 %ld，未变 %ld）\n", st_kind_info(k)->file,
		       s->rows[k], s->inserted[k], s->updated[k], s->unchanged[k]);
		total += s->rows[k];
	}
	printf("共 %ld 行。\n", total);
}

int cmd_import(struct st_cli *cli, int argc, char **argv)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_import_stats stats;
	struct progress prog = { 0 };
	sqlite3 *db;
	int c, rc;

	if ((c = st_record_help_only(argc, argv, usage, help)) != 0)
		return c == 2 ? 0 : c;
	if (argc - optind != 1)
		return st_cli_usage(usage, argc == optind ? "缺少档案文件夹 DIR" : "参数过多");
	/* a waiver names a rule: the pack is needed only when there are waivers */
	const struct st_pack *pack = NULL;
	char waivers[4096];
	snprintf(waivers, sizeof waivers, "%s/%s", argv[optind], st_kind_info(ST_WAIVER)->file);
	if (access(waivers, F_OK) == 0 && !(pack = st_cli_pack(cli, NULL)))
		return 1;
	/* a failed first import leaves no empty database behind */
	int existed = access(cli->db_path, F_OK) == 0;
	cli->may_create = 1;
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	if (st_store_set_command(db, "import") != 0)
		return st_cli_error("内存不足");
	/* the photos beside the dossier (an export's evidence/): checked
	 * before anything is stored, added after the records they belong to */
	rc = st_evidence_import(db, argv[optind], 0, &diag) < 0;
	if (!rc)
		rc = st_dossier_import(db, argv[optind], pack, &stats,
				       isatty(2) ? on_progress : NULL, &prog, &diag);
	long photos = rc ? -1 : st_evidence_import(db, argv[optind], 1, &diag);
	if (prog.shown)
		fprintf(stderr, "\r%60s\r", "");
	if (rc) {
		st_cli_print_diag(&diag);
		st_cli_error("导入失败（%zu 个错误），数据库未作任何修改", diag.count);
		st_diag_release(&diag);
		if (!existed)
			st_cli_remove_new_db(cli);
		return 1;
	}
	if (!existed)
		printf("已新建数据库 %s\n", cli->db_path);
	print_summary(argv[optind], &stats);
	if (photos < 0) {
		st_cli_print_diag(&diag);
		st_cli_error("档案已导入，整改照片未导入（%zu 个错误）", diag.count);
		st_diag_release(&diag);
		return 1;
	}
	if (photos > 0)
		printf("整改照片 %ld 张。\n", photos);
	return 0;
}
