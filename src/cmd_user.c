/*
 * cmd_user.c — `safetrack user add|passwd|disable|list`: the web server's
 * accounts (HTTP.md §0).
 *
 * A password comes from the first line of standard input when that is not a
 * terminal (scripts, `make serve-demo`), otherwise from two prompts on the
 * terminal with echo off, which must agree.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "st_account.h"
#include <sodium.h>

#include "st_cli.h"

static const char usage[] =
	"safetrack user add NAME --role admin|officer|enterprise|viewer [--park ID]... "
	"[--enterprise ID] | passwd NAME | disable NAME | list";

static const char help[] =
	"管理网页端（safetrack serve）的账户。\n\n"
	"  add NAME --role ROLE   新建账户；ROLE 为 admin（管理员）、officer（安全监管人员）、\n"
	"                         enterprise（企业）、viewer（只读）\n"
	"    --park ID            officer 负责的园区（可重复；不指定则为全部园区）\n"
	"    --enterprise ID      enterprise 账户所属企业（必需）\n"
	"  passwd NAME            修改密码（该账户的全部会话随之结束）\n"
	"  disable NAME           停用账户（其会话随之结束）\n"
	"  list                   列出账户\n\n"
	"密码至少 10 个字符。标准输入不是终端时读取其第一行为密码，否则在终端上提示输入两次（不回显）。\n";

/* read one line from f into buf without its line end; 0, or -1 at EOF */
static int read_line(FILE *f, char *buf, size_t size)
{
	size_t n;

	if (!fgets(buf, (int)size, f))
		return -1;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return 0;
}

/* prompt on the terminal with echo off */
static int prompt(const char *text, char *buf, size_t size)
{
	struct termios old, quiet;
	int r, restore = tcgetattr(STDIN_FILENO, &old) == 0;

	fputs(text, stderr);
	fflush(stderr);
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	r = read_line(stdin, buf, size);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return r;
}

/* the new password into buf; 0, or 1 after printing why not */
static int get_password(char *buf, size_t size)
{
	char again[1100];

	if (!isatty(STDIN_FILENO)) {
		if (read_line(stdin, buf, size))
			return st_cli_error("标准输入中没有密码（第一行应为密码）");
		return 0;
	}
	if (prompt("新密码: ", buf, size) || prompt("再输入一次: ", again, sizeof again))
		return st_cli_error("没有读到密码");
	if (strcmp(buf, again)) {
		sodium_memzero(again, sizeof again);
		return st_cli_error("两次输入的密码不一致");
	}
	sodium_memzero(again, sizeof again);
	return 0;
}

static int user_add(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "park", required_argument, NULL, 'p' },
		{ "enterprise", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_diag diag = ST_DIAG_INIT;
	const char *role_arg = NULL, *enterprise = NULL;
	const char **parks = NULL;
	size_t nparks = 0;
	enum st_role role;
	char pw[1100];
	sqlite3 *db;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'r': role_arg = optarg; break;
		case 'e': enterprise = optarg; break;
		case 'p': {
			const char **p = realloc(parks, (nparks + 1) * sizeof *p);
			if (!p) {
				free(parks);
				return st_cli_error("内存不足");
			}
			parks = p;
			parks[nparks++] = optarg;
			break;
		}
		default:
			free(parks);
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (argc - optind != 1 || !role_arg || st_role_parse(role_arg, &role)) {
		free(parks);
		if (argc - optind != 1)
			return st_cli_usage(usage, argc == optind ? "缺少用户名" : "参数过多");
		if (!role_arg)
			return st_cli_usage(usage, "缺少 --role");
		return st_cli_usage(usage, "未知的角色 '%s'（应为 admin、officer、enterprise 或 viewer）",
				    role_arg);
	}
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)) || get_password(pw, sizeof pw)) {
		free(parks);
		return 1;
	}
	rc = st_account_add(db, argv[optind], role, parks, nparks, enterprise, pw, time(NULL),
			    &diag);
	sodium_memzero(pw, sizeof pw);
	free(parks);
	if (rc) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	fprintf(stderr, "已新建账户 %s（%s）\n", argv[optind], st_role_label(role));
	return 0;
}

/* passwd and disable: one NAME */
static int user_one(struct st_cli *cli, int argc, char **argv, int passwd)
{
	struct st_diag diag = ST_DIAG_INIT;
	char pw[1100];
	sqlite3 *db;
	int rc;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("用法: %s\n\n%s", usage, help);
		return 0;
	}
	if (argc != 2)
		return st_cli_usage(usage, argc < 2 ? "缺少用户名" : "参数过多");
	if (!(db = st_cli_db(cli, ST_STORE_WRITE)))
		return 1;
	if (passwd) {
		struct st_account a;
		rc = st_account_get(db, argv[1], &a, &diag);
		if (rc == 1)
			st_diag_add(&diag, "没有用户 '%s'", argv[1]);
		if (rc) {
			st_cli_print_errors(&diag);
			st_diag_release(&diag);
			return 1;
		}
		st_account_release(&a);
		if (get_password(pw, sizeof pw))
			return 1;
		rc = st_account_passwd(db, argv[1], pw, &diag);
		sodium_memzero(pw, sizeof pw);
	} else {
		rc = st_account_disable(db, argv[1], &diag);
	}
	if (rc) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	fprintf(stderr, passwd ? "已修改 %s 的密码，其会话已结束\n" : "已停用账户 %s\n", argv[1]);
	return 0;
}

static int user_list(struct st_cli *cli, int argc)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_account *list;
	size_t n;
	sqlite3 *db;

	if (argc != 1)
		return st_cli_usage(usage, "参数过多");
	if (!(db = st_cli_db(cli, ST_STORE_READ)))
		return 1;
	if (st_account_list(db, &list, &n, &diag)) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct st_account *a = &list[i];
		printf("%s\t%s\t", a->name, st_role_name(a->role));
		if (a->enterprise)
			printf("企业 %s", a->enterprise);
		else if (a->role == ST_ROLE_OFFICER && a->nparks) {
			printf("园区 ");
			for (size_t k = 0; k < a->nparks; k++)
				printf("%s%s", k ? "," : "", a->parks[k]);
		} else
			printf("全部园区");
		printf("\t%s\n", a->disabled ? "已停用" : "启用");
	}
	if (!n)
		printf("没有账户。\n");
	st_account_list_free(list, n);
	return 0;
}

int cmd_user(struct st_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return st_cli_usage(usage, "缺少子命令（add、passwd、disable 或 list）");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("用法: %s\n\n%s", usage, help);
		return 0;
	}
	if (!strcmp(argv[1], "add"))
		return user_add(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "passwd"))
		return user_one(cli, argc - 1, argv + 1, 1);
	if (!strcmp(argv[1], "disable"))
		return user_one(cli, argc - 1, argv + 1, 0);
	if (!strcmp(argv[1], "list"))
		return user_list(cli, argc - 1);
	return st_cli_usage(usage, "未知的子命令 '%s'", argv[1]);
}
