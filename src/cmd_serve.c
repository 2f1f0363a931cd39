/*
 * cmd_serve.c — `safetrack serve`: the web front end (HTTP.md §0).
 *
 * Opens the existing store (never creates one) and brings its schema
 * forward, loads the rule pack and the page templates, starts the server,
 * prints the ready line with the URL, and waits for SIGTERM or SIGINT; then
 * it stops accepting, lets the requests in flight finish (at most 10 s) and
 * exits 0.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "st_cli.h"
#include "st_http.h"

static const char usage[] =
	"safetrack serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE] [--threads N]";

static const char help[] =
	"启动网页端：登录后查看督办看板、企业档案、报告，并通过 JSON 接口读取核查结果。\n\n"
	"  --listen ADDR:PORT  监听地址（默认 127.0.0.1:8080；端口 0 表示任选空闲端口）\n"
	"  --tls-cert FILE     TLS 证书（PEM），与 --tls-key 一起使用时以 HTTPS 提供服务\n"
	"  --tls-key FILE      TLS 私钥（PEM）\n"
	"  --threads N         工作线程数（默认 4）\n\n"
	"账户用 safetrack user add 建立。收到 SIGTERM 或 SIGINT 时停止接受新连接，\n"
	"等待进行中的请求完成（最多 10 秒）后退出。\n";

/* what the server does in the background, on the terminal */
static void notice(void *arg, const char *message)
{
	(void)arg;
	fprintf(stderr, "safetrack: %s\n", message);
	fflush(stderr);
}

int cmd_serve(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_server_opts o = { 0 };
	struct st_diag diag = ST_DIAG_INIT;
	struct st_server *srv;
	struct stat sb;
	sigset_t set;
	char url[128];
	int c, sig;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': o.listen = optarg; break;
		case 'c': o.tls_cert = optarg; break;
		case 'k': o.tls_key = optarg; break;
		case 't': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 64)
				return st_cli_usage(usage, "--threads: '%s' 不是 1 到 64 之间的数", optarg);
			o.threads = (unsigned)n;
			break;
		}
		default:
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (optind < argc)
		return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);
	if (!o.tls_cert != !o.tls_key)
		return st_cli_usage(usage, "--tls-cert 与 --tls-key 须同时给出");
	/* the server never creates a database */
	if (stat(cli->db_path, &sb) != 0)
		return st_cli_error("数据库 %s 不存在（请先用 import 导入园区档案）", cli->db_path);
	if (!st_cli_db(cli, ST_STORE_WRITE) || !(o.pack = st_cli_pack(cli, NULL)))
		return 1;
	o.db_path = cli->db_path;
	o.notice = notice;

	/* the workers inherit this mask: only the main thread takes the signals */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (st_server_start(&o, &srv, url, sizeof url, &diag)) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}
	fprintf(stderr, "safetrack: 正在监听 %s\n", url);
	fflush(stderr);
	do
		c = sigwait(&set, &sig);
	while (c != 0);
	fprintf(stderr, "safetrack: 收到信号，正在停止\n");
	st_server_stop(srv, 10);
	return 0;
}
