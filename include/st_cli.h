/*
 * st_cli — what every command shares: global options, lazily opened store
 * and rule pack, and uniform usage errors.
 *
 * A command is `int cmd_NAME(struct st_cli *cli, int argc, char **argv)`
 * with argv[0] the command name; it returns the process exit status
 * (0 ok, 1 could not do its job; `check` also returns 2).  Commands print
 * to stdout/stderr; library modules never do.
 */
#ifndef ST_CLI_H
#define ST_CLI_H

#include <stdio.h>
#include <sqlite3.h>

#include "st_date.h"
#include "st_diag.h"
#include "st_dossier.h"
#include "st_rules.h"
#include "st_store.h"

struct st_cli {
	const char *db_path;     /* --db, $SAFETRACK_DB or ./safetrack.db */
	const char *rules_dir;   /* --rules, or NULL for st_rules_default_dir() */
	sqlite3 *db;             /* opened by st_cli_db(), closed by main */
	struct st_pack *pack;    /* loaded by st_cli_pack(), freed by main */
	int may_create;          /* set by init, import and restore: the only
				    commands that may create a missing database */
};

struct st_command {
	const char *name;
	int (*run)(struct st_cli *cli, int argc, char **argv);
	const char *usage;       /* "safetrack import DIR", shown on usage errors */
	const char *summary;     /* one line in Chinese for `safetrack --help` */
};

/* the store, opened on first use in the given mode (a later WRITE request
 * reopens a READ connection); NULL after printing the error to stderr.
 * A missing database is created only if cli->may_create is set; otherwise
 * the error names the file and the two ways out (init, import). */
sqlite3 *st_cli_db(struct st_cli *cli, enum st_store_mode mode);
/* the rule pack with an optional tailoring file, loaded on first use;
 * NULL after printing the errors to stderr */
struct st_pack *st_cli_pack(struct st_cli *cli, const char *tailoring);

/* print "用法: USAGE" (and a one-line reason if fmt is not NULL) to
 * stderr; returns 1, the exit status of a usage error */
int st_cli_usage(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* print "safetrack: message" to stderr; returns 1 */
int st_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* print every kept line of diag to stderr, then "……另有 N 条错误未列出" if some
 * were dropped; returns 1 */
int st_cli_print_diag(const struct st_diag *diag);
/* the same for lines that are not FILE:LINE diagnostics (an unknown subject,
 * a store error): each as "safetrack: line"; returns 1 */
int st_cli_print_errors(const struct st_diag *diag);

/* The common end of a command's getopt_long switch (optstring ":h..."):
 * for 'h' print the usage and help to stdout and return 0; for a missing
 * value (':') or an unknown option give the usage error (return 1).  The
 * caller returns the result as its exit status. */
int st_cli_option(int c, char **argv, const char *usage, const char *help);

/* the id of the enterprise or park (kind: enum st_kind) a person named by
 * code, name or a unique fragment (st_record_resolve); NULL after printing
 * why not (unknown, or the candidates of an ambiguous name).  The caller
 * frees the id. */
char *st_cli_resolve(sqlite3 *db, enum st_kind kind, const char *text);

/* the candidate nearest to word by edit distance, if near enough to be
 * what was meant (1 for short words, up to 3 for long ones); else NULL */
const char *st_cli_nearest(const char *word, const char *const *cands, size_t n);

/* The usage error for an unknown option arg: the nearest of known[0..n-1]
 * (or, if known is NULL, of the options the usage line names) is
 * suggested; --db and --rules are explained as global options that come
 * before the command.  Returns 1. */
int st_cli_unknown_option(const char *usage, const char *arg, const char *const *known,
			  size_t n);

/* the evaluation date of --as-of (NULL: today); on a bad date prints the
 * error and returns -1 */
int st_cli_parse_as_of(const char *arg, st_day *out);

/* A progress line on stderr for a run over many subjects ("已核查 1200/20040
 * 个对象"), rewritten in place at most a few times a second.  Shown only when
 * stderr is a terminal and stdout is not (the results are going to a file
 * or a pipe), so it never mixes with the results on a screen. */
struct st_progress {
	int on;
	size_t done, total;
	long long last_ms;
};
/* count the subjects of the store and decide whether to show progress */
void st_progress_start(struct st_progress *p, sqlite3 *db);
/* one more subject done */
void st_progress_step(struct st_progress *p);
/* clear the line */
void st_progress_end(struct st_progress *p);

/* close cli->db and remove the database file (and its -wal, -shm,
 * -journal) that this command created, after a failed first write */
void st_cli_remove_new_db(struct st_cli *cli);

/* every command, for main.c's table (each in its own cmd_*.c) */
int cmd_import(struct st_cli *cli, int argc, char **argv);
int cmd_export(struct st_cli *cli, int argc, char **argv);
int cmd_check(struct st_cli *cli, int argc, char **argv);
int cmd_overdue(struct st_cli *cli, int argc, char **argv);
int cmd_report(struct st_cli *cli, int argc, char **argv);
int cmd_rules(struct st_cli *cli, int argc, char **argv);
int cmd_inspect(struct st_cli *cli, int argc, char **argv);
int cmd_hazard(struct st_cli *cli, int argc, char **argv);
int cmd_add(struct st_cli *cli, int argc, char **argv);
int cmd_list(struct st_cli *cli, int argc, char **argv);
int cmd_show(struct st_cli *cli, int argc, char **argv);
int cmd_generate(struct st_cli *cli, int argc, char **argv);
int cmd_backup(struct st_cli *cli, int argc, char **argv);
int cmd_restore(struct st_cli *cli, int argc, char **argv);
int cmd_init(struct st_cli *cli, int argc, char **argv);
int cmd_edit(struct st_cli *cli, int argc, char **argv);
int cmd_void(struct st_cli *cli, int argc, char **argv);
int cmd_history(struct st_cli *cli, int argc, char **argv);
int cmd_user(struct st_cli *cli, int argc, char **argv);
int cmd_serve(struct st_cli *cli, int argc, char **argv);

#endif
