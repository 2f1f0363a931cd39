/*
 * cmd_restore.c — `safetrack restore FILE`: put a backup back, after
 * checking it, keeping the store it replaces (see st_backup.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "st_backup.h"
#include "st_cli.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack restore FILE";

static const char help[] =
	"用备份文件 FILE 替换数据库中的全部记录。先检查 FILE：SQLite 文件头、完整性检查、\n"
	"外键、数据库结构与本程序的版本是否一致；任何一项不通过都不作任何修改。\n"
	"替换前，当前数据库另存为“数据库文件名.before-restore-日期-时间”（可用它再恢复回去）。\n"
	"替换在一个事务中完成，其他程序看到的要么是旧记录，要么是恢复后的记录。\n";

int cmd_restore(struct st_cli *cli, int argc, char **argv)
{
	struct st_diag diag = ST_DIAG_INIT;
	const char *file;
	char *saved = NULL;
	sqlite3 *db;
	int c, v, rc = 1, existed = 1;

	if ((c = st_record_help_only(argc, argv, usage, help)) != 0)
		return c == 2 ? 0 : c;
	if (argc - optind != 1)
		return st_cli_usage(usage, argc == optind ? "缺少备份文件 FILE" : "参数过多");
	file = argv[optind];
	/* the backup first, on its own: nothing is opened for writing (or
	 * created) if it is not a whole safetrack store */
	if (st_backup_verify(file, &v, &diag))
		goto fail;
	/* restoring into a new file creates it, as import does; a failed
	 * restore removes what it created */
	existed = access(cli->db_path, F_OK) == 0;
	cli->may_create = 1;
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		goto out;
	if (existed) {
		time_t now = time(NULL);
		struct tm tm;
		char stamp[32];
		size_t n = strlen(cli->db_path) + 48;
		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		if (!(saved = malloc(n))) {
			st_diag_add(&diag, "内存不足");
			goto fail;
		}
		snprintf(saved, n, "%s.before-restore-%s", cli->db_path, stamp);
		if (st_backup_to(db, cli->db_path, saved, &diag))
			goto fail;
	}
	if (st_backup_restore(db, file, &diag))
		goto fail;
	printf("已用备份 %s 恢复数据库 %s（备份为第 %d 版，检查通过）。\n", file, cli->db_path, v);
	if (saved)
		printf("恢复前的数据库已另存为 %s。\n", saved);
	rc = 0;
	goto out;
fail:
	st_cli_print_errors(&diag);
	if (!existed && cli->db)
		st_cli_remove_new_db(cli);
	st_cli_error("未恢复：数据库未作任何修改");
out:
	st_diag_release(&diag);
	free(saved);
	return rc;
}
