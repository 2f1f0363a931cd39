/*
 * cmd_export.c — `safetrack export DIR`: write the whole store back as a
 * dossier (every file, canonical forms, rows by id).
 */
#include <stdio.h>
#include <unistd.h>

#include "st_cli.h"
#include "st_evidence.h"
#include "st_dossier.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack export DIR";

static const char help[] =
	"把数据库中的全部记录导出为园区档案：在 DIR（不存在则创建）中写出每类记录一个 CSV 文件，\n"
	"先写在 DIR 旁的新文件夹中并同步到磁盘，完成后整体替换 DIR，中途断电或被终止不会留下\n"
	"半份档案；DIR 中只能有档案文件（会被整体替换），同一 DIR 同时只能有一个导出。\n"
	"表头按规范的列顺序，各行按编号排序，日期、时间、是否均为标准写法，UTF-8（无 BOM）。\n"
	"以 = + - @ 开头的文本前加一个撇号 '，防止表格软件把它当作公式；导入时会去掉。\n"
	"导出再导入到空数据库、再导出，文件逐字节相同。\n";

int cmd_export(struct st_cli *cli, int argc, char **argv)
{
	struct st_diag diag = ST_DIAG_INIT;
	long rows[ST_KIND_COUNT], total = 0, photos;
	sqlite3 *db;
	int c;

	if ((c = st_record_help_only(argc, argv, usage, help)) != 0)
		return c == 2 ? 0 : c;
	if (argc - optind != 1)
		return st_cli_usage(usage, argc == optind ? "缺少输出文件夹 DIR" : "参数过多");
	if (!(db = st_cli_db(cli, ST_STORE_READ)))
		return 1;
	if (st_dossier_export(db, argv[optind], cli->db_path, rows, &diag)) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	printf("已导出到 %s：\n", argv[optind]);
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		printf("  %-18s %8ld 行\n", st_kind_info(k)->file, rows[k]);
		total += rows[k];
	}
	printf("共 %ld 行。\n", total);
	/* the hazards' evidence photos go beside the CSV files */
	if ((photos = st_evidence_export(db, argv[optind], &diag)) < 0) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	if (photos)
		printf("整改照片 %ld 张，在 %s/evidence/。\n", photos, argv[optind]);
	return 0;
}
