/*
 * cmd_backup.c — `safetrack backup FILE`: a consistent copy of the store
 * taken while it is in use (see st_backup.h).
 */
#include <stdio.h>
#include <unistd.h>

#include "st_backup.h"
#include "st_cli.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack backup FILE";

static const char help[] =
	"把数据库完整备份到 FILE（SQLite 在线备份）。备份时其他程序（服务器、登记命令）可以照常\n"
	"写入：备份是某一时刻已提交的全部记录，单个文件，已做完整性检查并同步到磁盘。\n"
	"先写在 FILE 旁的临时文件中，完成后才替换 FILE；同一 FILE 同时只能有一个备份。\n"
	"FILE 不能是数据库本身。用 safetrack restore FILE 恢复。\n";

int cmd_backup(struct st_cli *cli, int argc, char **argv)
{
	struct st_diag diag = ST_DIAG_INIT;
	sqlite3 *db;
	int c;

	if ((c = st_record_help_only(argc, argv, usage, help)) != 0)
		return c == 2 ? 0 : c;
	if (argc - optind != 1)
		return st_cli_usage(usage, argc == optind ? "缺少备份文件 FILE" : "参数过多");
	if (!(db = st_cli_db(cli, ST_STORE_READ)))
		return 1;
	if (st_backup_to(db, cli->db_path, argv[optind], &diag)) {
		st_cli_print_errors(&diag);
		st_cli_error("备份失败，%s 未改动", argv[optind]);
		st_diag_release(&diag);
		return 1;
	}
	printf("已将数据库 %s 备份到 %s（完整性检查通过）。\n", cli->db_path, argv[optind]);
	return 0;
}
