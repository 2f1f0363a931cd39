/*
 * cmd_init.c — `safetrack init`: create an empty database, the one
 * deliberate way besides `import` to start one (every other command on a
 * missing database refuses and says so, see st_cli_db).
 */
#include <stdio.h>
#include <unistd.h>

#include "st_cli.h"
#include "st_record_cli.h"

static const char usage[] = "safetrack [--db FILE] init";
static const char help[] =
	"新建一个空的数据库（--db 指定的文件，默认 ./safetrack.db），之后可用 add、inspect、\n"
	"hazard 登记记录。已有的文件不会被改动。从园区档案开始请直接用 import。\n";

int cmd_init(struct st_cli *cli, int argc, char **argv)
{
	int c;

	if ((c = st_record_help_only(argc, argv, usage, help)) != 0)
		return c == 2 ? 0 : c;
	if (argc - optind != 0)
		return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);
	if (access(cli->db_path, F_OK) == 0)
		return st_cli_error("数据库 %s 已存在，未作改动（换一个文件名请用 --db FILE，写在命令之前）",
				    cli->db_path);
	cli->may_create = 1;
	if (!st_cli_db(cli, ST_STORE_WRITE))
		return 1;
	printf("已新建数据库 %s\n", cli->db_path);
	return 0;
}
