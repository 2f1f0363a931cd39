/* cmd_rules.c — placeholder until the command lands. */
#include "st_cli.h"

int cmd_rules(struct st_cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	return st_cli_error("%s: not implemented yet", argv[0]);
}
