/*
 * cli.c — helpers shared by the commands (see st_cli.h).
 */
#include "st_cli.h"
#include "st_record.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

sqlite3 *st_cli_db(struct st_cli *cli, enum st_store_mode mode)
{
	static enum st_store_mode opened_mode;
	struct st_diag diag = ST_DIAG_INIT;

	if (cli->db && (opened_mode == ST_STORE_WRITE || mode == ST_STORE_READ))
		return cli->db;
	st_store_close(cli->db);
	cli->db = NULL;
	/* no command but init, import and restore creates a database: a
	 * record typed in the wrong folder, or a check there reporting zero
	 * subjects, would look like success */
	if (!cli->may_create && access(cli->db_path, F_OK) != 0) {
		st_cli_error("数据库 %s 不存在。新建空数据库请用 safetrack --db %s init，"
			     "或用 safetrack --db %s import DIR 从园区档案导入；"
			     "已有的数据库请用全局选项 --db FILE 指定（写在命令之前）",
			     cli->db_path, cli->db_path, cli->db_path);
		return NULL;
	}
	/* The command's connection: only the main thread uses it (check
	 * --jobs opens one per worker, serve one per server thread), so it
	 * goes without SQLite's connection mutex (st_store.h). */
	if (st_store_open_flags(cli->db_path, mode, ST_STORE_ONE_THREAD, &cli->db, &diag) != 0) {
		for (size_t i = 0; i < st_diag_kept(&diag); i++)
			st_cli_error("%s", diag.line[i]);
		st_diag_release(&diag);
		return NULL;
	}
	opened_mode = mode;
	return cli->db;
}

struct st_pack *st_cli_pack(struct st_cli *cli, const char *tailoring)
{
	struct st_diag diag = ST_DIAG_INIT;
	const char *dir = cli->rules_dir ? cli->rules_dir : st_rules_default_dir();

	if (cli->pack)
		return cli->pack;
	if (st_pack_load(dir, tailoring, &cli->pack, &diag) != 0) {
		st_cli_print_diag(&diag);
		st_diag_release(&diag);
		return NULL;
	}
	return cli->pack;
}

/* "safetrack: MESSAGE" on stderr */
static void verror(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static void verror(const char *fmt, va_list ap)
{
	fputs("safetrack: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int st_cli_usage(const char *usage, const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		verror(fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, "用法: %s\n", usage);
	return 1;
}

int st_cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	return 1;
}

int st_cli_print_diag(const struct st_diag *diag)
{
	for (size_t i = 0; i < st_diag_kept(diag); i++)
		fprintf(stderr, "%s\n", diag->line[i]);
	if (diag->count > ST_DIAG_KEEP)
		fprintf(stderr, "……另有 %zu 条错误未列出\n", diag->count - ST_DIAG_KEEP);
	return 1;
}

int st_cli_print_errors(const struct st_diag *diag)
{
	for (size_t i = 0; i < st_diag_kept(diag); i++)
		st_cli_error("%s", diag->line[i]);
	if (diag->count > ST_DIAG_KEEP)
		st_cli_error("……另有 %zu 条错误未列出", diag->count - ST_DIAG_KEEP);
	return 1;
}

int st_cli_parse_as_of(const char *arg, st_day *out)
{
	if (!arg) {
		*out = st_today();
		return 0;
	}
	if (st_date_parse(arg, out) != 0) {
		st_cli_error("--as-of: '%s' 不是有效日期（应为 YYYY-MM-DD）", arg);
		return -1;
	}
	return 0;
}

/* edit distance of a and b (bytes), at most 99 */
static int distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), row[64];

	if (la > 62 || lb > 62)
		return 99;
	for (int j = 0; j <= lb; j++)
		row[j] = j;
	for (int i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= lb; j++) {
			int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

const char *st_cli_nearest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	int bd = 99, limit = strlen(word) <= 4 ? 1 : strlen(word) <= 8 ? 2 : 3;

	for (size_t i = 0; i < n; i++) {
		int d = distance(word, cands[i]);
		if (d < bd)
			bd = d, best = cands[i];
	}
	return bd <= limit ? best : NULL;
}

int st_cli_unknown_option(const char *usage, const char *arg, const char *const *known,
			  size_t n)
{
	char name[64], from_usage[32][48];
	const char *cands[32];
	size_t m = 0;

	snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
	if (!strcmp(name, "--db") || !strcmp(name, "--rules")) {
		const char *cmd = strncmp(usage, "safetrack ", 10) ? "COMMAND" : usage + 10;
		return st_cli_usage(usage, "%s 是全局选项，要写在命令之前，如 safetrack %s %s %.*s ……",
				    name, name, !strcmp(name, "--db") ? "FILE" : "DIR",
				    (int)strcspn(cmd, " "), cmd);
	}
	/* the options a usage line names ("[--as-of DATE]") */
	if (!known) {
		for (const char *p = strstr(usage, "--"); p && m < 32; p = strstr(p + 2, "--")) {
			size_t len = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789-");
			if (len && len < 40) {
				snprintf(from_usage[m], sizeof from_usage[m], "--%.*s", (int)len, p + 2);
				cands[m] = from_usage[m];
				m++;
			}
		}
		known = cands;
		n = m;
	}
	const char *near = st_cli_nearest(name, known, n);
	if (near)
		return st_cli_usage(usage, "未知选项 '%s'（是不是 %s？）", arg, near);
	return st_cli_usage(usage, "未知选项 '%s'", arg);
}

int st_cli_option(int c, char **argv, const char *usage, const char *help)
{
	if (c == 'h') {
		printf("用法: %s\n\n%s", usage, help);
		return 0;
	}
	if (c == ':')
		return st_cli_usage(usage, "选项 %s 需要一个值", argv[optind - 1]);
	return st_cli_unknown_option(usage, argv[optind - 1], NULL, 0);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void st_progress_start(struct st_progress *p, sqlite3 *db)
{
	sqlite3_stmt *s = NULL;

	p->on = isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
	p->done = p->total = 0;
	p->last_ms = now_ms();
	if (p->on && sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM parks) + "
					    "(SELECT count(*) FROM enterprises)",
					-1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		p->total = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
}

void st_progress_step(struct st_progress *p)
{
	p->done++;
	if (!p->on || now_ms() - p->last_ms < 250)
		return;
	p->last_ms = now_ms();
	fprintf(stderr, "\r已核查 %zu/%zu 个对象", p->done, p->total);
	fflush(stderr);
}

void st_progress_end(struct st_progress *p)
{
	if (p->on && p->done)
		fprintf(stderr, "\r%40s\r", "");
}

char *st_cli_resolve(sqlite3 *db, enum st_kind kind, const char *text)
{
	struct st_diag diag = ST_DIAG_INIT;
	char *id = NULL;

	/* the problem after "safetrack: ", the candidates under it as they are */
	if (st_record_resolve(db, kind, text, &id, &diag) != 0) {
		for (size_t i = 0; i < st_diag_kept(&diag); i++) {
			if (i == 0 || strncmp(diag.line[i], "  ", 2))
				st_cli_error("%s", diag.line[i]);
			else
				fprintf(stderr, "%s\n", diag.line[i]);
		}
	}
	st_diag_release(&diag);
	return id;
}

/* see st_cli.h */
void st_cli_remove_new_db(struct st_cli *cli)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];

	st_store_close(cli->db);
	cli->db = NULL;
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++)
		if ((size_t)snprintf(path, sizeof path, "%s%s", cli->db_path, suffix[i]) < sizeof path)
			unlink(path);
}
